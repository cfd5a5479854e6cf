-- The webhook-dispatcher asks once per poll which of the poll's workspaces may need a delivery: webhooks on
-- (workspace_setting's primary key), or a delivery still pending (ADR 0026). Pending deliveries are few; this index
-- holds only them, so the question does not scan a workspace's whole delivery log.
create index webhook_delivery_pending on webhook_delivery (tenant_id) where status = 'pending';
