-- Watching the news: sources and their fetch state, the items seen in them,
-- saved searches (watches), the stories each watch has alerted on, and an alert outbox.
-- Everything is written before it is acted upon, so a restart neither loses nor repeats.

CREATE TABLE source (
    id            INTEGER PRIMARY KEY,
    url           TEXT NOT NULL UNIQUE,       -- the feed or sitemap URL
    kind          TEXT NOT NULL,              -- feed | sitemap
    title         TEXT,
    site_url      TEXT,
    added_at      TEXT NOT NULL,
    etag          TEXT,                       -- conditional GET state
    last_modified TEXT,
    last_poll     TEXT,
    last_status   INTEGER,
    next_due      TEXT NOT NULL,
    interval_s    REAL NOT NULL,              -- adaptive poll interval
    items_seen    INTEGER NOT NULL DEFAULT 0,
    errors        INTEGER NOT NULL DEFAULT 0, -- failed polls and page fetches, in all
    last_error    TEXT
);
CREATE INDEX source_due ON source(next_due);

-- One row per item URL, whichever source named it first: a page is fetched once.
CREATE TABLE source_item (
    url            TEXT PRIMARY KEY,
    source_id      INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
    guid           TEXT,
    title          TEXT,
    published      TEXT,
    seen_at        TEXT NOT NULL,
    state          TEXT NOT NULL,             -- pending | fetched | failed
    attempts       INTEGER NOT NULL DEFAULT 0,
    next_attempt   TEXT NOT NULL,
    capture_sha256 TEXT,
    error          TEXT
);
CREATE INDEX source_item_pending ON source_item(state, next_attempt);

CREATE TABLE watch (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    query       TEXT NOT NULL,
    targets     TEXT NOT NULL DEFAULT '[]',   -- JSON: ["atom:PATH", "webhook:URL", "email:ADDR"]
    created_at  TEXT NOT NULL,
    cursor      INTEGER NOT NULL DEFAULT 0    -- last article rowid evaluated
);

-- What a watch has told about a story: the outlets alerted so far and the ones seen since.
CREATE TABLE watch_story (
    watch_id        INTEGER NOT NULL REFERENCES watch(id) ON DELETE CASCADE,
    story_key       TEXT NOT NULL,            -- article.story_id, else copy_of, else id
    outlets         TEXT NOT NULL,            -- JSON list: every matching outlet seen
    alerted_outlets TEXT NOT NULL,            -- JSON list: those already in an alert
    articles        TEXT NOT NULL,            -- JSON list of article ids
    headline        TEXT,
    first_outlet    TEXT,
    first_seen      TEXT,                     -- earliest publication (or ingestion) time
    link            TEXT,
    last_alert_at   TEXT NOT NULL,
    PRIMARY KEY (watch_id, story_key)
);

CREATE TABLE alert (
    id          INTEGER PRIMARY KEY,
    watch_id    INTEGER NOT NULL REFERENCES watch(id) ON DELETE CASCADE,
    story_key   TEXT NOT NULL,
    kind        TEXT NOT NULL,                -- new | update
    created_at  TEXT NOT NULL,
    payload     TEXT NOT NULL                 -- JSON: headline, outlets, first report, link
);
CREATE INDEX alert_watch ON alert(watch_id, id);

-- The outbox: one row per alert and target, written with the alert, sent afterwards.
CREATE TABLE delivery (
    alert_id     INTEGER NOT NULL REFERENCES alert(id) ON DELETE CASCADE,
    target       TEXT NOT NULL,
    state        TEXT NOT NULL,               -- pending | sent | dead
    attempts     INTEGER NOT NULL DEFAULT 0,
    next_attempt TEXT NOT NULL,
    last_error   TEXT,
    sent_at      TEXT,
    PRIMARY KEY (alert_id, target)
);
CREATE INDEX delivery_due ON delivery(state, next_attempt);
