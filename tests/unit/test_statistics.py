"""`shortcodes.handlers.statistics`: figures read from local JSON and CSV files."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from shortcodes.handlers.statistics import Figures, FileStatistics, StatisticsProvider

DATA = Path(__file__).resolve().parent.parent / "data"
UPDATED = datetime(2021, 3, 30, 16, 0, tzinfo=timezone.utc)
RECORD: dict[str, object] = {
    "updated": 1617120000000, "country": "Egypt", "countryInfo": {"iso2": "EG"},
    "cases": 204256, "todayCases": 696, "deaths": 12121, "todayDeaths": 47,
    "recovered": 153568, "active": 38567,
}
HEADER = "country,iso2,updated,cases,todayCases,deaths,todayDeaths,recovered,active\n"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _json(tmp_path: Path, data: object) -> Path:
    return _write(tmp_path, "stats.json", json.dumps(data))


# -- the fixture files ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["covid-stats.json", "covid-stats.csv"])
def test_fixture_regions(name: str) -> None:
    statistics = FileStatistics.from_path(DATA / name)
    assert sorted(r for r in statistics.by_region if r is not None) == \
        ["AE", "EG", "KP", "LY", "PS", "SA"]
    assert None in statistics.by_region  # the world
    egypt = statistics.figures("EG")
    assert egypt == Figures(confirmed=204256, new_confirmed=696, deaths=12121, new_deaths=47,
                            recovered=153568, active=38567, updated=UPDATED)
    world = statistics.figures(None)
    assert world is not None
    assert world.confirmed == 128345767


def test_json_and_csv_fixtures_agree() -> None:
    from_json = FileStatistics.from_path(DATA / "covid-stats.json")
    from_csv = FileStatistics.from_path(DATA / "covid-stats.csv")
    assert dict(from_json.by_region) == dict(from_csv.by_region)


def test_lookup_is_case_insensitive_and_misses_give_none() -> None:
    statistics = FileStatistics.from_path(DATA / "covid-stats.json")
    assert statistics.figures("eg") == statistics.figures("EG")
    assert statistics.figures("FR") is None


def test_country_without_code_is_skipped() -> None:
    statistics = FileStatistics.from_path(DATA / "covid-stats.json")
    assert all(f.confirmed != 9 for f in statistics.by_region.values())  # MS Zaandam


def test_is_a_statistics_provider() -> None:
    statistics = FileStatistics.from_path(DATA / "covid-stats.csv")
    assert isinstance(statistics, StatisticsProvider)
    assert not isinstance(object(), StatisticsProvider)


def test_by_region_is_read_only() -> None:
    statistics = FileStatistics({"EG": FileStatistics.from_path(
        DATA / "covid-stats.json").figures("EG")})  # type: ignore[dict-item]
    with pytest.raises(TypeError):
        statistics.by_region["FR"] = statistics.by_region["EG"]  # type: ignore[index]


# -- JSON shapes ---------------------------------------------------------------------


def test_single_object_without_country_is_the_world(tmp_path: Path) -> None:
    record = {k: v for k, v in RECORD.items() if k not in ("country", "countryInfo")}
    statistics = FileStatistics.from_path(_json(tmp_path, record))
    assert list(statistics.by_region) == [None]


def test_top_level_iso2_and_bom(tmp_path: Path) -> None:
    record = {**RECORD, "countryInfo": None, "iso2": "ly"}
    path = tmp_path / "s.JSON"
    path.write_text("\ufeff" + json.dumps([record]), encoding="utf-8")
    assert list(FileStatistics.from_path(path).by_region) == ["LY"]


def test_format_keyword_overrides_the_suffix(tmp_path: Path) -> None:
    path = _write(tmp_path, "stats.txt", json.dumps(RECORD))
    assert list(FileStatistics.from_path(path, format="json").by_region) == ["EG"]


def test_updated_is_epoch_milliseconds(tmp_path: Path) -> None:
    statistics = FileStatistics.from_path(_json(tmp_path, {**RECORD, "updated": 1500}))
    figures = statistics.figures("EG")
    assert figures is not None
    assert figures.updated == datetime(1970, 1, 1, tzinfo=timezone.utc) + timedelta(seconds=1.5)


# -- bad files -----------------------------------------------------------------------


@pytest.mark.parametrize(("data", "message"), [
    ([RECORD, {**RECORD, "countryInfo": {"iso2": "LY"}, "cases": "many"}],
     r"record 2: `cases` must be a whole number"),
    ([{**RECORD, "deaths": 1.5}], r"record 1: `deaths` must be a whole number"),
    ([{**RECORD, "active": True}], r"record 1: `active` must be a whole number"),
    ([{k: v for k, v in RECORD.items() if k != "recovered"}], r"record 1: `recovered`"),
    ([{**RECORD, "countryInfo": {"iso2": "EGY"}}], r"record 1: `iso2` must be two ASCII"),
    ([{**RECORD, "countryInfo": {"iso2": 12}}], r"record 1: `iso2` must be two ASCII"),
    ([RECORD, RECORD], r"record 2: the EG figures are given twice"),
    ([RECORD, "EG"], r"record 2: expected an object, not str"),
    ([{**RECORD, "updated": 10**20}], r"record 1: `updated` is out of range"),
])
def test_bad_json_names_path_record_and_field(tmp_path: Path, data: object,
                                              message: str) -> None:
    path = _json(tmp_path, data)
    with pytest.raises(ValueError, match=message) as caught:
        FileStatistics.from_path(path)
    assert str(caught.value).startswith(f"{path}: ")


def test_invalid_json_names_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "stats.json", '[\n  {"cases": 1,}\n]')
    with pytest.raises(ValueError, match=r"stats\.json: line 2, column 15"):
        FileStatistics.from_path(path)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "stats.json"
    path.write_bytes(b'{"country": "\xff"}')
    with pytest.raises(ValueError, match=r"stats\.json: .*utf-8"):
        FileStatistics.from_path(path)


@pytest.mark.parametrize(("rows", "message"), [
    ("Egypt,EG,1617120000000,x,1,1,1,1,1\n", r"line 2: `cases` must be a whole number"),
    (",,1617120000000,1,1,1,1,1,1\n,,1617120000000,1,1,1,1,1,1\n",
     r"line 3: the world figures are given twice"),
    ("Egypt,EG,1617120000000,1,1,1,1,1,1,extra\n", r"line 2: more cells than columns"),
    ('Egypt,EG,"1617120000000,1,1,1,1,1,1\n', r"line \d+: "),
])
def test_bad_csv_names_path_and_line(tmp_path: Path, rows: str, message: str) -> None:
    path = _write(tmp_path, "stats.csv", HEADER + rows)
    with pytest.raises(ValueError, match=message) as caught:
        FileStatistics.from_path(path)
    assert str(caught.value).startswith(f"{path}: ")


def test_csv_cells_may_have_spaces(tmp_path: Path) -> None:
    path = _write(tmp_path, "s.csv", HEADER + "Egypt, eg ,1617120000000, 5 ,1,1,1,1,1\n")
    figures = FileStatistics.from_path(path).figures("EG")
    assert figures is not None
    assert figures.confirmed == 5


def test_unknown_suffix(tmp_path: Path) -> None:
    path = _write(tmp_path, "stats.xml", "<x/>")
    with pytest.raises(ValueError, match=r"stats\.xml: cannot tell the format"):
        FileStatistics.from_path(path)


def test_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        FileStatistics.from_path(tmp_path / "absent.json")


# -- Figures -------------------------------------------------------------------------


def _figures(**changes: object) -> Figures:
    fields: dict[str, object] = {"confirmed": 1, "new_confirmed": 0, "deaths": 0,
                                 "new_deaths": 0, "recovered": 0, "active": 1,
                                 "updated": UPDATED, **changes}
    return Figures(**fields)  # type: ignore[arg-type]


def test_figures_convert_to_utc() -> None:
    cairo = timezone(timedelta(hours=2))
    figures = _figures(updated=datetime(2021, 3, 30, 18, 0, tzinfo=cairo))
    assert figures.updated == UPDATED
    assert figures.updated.tzinfo is timezone.utc


def test_figures_refuse_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="aware"):
        _figures(updated=datetime(2021, 3, 30))


@pytest.mark.parametrize("value", [True, 1.0, "1"])
def test_figures_refuse_non_int_counts(value: object) -> None:
    with pytest.raises(TypeError, match="confirmed must be an int"):
        _figures(confirmed=value)
