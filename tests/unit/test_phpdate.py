r"""Tests for `shortcodes.phpdate`.

Expected strings come from three sources, named next to each case:

* "manual": the format table of PHP's manual (php.net/datetime.format), including its
  examples ``2004-02-12T15:19:21+00:00`` and ``Thu, 21 Dec 2000 16:01:07 +0200``;
* "php_date.c": the ``date_format()`` switch in PHP 8.x's ``ext/date/php_date.c``
  (printf widths, the `S` table, the `B` formula, the `p` abbreviation list, escapes);
* "calendar"/"tzdata": facts about the moment itself (weekdays, ISO weeks, leap years,
  offsets and abbreviations in the IANA database), worked out by hand.
"""

from __future__ import annotations

import string
from datetime import datetime, timedelta, timezone, tzinfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shortcodes.phpdate import check_format, format_date

# Tuesday 2024-03-05 14:07:09.123456 UTC, day 65 of a leap year, in ISO week 10
# (2024-01-01 was a Monday). calendar.timegm((2024, 3, 5, 14, 7, 9)) == 1709647629.
MOMENT = datetime(2024, 3, 5, 14, 7, 9, 123456)
UNIX = 1709647629

LETTERS = "dDjlNSwzWFmMntLoXxYyaABgGhHisuveIOPpTZcrU"


@pytest.mark.parametrize(("letter", "expected"), [
    # Day
    ("d", "05"),            # manual: 2 digits with leading zero
    ("D", "Tue"),           # calendar: 2024-03-05 is a Tuesday
    ("j", "5"),             # manual: no leading zero
    ("l", "Tuesday"),       # manual: full day name
    ("N", "2"),             # manual: 1 (Monday) to 7 (Sunday)
    ("S", "th"),            # php_date.c english_suffix(5)
    ("w", "2"),             # manual: 0 (Sunday) to 6 (Saturday)
    ("z", "64"),            # manual: from 0; 31 (Jan) + 29 (Feb) + 5 - 1
    # Week
    ("W", "10"),            # calendar: ISO week 1 began on Monday 2024-01-01
    # Month
    ("F", "March"),
    ("m", "03"),
    ("M", "Mar"),
    ("n", "3"),
    ("t", "31"),            # days in March
    # Year
    ("L", "1"),             # 2024 is a leap year
    ("o", "2024"),          # ISO year equals the calendar year mid-year
    ("X", "+2024"),         # php_date.c: always signed, at least 4 digits (PHP 8.2)
    ("x", "2024"),          # php_date.c: signed only when >= 10000 or negative (PHP 8.2)
    ("Y", "2024"),
    ("y", "24"),
    # Time
    ("a", "pm"),
    ("A", "PM"),
    ("B", "629"),           # php_date.c: 15:07:09 in UTC+1 is 54429 s / 86.4 = 629.97 beats
    ("g", "2"),
    ("G", "14"),
    ("h", "02"),
    ("H", "14"),
    ("i", "07"),
    ("s", "09"),
    ("u", "123456"),        # php_date.c: "%06d" of the microseconds
    ("v", "123"),           # php_date.c: "%03d" of the milliseconds, rounded down
    # Time zone (UTC)
    ("e", "UTC"),
    ("I", "0"),
    ("O", "+0000"),
    ("P", "+00:00"),
    ("p", "Z"),             # manual: Z instead of +00:00 (PHP 8.0)
    ("T", "UTC"),           # tzdata: the UTC zone's abbreviation
    ("Z", "0"),
    # Full date/time
    ("c", "2024-03-05T14:07:09+00:00"),
    ("r", "Tue, 05 Mar 2024 14:07:09 +0000"),
    ("U", str(UNIX)),
])
def test_each_letter(letter: str, expected: str) -> None:
    assert format_date(letter, MOMENT) == expected


def test_exactly_the_documented_letters_are_fields() -> None:
    # Every letter in LETTERS changes when printed; every other ASCII letter does not.
    for letter in string.ascii_letters:
        changed = format_date(letter, MOMENT) != letter
        assert changed == (letter in LETTERS), letter


