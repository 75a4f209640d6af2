-- storywire schema, version 1: captures, articles, full-text index, learned junk statistics.

CREATE TABLE capture (
    sha256      TEXT PRIMARY KEY,            -- SHA-256 of the raw bytes: the idempotency key
    kind        TEXT NOT NULL,               -- html | text | record
    origin      TEXT NOT NULL,               -- file path, "path:line N" or "path @ record N"
    url         TEXT,
    fetched_at  TEXT,
    meta        TEXT NOT NULL DEFAULT '{}',  -- JSON: HTTP / WARC facts
    raw_size    INTEGER NOT NULL,
    raw         BLOB NOT NULL,               -- zlib-compressed raw bytes
    stored_at   TEXT NOT NULL,
    error       TEXT                         -- why extraction failed, if it did
);

CREATE TABLE article (
    id              TEXT PRIMARY KEY,
    capture_sha256  TEXT NOT NULL UNIQUE REFERENCES capture(sha256),
    origin          TEXT NOT NULL,
    source_id       TEXT,
    url             TEXT,
    canonical_url   TEXT,
    outlet          TEXT,
    title           TEXT,
    authors         TEXT NOT NULL DEFAULT '[]',
    published       TEXT,
    language        TEXT,
    text            TEXT NOT NULL,
    removed         TEXT NOT NULL DEFAULT '[]',
    removed_reasons TEXT NOT NULL DEFAULT '[]',
    ingested_at     TEXT NOT NULL,
    copy_of         TEXT,
    copy_kind       TEXT,
    copy_evidence   TEXT,
    story_id        TEXT,
    quotes          TEXT NOT NULL DEFAULT '[]',
    entities        TEXT NOT NULL DEFAULT '[]',
    figures         TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX article_outlet ON article(outlet);
CREATE INDEX article_published ON article(published);
CREATE INDEX article_ingested ON article(ingested_at);

CREATE VIRTUAL TABLE article_fts USING fts5(
    title, text,
    content='article', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER article_fts_insert AFTER INSERT ON article BEGIN
    INSERT INTO article_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER article_fts_delete AFTER DELETE ON article BEGIN
    INSERT INTO article_fts(article_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER article_fts_update AFTER UPDATE OF title, text ON article BEGIN
    INSERT INTO article_fts(article_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO article_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;

-- Learned junk: how many articles of an outlet carry a (normalised) short line.
CREATE TABLE outlet_line (
    outlet    TEXT NOT NULL,
    line_key  TEXT NOT NULL,
    articles  INTEGER NOT NULL,
    sample    TEXT NOT NULL,
    PRIMARY KEY (outlet, line_key)
) WITHOUT ROWID;
CREATE TABLE outlet_stat (
    outlet    TEXT PRIMARY KEY,
    articles  INTEGER NOT NULL
);
