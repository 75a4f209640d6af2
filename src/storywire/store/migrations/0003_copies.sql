-- Copy detection: the exact hash and the LSH band keys of every article, and a copy_of index.
-- Finding candidates for a new article is one indexed lookup per band key, whatever the
-- number of articles stored (docs/copies.md).

CREATE TABLE copy_fingerprint (
    fid         INTEGER PRIMARY KEY,          -- compact id used by copy_band
    article_id  TEXT NOT NULL UNIQUE,
    exact_hash  BLOB NOT NULL,                -- 16 bytes: hash of the normalised words
    terms       BLOB NOT NULL DEFAULT x''     -- MinHash of the content terms (u32 each):
                                              -- estimates a candidate's similarity
);
CREATE INDEX copy_fingerprint_exact ON copy_fingerprint(exact_hash);

-- One row per (band key, article). A band key is a 47-bit hash of one MinHash band, tagged
-- with its route (whole-text shingles, lead shingles, content terms) and band number.
CREATE TABLE copy_band (
    band_key  INTEGER NOT NULL,
    fid       INTEGER NOT NULL,
    PRIMARY KEY (band_key, fid)
) WITHOUT ROWID;

-- Settings the keys were made with ("scheme"): keys made otherwise are not comparable.
CREATE TABLE copy_meta (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

CREATE INDEX article_copy_of ON article(copy_of);