@pytest.mark.parametrize(("letter", "expected"), [
    ("c", "2004-02-12T15:19:21+00:00"),  # manual example for c
])
def test_manual_example_iso8601(letter: str, expected: str) -> None:
    # calendar.timegm((2004, 2, 12, 15, 19, 21)) == 1076599161
    assert format_date(letter, 1076599161) == expected


def test_manual_example_rfc2822() -> None:
    # manual example for r; Helsinki is at +02:00 in December (tzdata: EET).
    # calendar.timegm((2000, 12, 21, 14, 1, 7)) == 977407267
    assert format_date("r", 977407267, timezone="Europe/Helsinki") == (
        "Thu, 21 Dec 2000 16:01:07 +0200")


@pytest.mark.parametrize(("day", "suffix"), [
    (1, "st"), (2, "nd"), (3, "rd"), (4, "th"), (10, "th"), (11, "th"), (12, "th"),
    (13, "th"), (19, "th"), (20, "th"), (21, "st"), (22, "nd"), (23, "rd"), (24, "th"),
    (30, "th"), (31, "st"),
])
def test_ordinal_suffix(day: int, suffix: str) -> None:
    # php_date.c english_suffix(): 10..19 -> th, else by the last digit.
    assert format_date("jS", datetime(2024, 1, day)) == f"{day}{suffix}"


@pytest.mark.parametrize(("day", "expected"), [
    # calendar: ISO weeks start on Monday; week 1 holds the year's first Thursday.
    (datetime(2020, 12, 31), "W53 o2020 N4"),
    (datetime(2021, 1, 3), "W53 o2020 N7"),   # a Sunday still in 2020's last week
    (datetime(2021, 1, 4), "W01 o2021 N1"),
    (datetime(2024, 12, 29), "W52 o2024 N7"),
    (datetime(2024, 12, 30), "W01 o2025 N1"),  # a Monday already in 2025's first week
    (datetime(2026, 1, 1), "W01 o2026 N4"),
])
def test_iso_week_at_year_boundaries(day: datetime, expected: str) -> None:
    assert format_date(r"\WW \oo \NN", day) == expected


@pytest.mark.parametrize(("moment", "expected"), [
    (datetime(2024, 1, 1), "0 1"),            # day 0 of the year, a Monday
    (datetime(2024, 12, 31), "365 2"),        # last day of a leap year
    (datetime(2023, 12, 31), "364 0"),        # last day of a common year, Sunday
])
def test_day_of_year_is_zero_based(moment: datetime, expected: str) -> None:
    assert format_date("z w", moment) == expected


@pytest.mark.parametrize(("year", "month", "expected"), [
    (2024, 2, "29 1"), (2023, 2, "28 0"), (2000, 2, "29 1"), (1900, 2, "28 0"),
    (2023, 4, "30 0"), (2023, 12, "31 0"),
])
def test_days_in_month_and_leap_years(year: int, month: int, expected: str) -> None:
    # calendar: Gregorian leap years, so 1900 is not one and 2000 is.
    assert format_date("t L", datetime(year, month, 1)) == expected


@pytest.mark.parametrize(("utc", "beat"), [
    (datetime(2024, 3, 5, 23, 0, 0), "000"),   # midnight in UTC+1
    (datetime(2024, 3, 5, 22, 59, 59), "999"),  # 86399 s / 86.4 = 999.99
    (datetime(2024, 3, 5, 0, 0, 0), "041"),    # 01:00 in UTC+1: 3600 / 86.4 = 41.67
    (datetime(2024, 3, 5, 11, 0, 0), "500"),   # noon in UTC+1
])
def test_swatch_beats_around_midnight(utc: datetime, beat: str) -> None:
    assert format_date("B", utc) == beat
    # php_date.c computes B from the timestamp alone, so the display zone does not matter.
    assert format_date("B", utc, timezone="America/New_York") == beat


