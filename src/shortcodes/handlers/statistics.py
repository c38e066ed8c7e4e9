"""COVID-19 statistics for the ``covid19-ultimate-card`` handler, from local files only.

A render never touches the network: the caller loads the figures beforehand and
passes a `StatisticsProvider` in the render's data bag
(``data={"statistics": provider}``). `FileStatistics` reads a JSON or CSV file in
the field names of the disease.sh API, so a saved API response works as it is:

>>> import json, tempfile, pathlib
>>> records = [{"updated": 1617120000000, "country": "Egypt",
...             "countryInfo": {"iso2": "EG"}, "cases": 204256, "todayCases": 696,
...             "deaths": 12121, "todayDeaths": 47, "recovered": 153568, "active": 38567}]
>>> with tempfile.TemporaryDirectory() as folder:
...     path = pathlib.Path(folder, "countries.json")
...     _ = path.write_text(json.dumps(records), encoding="utf-8")
...     statistics = FileStatistics.from_path(path)
>>> statistics.figures("eg").confirmed, statistics.figures("eg").updated.isoformat()
(204256, '2021-03-30T16:00:00+00:00')
>>> statistics.figures(None) is None  # no world record in this file
True

Record rules: the region is ``countryInfo.iso2`` (JSON) or ``iso2`` (either
format); a record with neither and no ``country`` is the world; a record that names
a country without a code (disease.sh lists ships such as ``MS Zaandam``) is
skipped. ``updated`` is in milliseconds since the Unix epoch, as disease.sh writes
it.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta, timezone
from pathlib import Path
from types import MappingProxyType
from typing import Final, Literal, Protocol, runtime_checkable

import attrs
import regex

__all__ = ["Figures", "FileStatistics", "StatisticsProvider"]

_EPOCH: Final = datetime(1970, 1, 1, tzinfo=timezone.utc)
_ISO2: Final = regex.compile(r"[A-Za-z]{2}")

#: Figure fields of `Figures`, by the disease.sh field that holds them.
_COUNTS: Final[Mapping[str, str]] = MappingProxyType({
    "cases": "confirmed", "todayCases": "new_confirmed", "deaths": "deaths",
    "todayDeaths": "new_deaths", "recovered": "recovered", "active": "active",
})


def _utc(moment: datetime) -> datetime:
    """Convert an aware datetime to UTC; a naive one is ambiguous and refused."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"updated must be an aware datetime, not naive {moment.isoformat()}")
    return moment.astimezone(timezone.utc)


