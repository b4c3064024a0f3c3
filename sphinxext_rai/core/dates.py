"""How old the indexes used for a build are, against ``rai_max_age_days``."""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from .model import Provenance

_EPOCH = date(1970, 1, 1)
_LAST_DAY = (date.max - _EPOCH).days


def build_date() -> date:
    """Today, or the date in ``SOURCE_DATE_EPOCH`` when set, for reproducible builds; a
    timestamp past the last day a date can hold (9999-12-31) is that day."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isascii() and epoch.isdigit():
        days = int(epoch) // 86_400
        if days > _LAST_DAY:
            return date.max
        return _EPOCH + timedelta(days=days)
    return datetime.now(UTC).date()


def parse_date(text: str) -> date | None:
    """A review date as written in an index: ISO ``2022-01-10`` or Learn's ``01/10/2022``."""
    value = text.strip()
    for pattern in ("%Y-%m-%d", "%m/%d/%Y"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


def age_problems(sources: Iterable[Provenance], max_age_days: int, today: date) -> list[str]:
    """A message for every source reviewed more than *max_age_days* before *today*, or
    whose review date is missing or unreadable."""
    messages: list[str] = []
    for source in sources:
        name = source.title or source.source
        reviewed = parse_date(source.date) if source.date else None
        if reviewed is None:
            what = f"an unreadable review date {source.date!r}" if source.date else "no date"
            messages.append(
                f"the index {name!r} ({source.source}) has {what}; rai_max_age_days "
                f"is {max_age_days}"
            )
            continue
        age = (today - reviewed).days
        if age > max_age_days:
            messages.append(
                f"the index {name!r} ({source.source}) was reviewed on {reviewed.isoformat()}, "
                f"{age} days before {today.isoformat()}; rai_max_age_days allows {max_age_days}"
            )
    return messages
