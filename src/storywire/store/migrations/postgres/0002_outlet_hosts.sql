-- Which outlet name a web host publishes under (PostgreSQL dialect of ../0002_outlet_hosts.sql).
CREATE TABLE outlet_host (
    host      TEXT NOT NULL,
    outlet    TEXT NOT NULL,
    articles  BIGINT NOT NULL,
    PRIMARY KEY (host, outlet)
);
