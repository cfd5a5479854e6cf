-- One outbox row per transaction instead of one per event (issue 13, docs/benchmarks/products.md, ADR 0025): the
-- events a transaction announces are one row of parallel arrays, in the order they are sent. A chunk of 500 products
-- writes (and, once the broker acknowledged its events, deletes) one row with its two index entries instead of 500
-- rows with 1000, and the headers are stored as the JSON text they were encoded to (no jsonb parse per event). The
-- guarantee is unchanged: the row is written in the transaction of the change, so its events exist exactly when the
-- change committed, and the relay publishes every row that is left.
alter table outbox
    alter column topic type text[] using array[topic],
    alter column message_key type text[] using array[message_key],
    alter column event_id type uuid[] using array[event_id],
    alter column headers type text[] using array[headers::text],
    alter column payload type text[] using array[payload];

alter table outbox rename column topic to topics;           -- base topics (without the deployment's prefix)
alter table outbox rename column message_key to message_keys; -- the record keys: the events' subjects
alter table outbox rename column event_id to event_ids;     -- ce_id of each event, for logs and tests
-- headers: the CloudEvents headers of each event, a JSON object name -> UTF-8 text
alter table outbox rename column payload to payloads;       -- the record values (the events' JSON), byte for byte

alter table outbox add constraint outbox_events_line_up check (
    cardinality(topics) > 0
    and cardinality(message_keys) = cardinality(topics)
    and cardinality(event_ids) = cardinality(topics)
    and cardinality(headers) = cardinality(topics)
    and cardinality(payloads) = cardinality(topics));

-- a row lives for milliseconds on the live path: store the arrays uncompressed
alter table outbox alter column headers set storage external, alter column payloads set storage external;

-- The events waiting in the outbox, one row per event, for people and tests (the relay reads the table).
create view outbox_event as
select o.id as outbox_id, e.position, e.topic, e.message_key, e.event_id, cast(e.headers as jsonb) as headers,
       e.payload, o.created_at
from outbox o,
     unnest(o.topics, o.message_keys, o.event_ids, o.headers, o.payloads)
         with ordinality as e(topic, message_key, event_id, headers, payload, position);