def _whole(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{attribute.name} must be an int, not {type(value).__name__}")


@attrs.frozen(kw_only=True)
class Figures:
    """One region's figures at one moment.

    The ``new_`` counts are those of the current day, as disease.sh reports them;
    corrections can make them negative.

    .. versionadded:: 0.1
    """

    #: Confirmed cases in total.
    confirmed: int = attrs.field(validator=_whole)
    #: Cases confirmed today.
    new_confirmed: int = attrs.field(validator=_whole)
    #: Deaths in total.
    deaths: int = attrs.field(validator=_whole)
    #: Deaths today.
    new_deaths: int = attrs.field(validator=_whole)
    #: Recovered in total.
    recovered: int = attrs.field(validator=_whole)
    #: Cases still active.
    active: int = attrs.field(validator=_whole)
    #: When the figures were updated; converted to UTC (a naive datetime raises `ValueError`).
    updated: datetime = attrs.field(converter=_utc)


@runtime_checkable
class StatisticsProvider(Protocol):
    """Gives the figures of a region; the render data bag's ``"statistics"`` entry.

    .. versionadded:: 0.1
    """

    def figures(self, region: str | None, /) -> Figures | None:
        """The figures of *region* (an upper-case ISO 3166-1 alpha-2 code, or
        ``None`` for the whole world), or ``None`` when there are none."""
        ...


class _BadRecord(ValueError):
    """A record that does not read; the message names the field."""


def _count(record: Mapping[str, object], field: str) -> int:
    value = record.get(field)
    if isinstance(value, str):  # CSV cells
        try:
            return int(value.strip())
        except ValueError:
            pass
    elif isinstance(value, int) and not isinstance(value, bool):
        return value
    raise _BadRecord(f"`{field}` must be a whole number, not {value!r}")


def _updated(record: Mapping[str, object]) -> datetime:
    milliseconds = _count(record, "updated")
    try:
        return _EPOCH + timedelta(milliseconds=milliseconds)
    except OverflowError:
        raise _BadRecord(f"`updated` is out of range: {milliseconds}") from None


def _region(record: Mapping[str, object]) -> tuple[bool, str | None]:
    """Whether *record* counts, and its region (``None``: the world)."""
    info = record.get("countryInfo")
    code = info.get("iso2") if isinstance(info, Mapping) else None
    if code is None or code == "":
        code = record.get("countryInfo.iso2") or record.get("iso2")
    if code is None or code == "":
        return record.get("country") in (None, ""), None
    if not isinstance(code, str) or not _ISO2.fullmatch(code.strip()):
        raise _BadRecord(f"`iso2` must be two ASCII letters, not {code!r}")
    return True, code.strip().upper()


def _figures(record: Mapping[str, object]) -> Figures:
    counts = {name: _count(record, field) for field, name in _COUNTS.items()}
    return Figures(updated=_updated(record), **counts)


def _read_json(text: str) -> Iterable[tuple[str, object]]:
    """Yield (where, record) pairs; *where* is ``record N`` (1-based)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise _BadRecord(f"line {error.lineno}, column {error.colno}: {error.msg}") from None
    records = data if isinstance(data, list) else [data]
    for number, record in enumerate(records, start=1):
        yield f"record {number}", record


def _read_csv(text: str) -> Iterable[tuple[str, object]]:
    """Yield (where, row) pairs; *where* is ``line N`` of the row's last line."""
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        for row in reader:
            if None in row:
                raise _BadRecord(f"line {reader.line_num}: more cells than columns")
            yield f"line {reader.line_num}", row
    except csv.Error as error:
        raise _BadRecord(f"line {reader.line_num}: {error}") from None


def _read_only(value: Mapping[str | None, Figures]) -> Mapping[str | None, Figures]:
    return MappingProxyType(dict(value))


@attrs.frozen
class FileStatistics:
    """Figures read once from a local file, looked up by region.

    .. versionadded:: 0.1
    """

    #: Figures by upper-case region code; the key ``None`` holds the world's.
    by_region: Mapping[str | None, Figures] = attrs.field(converter=_read_only)

    @classmethod
    def from_path(cls, path: str | os.PathLike[str], /, *,
                  format: Literal["json", "csv"] | None = None) -> FileStatistics:
        """Read a disease.sh-style JSON (one object or a list) or CSV file.

        Args:
            path: The file, UTF-8 (a byte-order mark is allowed).
            format: ``"json"`` or ``"csv"``; by default the file's suffix decides.

        Raises:
            ValueError: the format is unknown, or the file does not read: the message
                names the path and the record or line, and the field.
            OSError: the file cannot be opened.
        """
        source = Path(path)
        chosen = format or source.suffix.lower().lstrip(".")
        if chosen not in ("json", "csv"):
            raise ValueError(f"{source}: cannot tell the format; name it .json or .csv, "
                             "or pass format=")
        try:
            text = source.read_text(encoding="utf-8-sig")
            rows = _read_json(text) if chosen == "json" else _read_csv(text)
            return cls(_collect(rows))
        except (_BadRecord, UnicodeDecodeError) as error:
            raise ValueError(f"{source}: {error}") from None

    def figures(self, region: str | None, /) -> Figures | None:
        """The figures of *region* (any case), of the world for ``None``, or ``None``."""
        return self.by_region.get(region.upper() if region is not None else None)


def _collect(rows: Iterable[tuple[str, object]]) -> dict[str | None, Figures]:
    """Figures by region from (where, record) pairs; a region given twice is an error."""
    found: dict[str | None, Figures] = {}
    for where, record in rows:
        if not isinstance(record, Mapping):
            raise _BadRecord(f"{where}: expected an object, not {type(record).__name__}")
        try:
            counts, region = _region(record)
            if not counts:
                continue
            if region in found:
                raise _BadRecord(f"the {region or 'world'} figures are given twice")
            found[region] = _figures(record)
        except _BadRecord as error:
            raise _BadRecord(f"{where}: {error}") from None
    return found