def test_swatch_beats_before_the_epoch() -> None:
    # php_date.c adds 864000 to negative intermediates: -1 is 00:59:59 in UTC+1.
    assert format_date("B", -1) == "041"


@pytest.mark.parametrize(("hour", "expected"), [
    (0, "12 12 am AM 0 00"), (1, "1 01 am AM 1 01"), (11, "11 11 am AM 11 11"),
    (12, "12 12 pm PM 12 12"), (13, "1 01 pm PM 13 13"), (23, "11 11 pm PM 23 23"),
])
def test_twelve_and_twenty_four_hour_clocks(hour: int, expected: str) -> None:
    # php_date.c: g/h print 12 where h % 12 == 0; a/A switch at 12.
    assert format_date("g h a A G H", datetime(2024, 1, 1, hour)) == expected


@pytest.mark.parametrize(("microsecond", "expected"), [
    (0, "000000 000"), (1, "000001 000"), (999, "000999 000"), (1000, "001000 001"),
    (500000, "500000 500"), (999999, "999999 999"),
])
def test_microseconds_and_milliseconds(microsecond: int, expected: str) -> None:
    assert format_date("u v", datetime(2024, 1, 1, microsecond=microsecond)) == expected


@pytest.mark.parametrize(("moment", "expected"), [
    # tzdata: Berlin is CET (+01:00) until 2024-03-31 01:00 UTC, then CEST (+02:00).
    (datetime(2024, 3, 5, 14, 7, 9), "15:07 I0 CET +0100 +01:00 +01:00 3600 Europe/Berlin"),
    (datetime(2024, 3, 31, 0, 59, 59), "01:59 I0 CET +0100 +01:00 +01:00 3600 Europe/Berlin"),
    (datetime(2024, 3, 31, 1, 0, 0), "03:00 I1 CEST +0200 +02:00 +02:00 7200 Europe/Berlin"),
    (datetime(2024, 7, 1, 10, 0, 0), "12:00 I1 CEST +0200 +02:00 +02:00 7200 Europe/Berlin"),
    # Back to CET at 2024-10-27 01:00 UTC: 02:59:59 CEST, then 02:00 CET again.
    (datetime(2024, 10, 27, 0, 59, 59), "02:59 I1 CEST +0200 +02:00 +02:00 7200 Europe/Berlin"),
    (datetime(2024, 10, 27, 1, 0, 0), "02:00 I0 CET +0100 +01:00 +01:00 3600 Europe/Berlin"),
])
def test_daylight_saving_time_in_berlin(moment: datetime, expected: str) -> None:
    assert format_date(r"H:i \II T O P p Z e", moment, timezone="Europe/Berlin") == expected


@pytest.mark.parametrize(("zone", "expected"), [
    # tzdata: Riyadh has no letter abbreviation, so the abbreviation is "+03"; PHP too.
    ("Asia/Riyadh", "+03 +0300 +03:00 10800 0"),
    ("Asia/Kolkata", "IST +0530 +05:30 19800 0"),
    ("America/New_York", "EST -0500 -05:00 -18000 0"),   # March 5 is before US DST
    ("America/St_Johns", "NST -0330 -03:30 -12600 0"),
    ("Europe/London", "GMT +0000 +00:00 0 0"),
    ("UTC", "UTC +0000 +00:00 0 0"),
])
def test_zone_abbreviations_and_offsets(zone: str, expected: str) -> None:
    assert format_date("T O P Z I", MOMENT, timezone=zone) == expected


@pytest.mark.parametrize(("zone", "expected"), [
    ("UTC", "Z"),                 # php_date.c: abbreviation "UTC" prints Z
    (timezone.utc, "Z"),
    ("Europe/London", "+00:00"),  # php_date.c: "GMT" is not in the list, so +00:00
    ("Asia/Riyadh", "+03:00"),
    ("America/New_York", "-05:00"),
])
def test_p_prints_z_only_for_utc(zone: str | tzinfo, expected: str) -> None:
    assert format_date("p", MOMENT, timezone=zone) == expected


