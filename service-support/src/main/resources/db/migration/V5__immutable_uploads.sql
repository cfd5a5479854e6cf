-- Immutable temporary objects (issue 9). Each upload writes its own object in the temporary bucket at an upload key
-- ({tenant}/releases/{release}/uploads/{uploadId}/{name}) that is never overwritten; media.object_key stays the media
-- key (Royalti's cloudId, the permanent key of DESIGN.md §4).
--   upload_key  the temporary object this row registered (while bucket is the temporary bucket, the object is there;
--               once promoted, the permanent object is at object_key in the permanent bucket)
--   etag        the ETag S3 acknowledged when the gateway completed that object; promotion copies only an object
--               with this ETag (copy-if-match), so the permanent bytes are the ones whose sha256 the row records
-- Rows from before this migration stored the object at the media key itself.
alter table media add column upload_key text;
alter table media add column etag text;
update media set upload_key = object_key where upload_key is null;
alter table media alter column upload_key set not null;

create index media_upload_key on media (upload_key);
