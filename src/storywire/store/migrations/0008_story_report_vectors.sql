-- Each original's own vectors and index keys, kept with the story it shaped, so that the
-- story stage can take a second look at a story's reports (split one whose reports form
-- two groups: docs/stories.md) and take an original's exact vector out again when it
-- turns out to be a copy. Stores made before need `storywire reprocess --stage stories`
-- (the story scheme changed with this migration, so the stage says so).
ALTER TABLE story_report ADD COLUMN terms BLOB NOT NULL DEFAULT x'';
ALTER TABLE story_report ADD COLUMN names BLOB NOT NULL DEFAULT x'';
ALTER TABLE story_report ADD COLUMN keys BLOB NOT NULL DEFAULT x'';
CREATE INDEX story_report_story ON story_report(story_id);