@pytest.mark.parametrize(("zone", "expected"), [
    # php_date.c, offset zones: e is "+05:30" and T is "GMT+0530".
    (timezone(timedelta(hours=5, minutes=30)), "+05:30 GMT+0530 +0530 0 19:37"),
    (timezone(timedelta(hours=-3)), "-03:00 GMT-0300 -0300 0 11:07"),
    # The UTC singleton is PHP's "UTC" identifier.
    (timezone.utc, "UTC UTC +0000 0 14:07"),
    # A named tzinfo behaves like PHP's abbreviation zones: e and T are the name.
    (timezone(timedelta(hours=1), "CET"), "CET CET +0100 0 15:07"),
    (timezone(timedelta(0), "Z"), "Z Z +0000 0 14:07"),
])
def test_tzinfo_objects(zone: tzinfo, expected: str) -> None:
    assert format_date("e T O I H:i", MOMENT, timezone=zone) == expected


def test_local_mean_time_offsets_with_seconds() -> None:
    # tzdata: New York's LMT is -4:56:02; php_date.c prints whole minutes of |offset|.
    assert format_date("O P Z", datetime(1880, 1, 1), timezone="America/New_York") == (
        "-0456 -04:56 -17762")


@pytest.mark.parametrize(("fmt", "expected"), [
    (r"\Y", "Y"),
    (r"\\", "\\"),
    (r"\\Y", "\\2024"),
    (r"\\\Y", "\\Y"),
    (r"Y\-m", "2024-03"),            # escaping a non-letter is harmless
    (r"\T\o\d\a\y \i\s l", "Today is Tuesday"),
    (r"Y\\", "2024\\"),
    # php_date.c: a final lone backslash copies the NUL that ends PHP's string.
    ("Y\\", "2024\0"),
    ("\\", "\0"),
    (r"\é", "é"),                    # escaping a non-ASCII character copies it
])
def test_escapes(fmt: str, expected: str) -> None:
    assert format_date(fmt, MOMENT) == expected


@pytest.mark.parametrize(("fmt", "expected"), [
    ("", ""),                                  # php_date.c: empty format, empty string
    ("l، j F Y", "Tuesday، 5 March 2024"),
    ("الساعة H:i يوم d/m/Y", "الساعة 14:07 يوم 05/03/2024"),
    ("مصر", "مصر"),
    ("Y年n月j日", "2024年3月5日"),
    ("😀 Y 😀", "😀 2024 😀"),
    ("[Y]", "[2024]"),
])
def test_non_letters_pass_through(fmt: str, expected: str) -> None:
    assert format_date(fmt, MOMENT) == expected


def test_int_and_float_timestamps() -> None:
    assert format_date("Y-m-d H:i:s", 0) == "1970-01-01 00:00:00"
    assert format_date("Y-m-d H:i:s.u U", UNIX) == "2024-03-05 14:07:09.000000 1709647629"
    assert format_date("H:i:s.u U", UNIX + 0.25) == "14:07:09.250000 1709647629"
    assert format_date("Y-m-d H:i:s", -86400) == "1969-12-31 00:00:00"


def test_fractional_negative_timestamp_rounds_u_down() -> None:
    # timelib keeps sse = floor(t) and adds the microseconds: -1.5 is sse -2 + 0.5 s.
    assert format_date("H:i:s.u U", -1.5) == "23:59:58.500000 -2"


def test_naive_datetimes_are_utc() -> None:
    assert format_date("U", MOMENT.replace(microsecond=0)) == str(UNIX)
    assert format_date("H:i T", MOMENT, timezone="Europe/Berlin") == "15:07 CET"


def test_aware_datetimes_are_converted_to_the_zone() -> None:
    plus_two = datetime(2024, 3, 5, 16, 7, 9, tzinfo=timezone(timedelta(hours=2)))
    assert format_date("H:i P U", plus_two) == f"14:07 +00:00 {UNIX}"
    assert format_date("H:i P", plus_two, timezone="Asia/Riyadh") == "17:07 +03:00"


