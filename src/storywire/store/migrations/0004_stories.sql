-- Stories: one row per story with the story stage's centroid vectors, the index that
-- finds candidate stories for a new article (one row per key and story, with the story's
-- last activity so that closed stories are never read), and the document frequencies of
-- hashed terms (the IDF of the online TF-IDF). docs/stories.md explains the design.

CREATE TABLE story (
    id          TEXT PRIMARY KEY,          -- the id of the article that started it
    headline    TEXT,
    language    TEXT,
    first_seen  TEXT,                      -- earliest publication time of a report
    last_seen   TEXT,                      -- latest publication time of a report
    active      TEXT,                      -- stream time of the latest report (closing)
    reports     INTEGER NOT NULL DEFAULT 0,
    terms       BLOB NOT NULL DEFAULT x'', -- centroid of the reports' TF-IDF vectors
    names       BLOB NOT NULL DEFAULT x'', -- centroid of their name vectors
    updated_at  TEXT NOT NULL
);
CREATE INDEX story_last_seen ON story(last_seen);

-- key: a hashed term or name (tagged by route); active: the story's activity, '9999' when
-- unknown (never closes by time). Candidates are one bounded range read per key.
CREATE TABLE story_key (
    story_id  TEXT NOT NULL,
    key       INTEGER NOT NULL,
    active    TEXT NOT NULL,
    PRIMARY KEY (story_id, key)
) WITHOUT ROWID;
CREATE INDEX story_key_lookup ON story_key(key, active);

-- Which originals shaped which story's centroids: when one later turns out to be a copy
-- (an earlier original arrived), its vector is taken out again.
CREATE TABLE story_report (
    article_id  TEXT PRIMARY KEY,
    story_id    TEXT NOT NULL
);

CREATE TABLE story_term (
    feature  INTEGER PRIMARY KEY,
    docs     INTEGER NOT NULL
);

CREATE TABLE story_meta (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

CREATE INDEX article_story ON article(story_id);
