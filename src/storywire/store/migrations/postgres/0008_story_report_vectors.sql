-- Each original's own vectors and index keys, kept with the story it shaped (PostgreSQL
-- dialect of ../0008_story_report_vectors.sql).
ALTER TABLE story_report ADD COLUMN terms BYTEA NOT NULL DEFAULT ''::bytea;
ALTER TABLE story_report ADD COLUMN names BYTEA NOT NULL DEFAULT ''::bytea;
ALTER TABLE story_report ADD COLUMN keys BYTEA NOT NULL DEFAULT ''::bytea;
CREATE INDEX story_report_story ON story_report(story_id);
