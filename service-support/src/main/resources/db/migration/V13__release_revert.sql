-- Issue 16, item 3 (ADR 0021): an admin reverts a release (POST /releases/{id}/revert-status).

-- One row per revert, never deleted (no foreign key: the audit outlives a draft deleted afterwards). id is the
-- RevertRelease command's id, so a redelivered command writes no second row.
create table release_revert (
    id                 uuid        not null primary key,
    tenant_id          text        not null,
    release_id         uuid        not null,
    from_status        text        not null,
    to_status          text        not null,
    reason             text        not null,
    admin_id           text        not null,
    request_id         uuid,
    deleted_product_id text,                                  -- the product soft-deleted by the revert, if any
    deleted_asset_ids  text[]      not null default '{}',     -- assets created for the release and deleted with it
    restored_media     int         not null default 0,        -- promoted files copied back to the temporary bucket
    reverted_at        timestamptz not null default now()
);

create index release_revert_release on release_revert (tenant_id, release_id, reverted_at desc);

-- A reverted approval keeps its row (stage 'reverted', lease cleared, epoch raised), so that the epoch only ever grows
-- and a driver that wakes up after the revert finds its lease gone; a new approval of the release reuses the row.
alter table release_approval drop constraint release_approval_stage_check;
alter table release_approval add constraint release_approval_stage_check
    check (stage in ('promoting', 'creating', 'completed', 'failed', 'reverted'));
