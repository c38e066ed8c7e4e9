r"""PHP ``date()`` formats: `format_date` and `check_format`.

WordPress stores its ``date_format`` and ``time_format`` options, and many shortcodes
take a ``format`` attribute, in the syntax of PHP's ``date()``. This module renders that
syntax the way ``date_format()`` in PHP 8.x's ``ext/date/php_date.c`` does, and is the
checker behind the attribute-schema type "PHP date format".

Rules, each taken from ``php_date.c``:

* Each format letter (``d D j l N S w z W F m M n t L o X x Y y a A B g G h H i s u v
  e I O P p T Z c r U``) is replaced by a field of the moment. Every other character,
  non-ASCII text such as Arabic included, is copied unchanged.
* A backslash copies the next character literally. A backslash at the very end of the
  format copies the string's terminating NUL byte (``if (i < format_len) i++`` never
  stops there), so PHP 7 and 8 print ``"\0"``; `format_date` does the same and
  `check_format` reports it.
* PHP walks bytes and this module walks code points. The results agree: every format
  letter is ASCII, and no byte of a multi-byte UTF-8 character is.

Python's `datetime` covers years 1 to 9999, so ``x`` never shows a sign, ``X`` always
shows ``+`` and ``Y`` never shows ``-``; moments outside that range raise `ValueError`.

PHP knows three kinds of time zone (identifier, UTC offset, abbreviation), and every
`tzinfo` is shown as one of them:

* a `zoneinfo.ZoneInfo` (or an IANA name) is an identifier zone: ``e`` is its key and
  ``T`` its tzdata abbreviation (``CEST``; ``+03`` where tzdata has no letters);
* `datetime.timezone.utc` is PHP's ``UTC`` identifier;
* any other unnamed `datetime.timezone` is an offset zone: ``e`` is ``+05:30`` and
  ``T`` is ``GMT+0530``;
* every other `tzinfo` is an abbreviation zone: ``e`` and ``T`` are its ``tzname()``.

``I`` follows the tzdata installed on the machine, whose flags can differ from PHP's
bundled copy for zones with negative daylight saving time (Europe/Dublin).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta, tzinfo
from datetime import timezone as _timezone
from types import MappingProxyType
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

__all__ = ["check_format", "format_date"]

_EPOCH: Final = datetime(1970, 1, 1, tzinfo=_timezone.utc)
_SECOND: Final = timedelta(seconds=1)

_MONTHS: Final = ("January", "February", "March", "April", "May", "June", "July",
                  "August", "September", "October", "November", "December")
# Indexed by `datetime.weekday()`: Monday is 0.
_DAYS: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_DAYS: Final = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
# `p` prints `Z` for exactly these abbreviations (php_date.c, PHP 8.0+).
_ZULU_ABBREVIATIONS: Final = frozenset({"UTC", "Z", "GMT+0000"})
# Whitespace that a format may carry without being reported by `check_format`.
_ALLOWED_CONTROLS: Final = frozenset("\t\n\r")


@attrs.frozen(kw_only=True)
class _Moment:
    """Everything a format letter can print, computed once per call."""

    #: Wall-clock time in the target zone (aware).
    local: datetime
    #: Whole seconds since the Unix epoch, rounded down (PHP's ``sse``).
    unix: int
    #: Offset from UTC in seconds, east positive.
    offset: int
    #: What ``e`` prints.
    zone_id: str
    #: What ``T`` prints.
    abbreviation: str
    #: Whether the zone observes daylight saving time at this moment.
    dst: bool


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_in_month(moment: datetime) -> int:
    if moment.month == 2 and _is_leap(moment.year):
        return 29
    return _MONTH_DAYS[moment.month - 1]


def _ordinal_suffix(day: int) -> str:
    # english_suffix(): 10 to 19 always take "th", so 11, 12 and 13 do.
    if 10 <= day <= 19:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _swatch_beat(unix: int) -> str:
    # Biel Mean Time is UTC+1 and a day has 1000 beats of 86.4 s. PHP's C version adds
    # 864000 to a negative intermediate; Python's floor modulo makes that unnecessary.
    return f"{(unix + 3600) % 86400 * 10 // 864:03d}"


def _year(year: int, sign_if_positive: str) -> str:
    # `Y`, `x` and `X` all print "%s%04lld" and differ only in the sign of years >= 0.
    return f"{'-' if year < 0 else sign_if_positive}{abs(year):04d}"


def _offset_text(seconds: int, colon: str) -> str:
    # C's `/` and `%` truncate, so PHP prints the hours and minutes of the absolute offset.
    hours, rest = divmod(abs(seconds), 3600)
    return f"{'-' if seconds < 0 else '+'}{hours:02d}{colon}{rest // 60:02d}"


def _zulu_or_offset(moment: _Moment) -> str:
    if moment.abbreviation in _ZULU_ABBREVIATIONS:
        return "Z"
    return _offset_text(moment.offset, ":")


def _iso8601(moment: _Moment) -> str:
    t = moment.local
    return (f"{t.year:04d}-{t.month:02d}-{t.day:02d}T{t.hour:02d}:{t.minute:02d}:"
            f"{t.second:02d}{_offset_text(moment.offset, ':')}")


def _rfc2822(moment: _Moment) -> str:
    t = moment.local
    return (f"{_DAYS[t.weekday()][:3]}, {t.day:02d} {_MONTHS[t.month - 1][:3]} {t.year:04d} "
            f"{t.hour:02d}:{t.minute:02d}:{t.second:02d} {_offset_text(moment.offset, '')}")


def _hour12(hour: int) -> int:
    return hour % 12 or 12


_Field = Callable[[_Moment], str]

#: Format letter to the function that prints it, in the order of PHP's manual.
_FIELDS: Final[Mapping[str, _Field]] = MappingProxyType({
    # Day
    "d": lambda m: f"{m.local.day:02d}",
    "D": lambda m: _DAYS[m.local.weekday()][:3],
    "j": lambda m: str(m.local.day),
    "l": lambda m: _DAYS[m.local.weekday()],
    "N": lambda m: str(m.local.isoweekday()),
    "S": lambda m: _ordinal_suffix(m.local.day),
    "w": lambda m: str(m.local.isoweekday() % 7),
    "z": lambda m: str(m.local.timetuple().tm_yday - 1),
    # Week
    "W": lambda m: f"{m.local.isocalendar()[1]:02d}",
    # Month
    "F": lambda m: _MONTHS[m.local.month - 1],
    "m": lambda m: f"{m.local.month:02d}",
    "M": lambda m: _MONTHS[m.local.month - 1][:3],
    "n": lambda m: str(m.local.month),
    "t": lambda m: str(_days_in_month(m.local)),
    # Year; `o` is printed with ZEND_LONG_FMT, so without zero padding.
    "L": lambda m: "1" if _is_leap(m.local.year) else "0",
    "o": lambda m: str(m.local.isocalendar()[0]),
    "X": lambda m: _year(m.local.year, "+"),
    "x": lambda m: _year(m.local.year, "+" if m.local.year >= 10000 else ""),
    "Y": lambda m: _year(m.local.year, ""),
    "y": lambda m: f"{m.local.year % 100:02d}",
    # Time
    "a": lambda m: "pm" if m.local.hour >= 12 else "am",
    "A": lambda m: "PM" if m.local.hour >= 12 else "AM",
    "B": lambda m: _swatch_beat(m.unix),
    "g": lambda m: str(_hour12(m.local.hour)),
    "G": lambda m: str(m.local.hour),
    "h": lambda m: f"{_hour12(m.local.hour):02d}",
    "H": lambda m: f"{m.local.hour:02d}",
    "i": lambda m: f"{m.local.minute:02d}",
    "s": lambda m: f"{m.local.second:02d}",
    "u": lambda m: f"{m.local.microsecond:06d}",
    "v": lambda m: f"{m.local.microsecond // 1000:03d}",
    # Time zone
    "e": lambda m: m.zone_id,
    "I": lambda m: "1" if m.dst else "0",
    "O": lambda m: _offset_text(m.offset, ""),
    "P": lambda m: _offset_text(m.offset, ":"),
    "p": _zulu_or_offset,
    "T": lambda m: m.abbreviation,
    "Z": lambda m: str(m.offset),
    # Full date/time
    "c": _iso8601,
    "r": _rfc2822,
    "U": lambda m: str(m.unix),
})


def _resolve_zone(timezone: str | tzinfo) -> tzinfo:
    if isinstance(timezone, tzinfo):
        return timezone
    if not isinstance(timezone, str):
        raise TypeError(f"timezone must be a str or a tzinfo, not {type(timezone).__name__}")
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        # ValueError: malformed keys ("", "/etc/x", "../x") and files that are not TZif.
        raise ValueError(f"unknown time zone {timezone!r}") from None


def _to_utc(moment: datetime | int | float) -> datetime:
    if isinstance(moment, datetime):
        if moment.utcoffset() is None:  # naive, by Python's definition
            return moment.replace(tzinfo=_timezone.utc)
        return moment.astimezone(_timezone.utc)
    if isinstance(moment, bool) or not isinstance(moment, (int, float)):
        raise TypeError(f"moment must be a datetime, int or float, not {type(moment).__name__}")
    if not math.isfinite(moment):
        raise ValueError(f"timestamp {moment!r} is not a finite number")
    # Adding to the epoch, unlike datetime.fromtimestamp, is exact for int timestamps
    # and does not depend on the platform's C library for negative ones.
    return _EPOCH + timedelta(seconds=moment)


def _zone_names(zone: tzinfo, local: datetime, offset: int) -> tuple[str, str]:
    """Return what ``e`` and ``T`` print, following PHP's three kinds of zone."""
    if isinstance(zone, ZoneInfo) and zone.key is not None:
        return zone.key, local.tzname() or _offset_text(offset, ":")
    if zone is _timezone.utc:
        return "UTC", "UTC"
    offset_delta = timedelta(seconds=offset)
    if isinstance(zone, _timezone) and zone.tzname(None) == _timezone(offset_delta).tzname(None):
        return _offset_text(offset, ":"), "GMT" + _offset_text(offset, "")
    name = local.tzname() or _offset_text(offset, ":")
    return name, name


