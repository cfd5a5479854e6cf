-- Issue 16: a product is soft-deleted, never removed. DELETE /product/{id} and a release's revert set deleted_at;
-- a deleted product is not listed or read, and its UPC stays spent (the unique index still holds it: a GS1 number,
-- once allocated, is never reused).
alter table product add column deleted_at timestamptz;
