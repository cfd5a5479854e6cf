-- Approval: what applying a release's approval set in motion (promotion of its media, auto-creation of its
-- catalog entries) and how far each step got, so that a worker that crashes or is stopped at any point can be
-- restarted and finish the rest. Written by the approval-worker, except release_auto_creation, product_media and
-- asset_media (the ingest-worker, in the transaction that creates the catalog entries).

-- One approved release and the stage of its side effects:
--   promoting  media are being copied to the permanent bucket
--   creating   media are permanent; CreateProductFromRelease was (or is about to be) sent
--   completed  the product exists; the release is completed
--   failed     promotion or auto-creation failed for good; the release stays approved, auto_creation_status=failed
-- product_id and command_id are decided once, when the approval is applied, so a resent command is the same
-- command (same ce_id, same product id) and is applied once. A lease (owner + expiry) keeps two workers from
-- driving the same release at once; an expired lease means its holder died and anyone may take over.
create table release_approval (
    release_id       uuid        not null primary key,
    tenant_id        text        not null,
    review_id        uuid        not null,                 -- ce_id of the ReleaseApproved applied
    request_id       uuid,                                 -- the HTTP request behind the review, if any
    product_id       text        not null,
    command_id       uuid        not null,
    stage            text        not null default 'promoting'
                     check (stage in ('promoting', 'creating', 'completed', 'failed')),
    lease_owner      text,
    lease_until      timestamptz,
    attempts         int         not null default 0,
    last_error       text,
    approved_at      timestamptz not null default now(),
    promoted_at      timestamptz,
    command_sent_at  timestamptz,
    finished_at      timestamptz,
    foreign key (tenant_id, release_id) references release (tenant_id, id) on delete cascade
);

create index release_approval_unfinished on release_approval (lease_until) where stage in ('promoting', 'creating');

-- One file of an approved release on its way to the permanent bucket. Each step is recorded when done:
--   method       how the permanent object came to be (copy | multipart | found: an earlier attempt had copied it)
--   verified_at  the permanent object's size and sha256 metadata match the media row
--   temp_deleted_at  the temporary object is gone (only ever after verified_at)
--   announced_at MediaPromoted was published (the media row says promoted from the same transaction as verified
--                and temp_deleted: see MediaPromotion)
create table media_promotion (
    media_id         uuid        not null primary key references media (id) on delete cascade,
    tenant_id        text        not null,
    release_id       uuid        not null,
    object_key       text        not null,
    method           text        check (method in ('copy', 'multipart', 'found')),
    verified_at      timestamptz,
    temp_deleted_at  timestamptz,
    announced_at     timestamptz,
    attempts         int         not null default 0,
    last_error       text,
    created_at       timestamptz not null default now()
);

create index media_promotion_release on media_promotion (release_id);

-- What creating the catalog entries of an approved release came to (ingest-worker, same transaction as the
-- entries): the outcome event is kept so that a redelivered command announces the same event again.
create table release_auto_creation (
    release_id    uuid        not null primary key,
    tenant_id     text        not null,
    product_id    text        not null,
    command_id    uuid        not null,
    succeeded     boolean     not null,
    event_id      uuid        not null,
    event_type    text        not null,
    event_payload jsonb       not null,
    created_at    timestamptz not null default now()
);

-- Promoted release-level files attached to the product auto-created from the release, and promoted track files
-- attached to the track's asset (Royalti: "release files become product media, the track file becomes asset
-- media"). The media row is the file: its bucket and key name the permanent object.
create table product_media (
    tenant_id  text not null,
    product_id text not null,
    media_id   uuid not null references media (id) on delete cascade,
    position   int  not null,
    primary key (tenant_id, product_id, media_id),
    foreign key (tenant_id, product_id) references product (tenant_id, id) on delete cascade
);

create table asset_media (
    tenant_id text not null,
    asset_id  text not null,
    media_id  uuid not null references media (id) on delete cascade,
    primary key (tenant_id, asset_id, media_id),
    foreign key (tenant_id, asset_id) references asset (tenant_id, id) on delete cascade
);

create index asset_media_media on asset_media (media_id);
create index product_media_media on product_media (media_id);
