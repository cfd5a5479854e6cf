-- Releases (Royalti's draft → review → catalog workflow), their tracks, and the media files uploaded for them.
-- Written only by the ingest-worker (create, submit, media registration and deletion) and the approval-worker
-- (review outcome, promotion, auto-creation); the gateway reads.

-- A release of a tenant. Status moves as common.release.ReleaseStatus says:
-- draft → submitted → approved → completed; submitted → rejected → submitted.
create table release (
    tenant_id            text        not null,
    id                   uuid        not null primary key,
    owner_id             text        not null,                  -- the user it belongs to (Royalti's TenantUserId)
    status               text        not null default 'draft'
                         check (status in ('draft', 'submitted', 'approved', 'rejected', 'completed')),
    title                text        not null,
    display_artist       text        not null,
    artists              jsonb       not null default '[]'::jsonb,  -- [{"artist": name or uuid, "type": "primary"|"featuring"}]
    format               text,                                  -- as given by the client (Single, EP, Album, ...)
    type                 text,                                  -- Audio, Video, Mixed
    version              text,
    label                text,
    copyright            text,
    description          text,
    main_genre           text[]      not null default '{}',
    sub_genre            text[]      not null default '{}',
    release_date         date,
    pre_release_date     date,
    explicit             text        check (explicit in ('explicit', 'clean')),
    contributors         jsonb,
    metadata             jsonb       not null default '{}'::jsonb,  -- free-form; "upc" and "catalogNumber" live here
    submitted_at         timestamptz,
    reviewed_at          timestamptz,
    reviewed_by          text,
    feedback             text,
    completed_at         timestamptz,
    auto_creation_status text        check (auto_creation_status in ('pending', 'success', 'failed')),
    auto_creation_error  text,
    created_product_id   text,                                  -- product.id of the product auto-created from it
    request_id           uuid,                                  -- the HTTP request that created it
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    unique (tenant_id, id)
);

create index release_tenant_created on release (tenant_id, created_at desc);
create index release_tenant_status on release (tenant_id, status, created_at desc);

-- A track of a release. duration is what the client declared (seconds); the measured duration of the track's
-- file is in its media row's metadata.
create table release_track (
    id             uuid        not null primary key,
    tenant_id      text        not null,
    release_id     uuid        not null,
    track_number   int         not null check (track_number >= 1),
    title          text        not null,
    version        text,
    isrc           text,                                        -- 12 characters, no hyphens
    iswc           text,
    duration       numeric(10, 3) check (duration >= 0),
    display_artist text,
    artists        jsonb       not null default '[]'::jsonb,    -- same shape as release.artists
    explicit       boolean     not null default false,
    language       text,
    main_genre     text[]      not null default '{}',
    sub_genre      text[]      not null default '{}',
    contributors   jsonb,
    metadata       jsonb,
    asset_id       text,                                        -- asset.id once the approved release created it
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    foreign key (tenant_id, release_id) references release (tenant_id, id) on delete cascade,
    unique (release_id, track_number),
    unique (release_id, id)
);

-- A file of a release (track_id null) or of one of its tracks, one row per object key. status:
--   registered  inspected and accepted; the object is in the temporary bucket
--   rejected    the latest upload to this key was refused (rejection holds why); the object was deleted
--   promoted    copied to the permanent bucket by the approval-worker (bucket then names it)
-- type is Royalti's media type decided from the bytes (audio|image|video|document), mime_type likewise;
-- metadata holds what inspection read: duration (s), bitrate (kbit/s), sampleRate (Hz), channels,
-- bitsPerSample, codec, width, height (px).
create table media (
    id            uuid        not null primary key,
    tenant_id     text        not null,
    release_id    uuid        not null,
    track_id      uuid,
    bucket        text        not null,
    object_key    text        not null,                          -- Royalti's cloudId
    name          text        not null,                          -- sanitized file name
    type          text        check (type in ('audio', 'image', 'video', 'document')),
    mime_type     text,
    size          bigint      not null check (size >= 0),
    sha256        text        not null,                          -- hex, of the bytes as uploaded
    status        text        not null check (status in ('registered', 'rejected', 'promoted')),
    rejection     text,
    metadata      jsonb       not null default '{}'::jsonb,
    uploaded_at   timestamptz not null,
    registered_at timestamptz not null default now(),
    promoted_at   timestamptz,
    request_id    uuid,
    unique (tenant_id, object_key),
    foreign key (tenant_id, release_id) references release (tenant_id, id) on delete cascade,
    foreign key (release_id, track_id) references release_track (release_id, id) on delete cascade
);

create index media_release on media (release_id, status);
