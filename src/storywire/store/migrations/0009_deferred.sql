-- Work a run owes and has not done yet, written in the same transaction as the batch that
-- made it owed and deleted in the transaction that does it, so that a run killed in
-- between leaves a note the next run (or `storywire repair`) finishes from:
--   settle   key = article id: the later stages (understand, stories) of a stored batch
--   learned  key = outlet: its learned junk when a run first met it, and every line key
--            judged junk since (payload JSON), to name the articles to rebuild
--   host     key = host: an outlet name was learned for it (its articles take the name)
--   rebuild  key = capture SHA-256: an article to rebuild with the learned junk as it is
CREATE TABLE deferred (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,  -- the order the work was owed in
    kind     TEXT NOT NULL,
    key      TEXT NOT NULL,
    payload  TEXT NOT NULL DEFAULT '{}',
    UNIQUE (kind, key)
);
