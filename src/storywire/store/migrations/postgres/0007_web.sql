-- Indexes for the web face's keyset pages (PostgreSQL dialect of ../0007_web.sql).
CREATE INDEX article_page ON article(published DESC NULLS LAST, id DESC);
CREATE INDEX article_outlet_page ON article(outlet, published DESC NULLS LAST, id DESC);
