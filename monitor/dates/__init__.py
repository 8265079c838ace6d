"""Turn any date a source writes into an aware UTC datetime, or None; never invent one.

The order, cheapest first: ISO 8601 and RFC 822 (the stdlib, a few microseconds), then the
feed parser's own reading, then, only for text none of those could read, dateparser for dates
written in other languages ("Seg, 24 Set 2018 10:00:00 -0300", "21 декабря 2021, 14:05"),
told which languages to try so that it does not guess on every date. A date is never completed:
a text without a day, month and year, or a relative one ("yesterday"), stays unread.

A system's placeholder for no date (the Unix epoch's first second, "0001-01-01") is no date.
Also judge whether a date is suspect: written without a time zone, in the future, far from the
moment we first saw the item, not understood at all, or a placeholder.

Every name the rest of the project uses is imported from here. The parts: parsing (parse_date),
formats (ISO 8601, RFC 822 and the zones sites write), localized (dates in words, through
dateparser), in_text (a date on a page's line, and its update note), sites (the zone and the
day/month order a site's country or language implies) and suspicion (when a date is not trusted).
"""

from monitor.dates.in_text import (UPDATE_NOTE_CHARS, before_update, date_in, date_labels_end, is_date_line, is_update_note,
                                   labelled, updated_in)
from monitor.dates.localized import LANGUAGES, MAX_LOCALIZED_CHARS
from monitor.dates.parsing import is_placeholder, parse_date
from monitor.dates.sites import (LANGUAGE_ZONES, assumed_zone, country_languages, country_writes_day_first,
                                 site_country, site_writes_day_first, site_zone)
from monitor.dates.suspicion import PLACEHOLDER, UNREADABLE, read_in_zone, suspect_reason, utc_now

__all__ = ["LANGUAGES", "LANGUAGE_ZONES", "MAX_LOCALIZED_CHARS", "PLACEHOLDER", "UNREADABLE", "UPDATE_NOTE_CHARS",
           "assumed_zone", "before_update", "country_languages", "country_writes_day_first", "date_in", "date_labels_end",
           "is_date_line",
           "is_placeholder", "is_update_note",
           "labelled", "parse_date", "read_in_zone", "site_country", "site_writes_day_first", "site_zone",
           "suspect_reason", "updated_in", "utc_now"]
