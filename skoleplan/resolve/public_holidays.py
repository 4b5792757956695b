"""Norway's public holidays: the days the school is closed by law, whatever the skolerute says.

The church holy days of lov om helligdager og helligdagsfred § 2, and 1 and 17
May (lov om 1. og 17. mai som høgtidsdager). All but five hang on Easter Sunday,
which comes from dateutil. The `holidays` package gives the same days (a test
compares every year from 1950 to 2100); it is not used here because on first
use it imports the holidays of every country, a tenth of a whole build.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from dateutil.easter import easter

# Days after Easter Sunday: skjærtorsdag, langfredag, 1. og 2. påskedag, Kristi himmelfartsdag, 1. og 2. pinsedag.
_FROM_EASTER = (-3, -2, 0, 1, 39, 49, 50)
# Fixed dates (month, day): 1. nyttårsdag, 1. mai, 17. mai, 1. og 2. juledag.
_FIXED = ((1, 1), (5, 1), (5, 17), (12, 25), (12, 26))


@cache
def public_holidays(year: int) -> frozenset[dt.date]:
    """The public holidays of one calendar year (Sundays that are not holy days are not in it)."""
    sunday = easter(year)
    return frozenset(
        [dt.date(year, month, day) for month, day in _FIXED] + [sunday + dt.timedelta(days=n) for n in _FROM_EASTER]
    )
