-- Durable re-send of unacknowledged commands (issue 11 item 4, docs/adr/0014): when the broker did not acknowledge a
-- command in time, the gateway answers 202 and keeps the encoded command in the request row, so that a re-sender on any
-- gateway replica sends it until the broker acknowledges a copy, even if the gateway that accepted it died. Workers
-- dedupe on ce_id (the request id), so copies are harmless. The command is cleared once a copy is acknowledged.
alter table request add column command_topic   text;  -- base topic (without the deployment's prefix)
alter table request add column command_key     text;  -- the record key
alter table request add column command_headers jsonb; -- the CloudEvents headers, name -> UTF-8 text
alter table request add column command_payload text;  -- the record value (the command's JSON), byte for byte
alter table request add column resend_after    timestamptz; -- when a re-sender may take it next
alter table request add column resend_attempts integer not null default 0;

-- the re-senders look only at unacknowledged commands
create index request_resend_due on request (resend_after) where publication = 'unknown' and command_payload is not null;
