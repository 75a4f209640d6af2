-- Work a run owes and has not done yet (PostgreSQL dialect of ../0009_deferred.sql).
CREATE TABLE deferred (
    seq      BIGSERIAL PRIMARY KEY,  -- the order the work was owed in
    kind     TEXT NOT NULL,
    key      TEXT NOT NULL,
    payload  TEXT NOT NULL DEFAULT '{}',
    UNIQUE (kind, key)
);
