-- Foundation: message deduplication, request registry and outcomes, products.

-- A consumer's record of the messages it has applied; inserted in the same transaction as the write it guards.
create table processed_message (
    consumer     text        not null,
    message_id   uuid        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, message_id)
);

-- Requests accepted by the gateway (the only table the gateway writes): the request id it answered with, and the
-- idempotency key and body fingerprint a retry is matched against.
create table request (
    request_id      uuid        primary key,
    tenant_id       text        not null,
    kind            text        not null,
    resource_id     text,
    idempotency_key text,
    body_hash       text,
    created_at      timestamptz not null default now(),
    unique (tenant_id, idempotency_key)
);

-- What became of a request: written by the worker that applied it, in the same transaction as the effect.
create table request_outcome (
    request_id    uuid        primary key,
    tenant_id     text        not null,
    outcome       text        not null check (outcome in ('succeeded', 'rejected')),
    resource_type text        not null,
    resource_id   text,
    http_status   int         not null,
    message       text,
    errors        jsonb       not null default '[]'::jsonb,
    event_id      uuid        not null,
    event_source  text        not null,
    event_topic   text        not null,
    event_subject text        not null,
    event_type    text        not null,
    event_payload jsonb       not null,
    completed_at  timestamptz not null default now()
);

create table product (
    tenant_id      text        not null,
    id             text        not null,
    title          text        not null,
    upc            text,
    catalog_number text,
    external_id    text,
    display_artist text,
    type           text        not null,
    version        text,
    explicit       boolean     not null default false,
    release_date   date,
    takedown_date  date,
    main_genre     text,
    sub_genre      text,
    status         text        not null,
    format         text,
    label          text,
    copyright      text,
    publisher      text,
    contributors   jsonb,
    distribution   jsonb,
    metadata       jsonb,
    request_id     uuid,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    primary key (tenant_id, id),
    unique (tenant_id, upc)
);

create index product_tenant_updated on product (tenant_id, updated_at desc);
