-- Fenced approval drivers (issue 11, item 5). Every take-over of a release's lease raises its epoch; every write a
-- driver makes for the release (media_promotion steps, media rows, the approval's stage, a failure) first checks, under
-- the approval row's lock, that the row still names its owner and epoch. A driver paused past its lease and replaced by
-- another can then change nothing.
alter table release_approval add column lease_epoch bigint not null default 0;
