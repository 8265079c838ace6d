"""Make URLs comparable (canonical form) and decide which ones are safe to fetch.

Safe to fetch means http or https, and a host whose every address is public: not loopback,
private, link-local, multicast, reserved or otherwise non-global, by ipaddress's own classification
and by the IPv4 address an IPv6 one may carry (IPv4-mapped, 6to4, Teredo, NAT64). `check_address`
returns the addresses it checked so the fetcher can connect to exactly those.

The parts: canonical (comparable forms, absolute links, the politeness key), redirects (links that
stand for another address: Google News, search engines' redirects, a Telegram channel's preview)
and policy (what may be fetched). Every name the rest of the project uses is imported from here.
"""

from monitor.urls.canonical import (TRACKING_PARAMS, TRACKING_PREFIXES, absolute, canonical_url, host_key,
                                    is_front_page, names_a_www_host, page_address, remove_dot_segments, url_variants)
from monitor.urls.policy import (Resolver, check_address, check_scheme, forbidden_reason, has_scheme, names_an_address,
                                 resolve_host)
from monitor.urls.redirects import google_news_article, is_google_news_article, redirect_target, telegram_preview

__all__ = ["TRACKING_PARAMS", "TRACKING_PREFIXES", "Resolver", "absolute", "canonical_url", "check_address",
           "check_scheme", "forbidden_reason", "google_news_article", "has_scheme", "host_key", "is_front_page",
           "is_google_news_article", "names_a_www_host", "names_an_address", "page_address", "redirect_target",
           "remove_dot_segments", "resolve_host", "telegram_preview", "url_variants"]
