-- What a feed says about an item beyond its link: the item's author. With the item's title
-- and date (already kept) and the source's title (the feed channel's, kept on the source),
-- it is carried to the fetched page, whose own metadata may lack them.
ALTER TABLE source_item ADD COLUMN author TEXT;

-- A watch's story remembers which article is its first report and whether that one is a
-- copy: an original found later takes the first report's place (headline, link).
ALTER TABLE watch_story ADD COLUMN first_article TEXT;
ALTER TABLE watch_story ADD COLUMN first_copy INTEGER NOT NULL DEFAULT 0;
