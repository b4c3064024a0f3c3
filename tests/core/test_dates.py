"""Freshness: the source footer under guidance, and warnings for indexes older than allowed."""

from __future__ import annotations

from datetime import date

import pytest

from sphinxext_rai.core.dates import age_problems, build_date, parse_date
from sphinxext_rai.core.model import Provenance

# 2022-02-10 00:00 UTC: 31 days after the bundled index's review date, 2022-01-10.
FEB_10_2022 = "1644451200"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022-01-10", date(2022, 1, 10)),
        (" 2024-05-01 ", date(2024, 5, 1)),
        ("01/10/2022", date(2022, 1, 10)),
        ("10/01/2022", date(2022, 10, 1)),
        ("2022-13-01", None),
        ("last week", None),
        ("", None),
    ],
)
def test_review_dates_in_both_published_forms(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


def test_age_is_checked_against_the_limit() -> None:
    today = date(2022, 2, 10)
    fresh = Provenance("a.yaml", "A", "2022-01-11")  # 30 days
    edge = Provenance("b.yaml", "B", "2022-01-10")  # 31 days
    undated = Provenance("c.yaml", "C")
    garbled = Provenance("d.yaml", "", "soon")
    assert age_problems([fresh, edge], 31, today) == []
    messages = age_problems([fresh, edge, undated, garbled], 30, today)
    assert messages == [
        "the index 'B' (b.yaml) was reviewed on 2022-01-10, 31 days before 2022-02-10; "
        "rai_max_age_days allows 30",
        "the index 'C' (c.yaml) has no date; rai_max_age_days is 30",
        "the index 'd.yaml' (d.yaml) has an unreadable review date 'soon'; rai_max_age_days is 30",
    ]


def test_build_date_follows_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FEB_10_2022)
    assert build_date() == date(2022, 2, 10)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "not a number")
    assert abs((date.today() - build_date()).days) <= 1  # UTC and local dates may differ


@pytest.mark.parametrize(
    ("epoch", "expected"),
    [("99999999999999", date.max), ("253402300799", date(9999, 12, 31)), ("0", date(1970, 1, 1))],
)
def test_build_date_is_clamped_to_the_dates_there_are(
    monkeypatch: pytest.MonkeyPatch, epoch: str, expected: date
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert build_date() == expected


def test_the_age_on_the_last_day_there_is(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "99999999999999")
    days = (date(9999, 12, 31) - date(2022, 1, 10)).days
    messages = age_problems([Provenance("a.yaml", "A", "2022-01-10")], 30, build_date())
    assert messages == [
        f"the index 'A' (a.yaml) was reviewed on 2022-01-10, {days} days before 9999-12-31; "
        "rai_max_age_days allows 30"
    ]
