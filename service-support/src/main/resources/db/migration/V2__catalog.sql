-- Catalog: artists and assets a product refers to, a product's artists and tracks, UPC allocation.

-- An artist of a tenant; label, copyright and publisher are its defaults for the products it is primary on.
create table artist (
    tenant_id  text        not null,
    id         text        not null,
    name       text        not null,
    label      text,
    copyright  text,
    publisher  text,
    request_id uuid,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    primary key (tenant_id, id)
);

-- An asset (track) of a tenant. isrc is kept without hyphens (12 characters); duration in whole seconds.
create table asset (
    tenant_id        text        not null,
    id               text        not null,
    title            text        not null,
    display_artist   text,
    isrc             text,
    duration_seconds int         check (duration_seconds >= 0),
    type             text        not null check (type in ('Audio', 'Video')),
    request_id       uuid,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    primary key (tenant_id, id)
);

-- The UPC is unique per tenant in one normalized form: a real GTIN-12 or GTIN-13 zero-padded to 14 digits, so
-- 036000291452 and 0036000291452 collide. Placeholder UPCs (TEMP + id) have no key and are not unique: two custom
-- ids sharing their first 12 characters share the placeholder.
alter table product add column upc_key text;
alter table product add column message_id uuid;
alter table product drop constraint if exists product_tenant_id_upc_key;
create unique index product_tenant_upc_key on product (tenant_id, upc_key);
create index product_tenant_created on product (tenant_id, created_at desc);
create index product_tenant_title on product (tenant_id, title);

create table product_artist (
    tenant_id  text not null,
    product_id text not null,
    artist_id  text not null,
    type       text not null check (type in ('primary', 'featuring')),
    position   int  not null,
    primary key (tenant_id, product_id, artist_id),
    foreign key (tenant_id, product_id) references product (tenant_id, id) on delete cascade,
    foreign key (tenant_id, artist_id) references artist (tenant_id, id)
);

create table product_asset (
    tenant_id  text not null,
    product_id text not null,
    asset_id   text not null,
    number     int  not null check (number >= 1),
    primary key (tenant_id, product_id, number),
    unique (tenant_id, product_id, asset_id),
    foreign key (tenant_id, product_id) references product (tenant_id, id) on delete cascade,
    foreign key (tenant_id, asset_id) references asset (tenant_id, id)
);
create index product_asset_asset on product_asset (tenant_id, asset_id);

-- The next item reference of a GS1 company-prefix block (block = prefix and first item reference). The row is
-- advanced inside the transaction that stores the products the numbers go to, so a number is issued once: a rolled
-- back transaction gives its numbers back, a committed one keeps them for ever.
create table upc_counter (
    block               text   primary key,
    next_item_reference bigint not null check (next_item_reference >= 0)
);
