-- Webhooks (issue 14). The URL, the active flag and the enabled events are workspace settings (workspace_setting,
-- written by the ingest-worker). The signing secret and the delivery log live here.

-- A workspace's signing secret. Written by the gateway only (POST /tenant/webhooks/secret), never through Kafka, so
-- that it is in no topic and no request outcome (ADR 0010); read by the webhook-dispatcher to sign deliveries.
create table webhook_secret (
    tenant_id  text        primary key,
    secret     text        not null,
    created_at timestamptz not null default now()
);

-- One delivery of one event to one workspace, written by the webhook-dispatcher. An event is delivered once per
-- workspace (unique event id): a dispatcher that reads it again after a crash continues the row instead of starting
-- a second delivery. The gateway reads the log (GET /tenant/webhooks/deliveries) and asks for a re-send of a
-- failed delivery by setting resend_requested_at; the dispatcher picks it up.
create table webhook_delivery (
    id                  text        primary key,
    tenant_id           text        not null,
    event_id            uuid        not null,
    event               text        not null,
    event_type          text        not null,
    subject             text,
    request_id          text,
    event_time          timestamptz not null,
    payload             text        not null,
    url                 text        not null,
    status              text        not null check (status in ('pending', 'success', 'failed', 'cancelled')),
    attempts            int         not null default 0,
    max_attempts        int         not null,
    last_status_code    int,
    last_error          text,
    next_retry_at       timestamptz,
    resend_requested_at timestamptz,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    delivered_at        timestamptz,
    unique (tenant_id, event_id)
);

create index webhook_delivery_by_tenant on webhook_delivery (tenant_id, created_at desc, id);
create index webhook_delivery_resends on webhook_delivery (resend_requested_at) where resend_requested_at is not null;
