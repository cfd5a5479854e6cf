-- Workspace settings and UPC blocks as data, written by the ingest-worker (the single writer) and read by the
-- gateway. A GTIN is unique across all workspaces.

-- A setting a workspace admin changed; a setting without a row has the default of catalog.workspace.defaults.*.
-- The value is kept in its normalized text form (common.workspace.WorkspaceSetting).
create table workspace_setting (
    tenant_id  text        not null,
    name       text        not null,
    value      text        not null,
    request_id uuid,
    updated_at timestamptz not null default now(),
    primary key (tenant_id, name)
);

-- A GS1 company prefix belongs to one workspace. gs1_prefix is the prefix in its GTIN-13 form (a GTIN-12 prefix
-- with a leading zero), so the same company's GTIN-12 and GTIN-13 blocks share it.
create table gs1_prefix (
    gs1_prefix text        primary key,
    tenant_id  text        not null,
    created_at timestamptz not null default now()
);

-- A block of a workspace: the item references of a prefix it may allocate, as GTIN-12 or GTIN-13. first_body and
-- last_body place the block's numbers on one line (the GTIN without its check digit, as a number; see
-- common.upc.UpcBlock), where a GTIN-12 and its GTIN-13 form coincide: no two blocks of any workspaces overlap on
-- it, retired ones included (their numbers stay reserved). next_item_reference is the block's counter, advanced
-- only in the transaction that stores the products its numbers go to.
create table upc_block (
    id                   uuid        primary key,
    tenant_id            text        not null,
    company_prefix       text        not null,
    gtin_length          int         not null check (gtin_length in (12, 13)),
    gs1_prefix           text        not null references gs1_prefix (gs1_prefix),
    first_item_reference bigint      not null check (first_item_reference >= 0),
    last_item_reference  bigint      not null check (last_item_reference >= first_item_reference),
    next_item_reference  bigint      not null,
    first_body           bigint      not null,
    last_body            bigint      not null check (last_body >= first_body),
    status               text        not null default 'active' check (status in ('active', 'retired')),
    request_id           uuid,
    created_at           timestamptz not null default now(),
    retired_at           timestamptz,
    check (next_item_reference between first_item_reference and last_item_reference + 1),
    constraint upc_block_no_overlap exclude using gist (int8range(first_body, last_body, '[]') with &&)
);
create index upc_block_tenant on upc_block (tenant_id, created_at, id);

-- The shared counters of the configured blocks are gone with them.
drop table upc_counter;

-- A GTIN (normalized to 14 digits in upc_key) is unique across all workspaces, no longer per workspace. Rows stored
-- before this migration may hold one GTIN in two workspaces (typed in by hand); the earliest keeps its key, the
-- later ones keep their upc text but lose the key, so they no longer block anyone and are easy to find
-- (upc_key is null while upc is not a TEMP placeholder).
update product p set upc_key = null
where p.upc_key is not null
  and exists (select 1 from product q
              where q.upc_key = p.upc_key
                and (q.created_at, q.tenant_id, q.id) < (p.created_at, p.tenant_id, p.id));
drop index product_tenant_upc_key;
create unique index product_upc_key on product (upc_key);

-- Why a product got the UPC it has, when there is something to say: a TEMP placeholder because the workspace has no
-- block of its own or auto-UPC is off, or a warning that the workspace's blocks are running low.
alter table product add column upc_notice text;
