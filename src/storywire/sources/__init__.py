"""Sources stage: feeds, sitemaps and OPML read; pages fetched politely and safely.

Nothing here touches the store: the monitor (``storywire.monitor``) records what is polled
and fetched, and turns fetched pages into captures for the pipeline.
"""

from storywire.sources.discover import common_feed_urls, feed_links
from storywire.sources.feeds import Feed, FeedError, FeedItem, is_feed, parse_feed
from storywire.sources.fetch import (
    DEFAULT_USER_AGENT,
    Fetcher,
    FetchError,
    FetchOptions,
    FetchResult,
    RobotsDisallowed,
)
from storywire.sources.guard import AddressPolicy, AddressRefused, check_url
from storywire.sources.opml import OpmlError, OpmlFeed, read_opml, write_opml
from storywire.sources.resolve import FoundSource, find_sources
from storywire.sources.schedule import PollOptions, next_interval
from storywire.sources.sitemaps import Sitemap, SitemapError, is_sitemap, parse_sitemap

__all__ = [
    "DEFAULT_USER_AGENT",
    "AddressPolicy",
    "AddressRefused",
    "Feed",
    "FeedError",
    "FeedItem",
    "FetchError",
    "FetchOptions",
    "FetchResult",
    "Fetcher",
    "FoundSource",
    "OpmlError",
    "OpmlFeed",
    "PollOptions",
    "RobotsDisallowed",
    "Sitemap",
    "SitemapError",
    "check_url",
    "common_feed_urls",
    "feed_links",
    "find_sources",
    "is_feed",
    "is_sitemap",
    "next_interval",
    "parse_feed",
    "parse_sitemap",
    "read_opml",
    "write_opml",
]
