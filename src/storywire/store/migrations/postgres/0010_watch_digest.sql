-- One message per period for a watch (PostgreSQL dialect of ../0010_watch_digest.sql).
ALTER TABLE watch ADD COLUMN digest TEXT;
