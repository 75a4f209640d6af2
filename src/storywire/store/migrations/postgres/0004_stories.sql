-- Stories (PostgreSQL dialect of ../0004_stories.sql): stories with their centroids, the
-- story index (one row per key and story, with the story's activity), term statistics.

CREATE TABLE story (
    id          TEXT PRIMARY KEY,
    headline    TEXT,
    language    TEXT,
    first_seen  TEXT,
    last_seen   TEXT,
    active      TEXT,
    reports     BIGINT NOT NULL DEFAULT 0,
    terms       BYTEA NOT NULL DEFAULT ''::bytea,
    names       BYTEA NOT NULL DEFAULT ''::bytea,
    updated_at  TEXT NOT NULL
);
CREATE INDEX story_last_seen ON story(last_seen);

CREATE TABLE story_key (
    story_id  TEXT NOT NULL,
    key       BIGINT NOT NULL,
    active    TEXT NOT NULL,
    PRIMARY KEY (story_id, key)
);
CREATE INDEX story_key_lookup ON story_key(key, active);

CREATE TABLE story_report (
    seq         BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    article_id  TEXT PRIMARY KEY,
    story_id    TEXT NOT NULL
);

CREATE TABLE story_term (
    feature  BIGINT PRIMARY KEY,
    docs     BIGINT NOT NULL
);

CREATE TABLE story_meta (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

CREATE INDEX article_story ON article(story_id);