def _moment(moment: datetime | int | float, zone: tzinfo) -> _Moment:
    try:
        utc = _to_utc(moment)
        local = utc.astimezone(zone)
    except OverflowError:
        raise ValueError(f"{moment!r} is outside the years 1 to 9999 in {zone}") from None
    offset = (local.utcoffset() or timedelta()) // _SECOND
    zone_id, abbreviation = _zone_names(zone, local, offset)
    return _Moment(local=local, unix=(utc - _EPOCH) // _SECOND, offset=offset,
                   zone_id=zone_id, abbreviation=abbreviation, dst=bool(local.dst()))


def format_date(format: str, moment: datetime | int | float, /, *,
                timezone: str | tzinfo = "UTC") -> str:
    r"""Format *moment* like PHP 8's ``date()`` and ``DateTimeInterface::format()``.

    Args:
        format: A PHP date format. Letters PHP knows become fields, ``\x`` prints
            ``x``, and anything else is copied unchanged.
        moment: A `datetime`, or a Unix timestamp in seconds (an `int`, or a `float`
            rounded to the microsecond). A naive `datetime` is taken to be in UTC.
        timezone: The zone the date is shown in: an IANA name resolved with
            `zoneinfo.ZoneInfo`, or any `tzinfo`. Aware datetimes are converted to it.

    Returns:
        The formatted date. A lone backslash at the end of *format* prints a NUL
        character, as it does in PHP; `check_format` reports such formats.

    Raises:
        ValueError: *timezone* names no known zone, or *moment* falls outside the
            years 1 to 9999 once shown in it.
        TypeError: *moment* or *timezone* has an unsupported type.

    >>> format_date("D, d M Y H:i:s", 0)
    'Thu, 01 Jan 1970 00:00:00'
    >>> format_date("jS F Y \\a\\t g:ia T", 1709647629, timezone="Europe/Berlin")
    '5th March 2024 at 3:07pm CET'
    >>> format_date("l، j F Y", datetime(2024, 12, 30))
    'Monday، 30 December 2024'
    >>> format_date("c", 0, timezone="Mars/Olympus")
    Traceback (most recent call last):
        ...
    ValueError: unknown time zone 'Mars/Olympus'

    .. versionadded:: 0.1
    """
    fields = _moment(moment, _resolve_zone(timezone))
    out: list[str] = []
    characters = iter(format)
    for character in characters:
        if character == "\\":
            out.append(next(characters, "\0"))
        elif (field := _FIELDS.get(character)) is not None:
            out.append(field(fields))
        else:
            out.append(character)
    return "".join(out)


def check_format(format: str, /) -> str | None:
    r"""Say why *format* is not a usable PHP date format, or return None.

    PHP's ``date()`` accepts any string, so only two things are reported: a lone
    backslash at the end, which PHP turns into a NUL character, and control characters
    other than tab, line feed and carriage return, which are copied into the date and
    are invisible in it. Unknown letters and the empty format are fine: PHP prints the
    former as they are and the latter as an empty string.

    Args:
        format: The format to check.

    Returns:
        None when *format* is usable, otherwise a one-sentence reason.

    >>> check_format("j F Y")
    >>> check_format("Y\\")
    'The format ends in a lone `\\`, which PHP prints as a NUL character.'

    .. versionadded:: 0.1
    """
    for character in format:
        if unicodedata.category(character) == "Cc" and character not in _ALLOWED_CONTROLS:
            return (f"The format contains the control character U+{ord(character):04X}, "
                    "which PHP copies into the date unchanged.")
    if (len(format) - len(format.rstrip("\\"))) % 2:
        return "The format ends in a lone `\\`, which PHP prints as a NUL character."
    return None
