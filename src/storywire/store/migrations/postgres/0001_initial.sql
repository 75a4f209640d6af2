-- storywire schema, version 1 (PostgreSQL dialect of ../0001_initial.sql): captures,
-- articles, full-text search, learned junk statistics. Times stay ISO-8601 text and JSON
-- stays text, as in SQLite, so both stores compare and return them alike; ``seq`` stands
-- for SQLite's rowid (storage order).

CREATE TABLE capture (
    seq         BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
    sha256      TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    origin      TEXT NOT NULL,
    url         TEXT,
    fetched_at  TEXT,
    meta        TEXT NOT NULL DEFAULT '{}',
    raw_size    BIGINT NOT NULL,
    raw         BYTEA NOT NULL,              -- zlib-compressed raw bytes
    stored_at   TEXT NOT NULL,
    error       TEXT
);

CREATE TABLE article (
    seq             BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
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
    figures         TEXT NOT NULL DEFAULT '[]',
    -- Full-text search: the title weighs A, the body B (ranked 5 to 1 like FTS5's bm25
    -- weights); 'simple' folds case without stemming, and ASCII punctuation becomes space
    -- first, so words split as FTS5's unicode61 tokenizer splits them (the default parser
    -- would keep "window.__pwned" or "a@b.org" whole, hiding the words in them).
    search          TSVECTOR GENERATED ALWAYS AS (
                        setweight(to_tsvector('simple', translate(coalesce(title, ''),
                            '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~', '                                ')), 'A')
                        || setweight(to_tsvector('simple', translate(text,
                            '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~', '                                ')), 'B')) STORED
);
CREATE INDEX article_outlet ON article(outlet);
CREATE INDEX article_published ON article(published);
CREATE INDEX article_ingested ON article(ingested_at);
CREATE INDEX article_search ON article USING GIN (search);

CREATE TABLE outlet_line (
    outlet    TEXT NOT NULL,
    line_key  TEXT NOT NULL,
    articles  BIGINT NOT NULL,
    sample    TEXT NOT NULL,
    PRIMARY KEY (outlet, line_key)
);
CREATE TABLE outlet_stat (
    outlet    TEXT PRIMARY KEY,
    articles  BIGINT NOT NULL
);
