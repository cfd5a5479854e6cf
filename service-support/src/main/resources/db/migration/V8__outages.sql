-- Outages (issue 11, docs/adr/0008): what the gateway must remember about a request for nothing to be stranded.

-- The temporary object a media registration is about. While its request has no outcome (the command is on its way,
-- waiting out an outage, or in a dead-letter topic) the orphan sweeper keeps the object.
alter table request add column object_key text;
create index request_object_key on request (object_key) where object_key is not null;

-- Whether the broker took the request's command: 'pending' while the gateway publishes it, 'sent' once the broker
-- acknowledged it, 'unknown' when the gateway stopped waiting before the producer gave up (it may still arrive).
-- Rows from before this migration were all acknowledged.
alter table request add column publication text not null default 'sent'
    check (publication in ('pending', 'sent', 'unknown'));
