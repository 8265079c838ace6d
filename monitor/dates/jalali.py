"""Dates of the Iranian (Solar Hijri) calendar, as Persian sites show them: "۱۶ آذر ۱۴۰۰" or
"1400/09/16 - 10:15" for the 7th of December 2021. jdatetime converts them to the Gregorian calendar.

Only what cannot be another calendar's is read: a year of 1300-1499 (no Gregorian year a news item
can have) with its month named in Persian, or year first in figures. The day of the week before it
("سه‌شنبه") and a time after it are read past. The zone is not the calendar's to say: a time
without one is left for parse_date's caller (the site's country's, as for any date).
"""

from __future__ import annotations

import re
from datetime import datetime

# Persian, Arabic-Indic and ASCII digits alike; Arabic keyboards' "ي" and "ك" for Persian's "ی" and "ک".
_AS_PERSIAN_WRITES = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩يك", "01234567890123456789یک")
MONTHS = {"فروردین": 1, "اردیبهشت": 2, "خرداد": 3, "تیر": 4, "مرداد": 5, "امرداد": 5, "شهریور": 6,
          "مهر": 7, "آبان": 8, "آذر": 9, "دی": 10, "بهمن": 11, "اسفند": 12}
_YEAR = r"(1[34]\d\d)"
_TIME = r"(?:[^\d:]{0,12}?(\d{1,2}):(\d{2})(?::\d{2})?)?"
_IN_WORDS = re.compile(r"(?<!\d)(\d{1,2})\s*(" + "|".join(MONTHS) + r")(?!\w)\s*(?:ماه\s*)?" + _YEAR + r"(?!\d)" + _TIME)
_YEAR_FIRST = re.compile(r"(?<![\d/.-])" + _YEAR + r"([/.-])(\d{1,2})\2(\d{1,2})(?![\d/.-])" + _TIME)


def parse_jalali(text: str) -> datetime | None:
    """A Solar Hijri date (with its time, if it gives one) as a naive Gregorian datetime; None for
    a text that holds none, or a day the calendar does not have."""
    written = text.translate(_AS_PERSIAN_WRITES)
    if (found := _IN_WORDS.search(written)) is not None:
        day, month, year = int(found.group(1)), MONTHS[found.group(2)], int(found.group(3))
        hour, minute = found.group(4), found.group(5)
    elif (found := _YEAR_FIRST.search(written)) is not None:
        year, month, day = int(found.group(1)), int(found.group(3)), int(found.group(4))
        hour, minute = found.group(5), found.group(6)
    else:
        return None
    import jdatetime  # only where a Solar Hijri date is found: most runs never see one

    try:
        moment = jdatetime.datetime(year, month, day, int(hour or 0), int(minute or 0)).togregorian()
    except ValueError:  # the 31st of Esfand, hour 25
        return None
    return datetime(moment.year, moment.month, moment.day, moment.hour, moment.minute)
