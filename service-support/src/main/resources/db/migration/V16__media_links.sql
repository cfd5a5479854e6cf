-- External media links (issue 16 item 2, docs/adr/0022-external-media-links.md). A media row with link_url is a file
-- a client named by URL instead of uploading it ({"isLink": true}). Until the release is promoted nothing is fetched:
-- such a row has no sha256 yet, size 0, and upload_key names where promotion will write the fetched bytes in the
-- temporary bucket. Promotion fetches the link (streamed, bounded, type-checked), records size, sha256, ETag and
-- type here, then copies it to the media key like an upload.
alter table media add column link_url text;
alter table media alter column sha256 drop not null;
alter table media add constraint media_sha256_or_link check (sha256 is not null or link_url is not null);
