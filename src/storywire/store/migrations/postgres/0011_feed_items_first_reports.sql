-- A feed item's author and a watch story's first report (PostgreSQL dialect of
-- ../0011_feed_items_first_reports.sql).
ALTER TABLE source_item ADD COLUMN author TEXT;
ALTER TABLE watch_story ADD COLUMN first_article TEXT;
ALTER TABLE watch_story ADD COLUMN first_copy INTEGER NOT NULL DEFAULT 0;
