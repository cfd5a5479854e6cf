-- Housekeeping (issue 15): the ingest-worker prunes the idempotency records after a retention
-- (catalog.housekeeping.retention), oldest first and in batches; these indexes find the old rows without a scan.
create index processed_message_processed_at on processed_message (processed_at);
create index request_created_at on request (created_at);
create index request_outcome_completed_at on request_outcome (completed_at);
