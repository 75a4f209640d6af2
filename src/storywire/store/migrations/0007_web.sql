-- storywire schema, version 7: indexes for the web face's keyset pages (newest first, by
-- outlet or not), so that page 10 000 costs what page 1 costs.

CREATE INDEX article_page ON article(published, id);
CREATE INDEX article_outlet_page ON article(outlet, published, id);
-- A story's articles (the story page) are found through article_story (migration 4).
