from __future__ import annotations

import pytest

from jmgraph.dates import DateValue, parse_absolute, parse_expression, years_in

DOC = DateValue(2023, 7, 13)


@pytest.mark.parametrize(("text", "iso", "xsd"), [
    ("October 9, 2020", "2020-10-09", "date"),
    ("9 October 2020", "2020-10-09", "date"),
    ("Oct. 9, 2020", "2020-10-09", "date"),
    ("2020-10-09", "2020-10-09", "date"),
    ("1989.10", "1989-10", "gYearMonth"),
    ("2013/03", "2013-03", "gYearMonth"),
    ("March 2013", "2013-03", "gYearMonth"),
    ("in March 2013", "2013-03", "gYearMonth"),
    ("1996", "1996", "gYear"),
    ("2013~", "2013", "gYear"),
    # the Japanese calendar: era years, kanji dates, full-width digits
    ("昭和47年2月24日", "1972-02-24", "date"),
    ("令和元年5月", "2019-05", "gYearMonth"),
    ("２０１６年６月７日（火）", "2016-06-07", "date"),
    ("2031年", "2031", "gYear"),
    ("Heisei 10", "1998", "gYear"),
    # dotted, the day first
    ("22.10.2031", "2031-10-22", "date"),
    ("06.2032", "2032-06", "gYearMonth"),
    ("Reiwa 4", "2022", "gYear"),
    ("late 2029", "2029", "gYear"),
    ("the end of 2031", "2031", "gYear"),
])
def test_dates_absolute_forms_keep_their_precision(text: str, iso: str, xsd: str) -> None:
    value = parse_absolute(text)
    assert value is not None
    assert (value.iso, value.xsd_type) == (iso, xsd)


@pytest.mark.parametrize(("text", "anchor", "tense", "start", "end"), [
    ("last November", DOC, "past", "2022-11", None),
    ("last March", DateValue(2023, 12, 1), "past", "2023-03", None),
    ("on October 9", DateValue(2020, 10, 9), "past", "2020-10-09", None),
    ("on December 28", DateValue(2024, 1, 5), "past", "2023-12-28", None),
    ("on January 3", DateValue(2024, 12, 20), "future", "2025-01-03", None),
    ("from February 28 to March 5", DateValue(2025), "past", "2025-02-28", "2025-03-05"),
    ("February 28 to March 5, 2025", None, "past", "2025-02-28", "2025-03-05"),
    ("May 3-4, 2013", None, "past", "2013-05-03", "2013-05-04"),
    ("12 to 14 June", DateValue(2019, 5, 1), "future", "2019-06-12", "2019-06-14"),
    ("late August to early September", DateValue(2025), "future", "2025-08", "2025-09"),
    ("later this month", DateValue(2024, 8, 5), "future", "2024-08", None),
    ("this week", DateValue(2024, 8, 5), "present", "2024-08", None),
    ("next month", DateValue(2024, 12, 5), "future", "2025-01", None),
    ("next year", DOC, "future", "2024", None),
    ("last year", DOC, "past", "2022", None),
    ("on February 10 last year", DateValue(2016, 6, 7), "past", "2015-02-10", None),
    ("autumn or later", DateValue(2024, 8, 5), "future", "2024", None),
    ("on Friday", DateValue(2024, 8, 5), "past", "2024-08-02", None),
    ("on Friday", DateValue(2024, 8, 5), "future", "2024-08-09", None),
    ("mid-February", DateValue(2025), "past", "2025-02", None),
    ("yesterday", DateValue(2024, 3, 1), "past", "2024-02-29", None),
    ("five years ago", DateValue(2024, 3, 1), "past", "2019", None),
    ("three months ago", DateValue(2024, 3, 1), "past", "2023-12", None),
    ("a week ago", DateValue(2024, 3, 1), "past", "2024-02-23", None),
    ("24-26.05.2031", None, "past", "2031-05-24", "2031-05-26"),
    # a part of a year is dated by the year
    ("in the second half of this year", DateValue(2024, 3, 15), "future", "2024", None),
    ("the first quarter of next year", DateValue(2024, 3, 15), "future", "2025", None),
    ("the latter half of 2019", None, "past", "2019", None),
])
def test_dates_relative_expressions_resolve_against_the_document_date(
        text: str, anchor: DateValue | None, tense: str, start: str, end: str | None) -> None:
    found = parse_expression(text, anchor, tense)  # type: ignore[arg-type]
    assert found is not None
    assert found.start.iso == start
    assert (found.end.iso if found.end else None) == end


@pytest.mark.parametrize("text", ["Meiji 60 years", "Hokkaido 3", "May 10", "大阪12年"])
def test_dates_japanese_forms_need_a_known_era(text: str) -> None:
    assert parse_absolute(text) is None


@pytest.mark.parametrize("text", ["the 1990s", "the next 50 years", "the early days", "often",
                                  "on Friday"])
def test_dates_unresolvable_expressions_give_nothing(text: str) -> None:
    # "on Friday" needs a document date with a day to resolve against
    assert parse_expression(text, DateValue(2024, 8), "past") is None


def test_dates_invalid_calendar_dates_are_refused() -> None:
    assert parse_absolute("February 30, 2023") is None
    with pytest.raises(ValueError):
        DateValue(2023, 13)


def test_dates_compatibility_is_prefix_of_precision() -> None:
    assert DateValue(2007).compatible(DateValue(2007, 7))
    assert DateValue(2007, 7, 1).compatible(DateValue(2007, 7))
    assert not DateValue(2007, 6).compatible(DateValue(2007, 7))


def test_dates_years_in_text_ignores_numbers_that_are_not_years() -> None:
    assert years_in("In 2015 and 2020, 12,000 people; 1,552 students; 2019.") == [2015, 2020, 2019]


@pytest.mark.parametrize(("text", "iso"), [
    ("August of Heisei 3", "1991-08"),
    ("in May Reiwa 4", "2022-05"),
    ("Heisei 22 (2010)", "2010"),
])
def test_dates_an_era_year_inside_an_english_date(text: str, iso: str) -> None:
    assert parse_expression(text).start.iso == iso


@pytest.mark.parametrize(("text", "iso"), [
    ("only last month", "2033-11"),
    ("just in May 2030", "2030-05"),
    ("as recently as 2031", "2031"),
])
def test_dates_only_just_as_recently_as_are_the_date_itself(text: str, iso: str) -> None:
    assert parse_expression(text, DateValue(2033, 12, 3), "past").start.iso == iso


def test_dates_a_range_across_two_months_with_a_bare_hyphen() -> None:
    found = parse_expression("29 November-2 December 2032")
    assert (found.start.iso, found.end.iso) == ("2032-11-29", "2032-12-02")
