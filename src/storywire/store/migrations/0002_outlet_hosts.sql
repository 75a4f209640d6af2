-- Which outlet name a web host publishes under, learned from pages that state it
-- (og:site_name, a record's outlet), so records that give only a URL get the name too.
CREATE TABLE outlet_host (
    host      TEXT NOT NULL,
    outlet    TEXT NOT NULL,
    articles  INTEGER NOT NULL,
    PRIMARY KEY (host, outlet)
) WITHOUT ROWID;