def test_years_with_fewer_than_four_digits() -> None:
    # php_date.c: Y/x "%04lld", X signed, y "%02d", o unpadded (ZEND_LONG_FMT), c/r "%04".
    # calendar: 0099-06-15 is the Monday of ISO week 25 of year 99.
    moment = datetime(99, 6, 15)
    assert format_date("Y x X y o W", moment) == "0099 0099 +0099 99 99 25"
    assert format_date("c", moment) == "0099-06-15T00:00:00+00:00"
    assert format_date("y", datetime(2005, 1, 1)) == "05"


def test_unknown_timezone_raises_value_error_naming_it() -> None:
    for name in ("Mars/Olympus", "", "/etc/passwd", "../x", "Europe"):
        with pytest.raises(ValueError, match="unknown time zone") as info:
            format_date("Y", 0, timezone=name)
        assert repr(name) in str(info.value)


def test_bad_argument_types() -> None:
    with pytest.raises(TypeError):
        format_date("Y", True)
    with pytest.raises(TypeError):
        format_date("Y", "0")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        format_date("Y", 0, timezone=3)  # type: ignore[arg-type]


@pytest.mark.parametrize("moment", [float("nan"), float("inf"), 10**12, -(10**12)])
def test_timestamps_outside_the_datetime_range(moment: float) -> None:
    with pytest.raises(ValueError, match=r"outside|finite"):
        format_date("Y", moment)


def test_moment_pushed_out_of_range_by_the_zone() -> None:
    with pytest.raises(ValueError, match="outside"):
        format_date("Y", datetime(9999, 12, 31, 23), timezone="Asia/Riyadh")


@pytest.mark.parametrize("fmt", [
    "", "j F Y", "Y-m-d\\TH:i:sP", "\\\\", "Y\\\\", "l، j F Y", "Y\tm\nd\r", "qkf",
])
def test_check_format_accepts(fmt: str) -> None:
    assert check_format(fmt) is None


@pytest.mark.parametrize(("fmt", "reason"), [
    ("Y\\", "lone `\\`"),
    ("\\", "lone `\\`"),
    ("Y\\\\\\", "lone `\\`"),
    ("Y\0", "U+0000"),
    ("Y\x1b[0m", "U+001B"),
    ("Y\x7f", "U+007F"),
    ("Y\x85", "U+0085"),
])
def test_check_format_rejects(fmt: str, reason: str) -> None:
    message = check_format(fmt)
    assert message is not None
    assert reason in message
    assert message.endswith(".")
    assert message.count(". ") == 0  # one sentence


FORMAT_TEXT = st.text(alphabet=st.sampled_from([*LETTERS, *"bCEfkq", "\\", " ", "-", ":", "ع"]),
                      max_size=40)
MOMENTS = st.datetimes(min_value=datetime(2, 1, 1), max_value=datetime(9998, 12, 31))
ZONES = st.sampled_from(["UTC", "Europe/Berlin", "Asia/Riyadh", "America/St_Johns",
                         "Pacific/Kiritimati", timezone(timedelta(hours=-12)), timezone.utc])


@given(FORMAT_TEXT, MOMENTS, ZONES)
def test_format_date_never_raises(fmt: str, moment: datetime, zone: str | tzinfo) -> None:
    assert isinstance(format_date(fmt, moment, timezone=zone), str)


@given(st.characters(), MOMENTS)
def test_escaped_character_prints_itself(character: str, moment: datetime) -> None:
    assert format_date("\\" + character, moment) == character


@given(st.text(alphabet=st.characters(blacklist_characters=[*LETTERS, "\\"])), MOMENTS)
def test_text_without_letters_is_unchanged(text: str, moment: datetime) -> None:
    assert format_date(text, moment) == text


@given(st.integers(min_value=-(10**10), max_value=10**10))
def test_u_round_trips_integer_timestamps(timestamp: int) -> None:
    assert format_date("U", timestamp) == str(timestamp)
