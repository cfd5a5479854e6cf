-- Issue 16, items 4 and 6: the lists of artists and assets and a user's own releases.
-- GET /artist and GET /asset page a workspace's rows newest first (updated_at for artists, created_at for assets by
-- default); a plain user's GET /releases and GET /releases/stats read only the releases they own.
create index artist_tenant_updated on artist (tenant_id, updated_at desc, id);
create index asset_tenant_created on asset (tenant_id, created_at desc, id);
create index release_tenant_owner on release (tenant_id, owner_id, created_at desc);
