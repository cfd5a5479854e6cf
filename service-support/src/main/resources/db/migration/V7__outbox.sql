-- Transactional outbox: every outcome event is written here in the transaction of the change it announces, then
-- published to Kafka right after the commit by the same thread; a relay in every worker publishes whatever is left
-- (a crash or a broker outage between commit and publish) and deletes what the broker acknowledged.
create table outbox (
    id          bigserial   primary key,
    topic       text        not null, -- base topic (without the deployment's prefix)
    message_key text        not null, -- the record key: the event's subject
    event_id    uuid        not null, -- ce_id, for logs and tests; not unique (a re-announcement repeats it)
    headers     jsonb       not null, -- the CloudEvents headers, name -> UTF-8 text
    payload     text        not null, -- the record value (the event's JSON), byte for byte
    created_at  timestamptz not null default now()
);

-- the relay reads the oldest first
create index outbox_created_at on outbox (created_at, id);
