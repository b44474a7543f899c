"""Holiday arrangements (放假安排) per year: the State Council's days off and
调休 make-up working days.

Published years come from the `chinesecalendar` package's tables; a year it
lacks (or one to correct) is a data file `catalogs/holidays/YYYY.yaml`, which
wins over the package for its year."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import chinese_calendar
from chinese_calendar.constants import Holiday
from chinese_calendar.constants import holidays as PACKAGE_HOLIDAYS
from chinese_calendar.constants import workdays as PACKAGE_MAKEUP_DAYS

from core import files, home, yamlfile
from core.errors import DataFileError, Problem

PACKAGE_SOURCE = f"chinesecalendar {chinese_calendar.__version__}"
PACKAGE_YEARS = range(min(PACKAGE_HOLIDAYS).year, max(PACKAGE_HOLIDAYS).year + 1)


@dataclass(frozen=True)
class HolidayPeriod:
    name: str
    start: dt.date
    end: dt.date
    makeup_days: tuple[dt.date, ...] = ()

    def days(self) -> list[dt.date]:
        return [self.start + dt.timedelta(i) for i in range((self.end - self.start).days + 1)]


@dataclass(frozen=True)
class HolidayYear:
    year: int
    source: str  # the package and its version, or the data file
    periods: tuple[HolidayPeriod, ...]
    notice: str | None = None  # the notice's 文号, e.g. 国办发明电〔2024〕12号
    notice_date: dt.date | None = None

    def off_days(self) -> set[dt.date]:
        return {d for p in self.periods for d in p.days()}

    def makeup_days(self) -> set[dt.date]:
        return {d for p in self.periods for d in p.makeup_days}

    def as_json(self) -> dict:
        return {
            "year": self.year, "source": self.source, "notice": self.notice,
            "notice_date": self.notice_date,
            "holidays": [{"name": p.name, "from": p.start, "to": p.end, "makeup": list(p.makeup_days)}
                         for p in self.periods],
        }


def _combined_name(chinese_names: list[str]) -> str:
    # Two festivals sharing one break read as the notices do: 国庆节 + 中秋 → 国庆中秋.
    if len(chinese_names) == 1:
        return chinese_names[0]
    return "".join(n.removesuffix("节") for n in chinese_names)


def from_package(year: int) -> HolidayYear:
    """The package's table for `year`, grouped into periods of consecutive days off."""
    days = sorted((d, Holiday(v)) for d, v in PACKAGE_HOLIDAYS.items() if d.year == year)
    runs: list[list[tuple[dt.date, Holiday]]] = []
    for day, kind in days:
        if runs and (day - runs[-1][-1][0]).days == 1:
            runs[-1].append((day, kind))
        else:
            runs.append([(day, kind)])
    kinds_of_run = [list(dict.fromkeys(k for _, k in run)) for run in runs]
    makeup: list[list[dt.date]] = [[] for _ in runs]
    for day, value in sorted(PACKAGE_MAKEUP_DAYS.items()):
        if day.year != year:
            continue
        kind = Holiday(value)
        candidates = [i for i, kinds in enumerate(kinds_of_run) if kind in kinds] or range(len(runs))
        nearest = min(candidates, key=lambda i: abs((runs[i][0][0] - day).days))
        makeup[nearest].append(day)
    periods = tuple(
        HolidayPeriod(_combined_name([k.chinese for k in kinds]), run[0][0], run[-1][0], tuple(makeup[i]))
        for i, (run, kinds) in enumerate(zip(runs, kinds_of_run))
    )
    return HolidayYear(year, PACKAGE_SOURCE, periods)


def holidays_dir() -> Path:
    return home.catalogs() / "holidays"


def parse_file(path: Path, display_name: str | None = None) -> HolidayYear:
    """Read and check a holiday file; every problem is listed with its line."""
    name = display_name or yamlfile.display_path(path)
    return parse_data(yamlfile.load(path, name), name)


def parse_data(data, name: str) -> HolidayYear:
    check = yamlfile.Checker(name)
    if not isinstance(data, yamlfile.Located):
        check.add(None, None, "应为键值映射（year、notice、notice_date、holidays）")
        check.raise_if_any()
    year = check.get(data, "year", int)
    notice = check.get(data, "notice", str)
    notice_date = check.get(data, "notice_date", dt.date)
    entries = check.get(data, "holidays", list) or []
    periods: list[HolidayPeriod] = []
    located: list[tuple[yamlfile.Located, HolidayPeriod]] = []
    spans: list[tuple[dt.date, dt.date, str, int]] = []
    for entry in entries:
        rec = check.mapping(entry, data, "holidays")
        if rec is None:
            continue
        title = check.get(rec, "name", str)
        start = check.get(rec, "from", dt.date)
        end = check.get(rec, "to", dt.date, required=False, default=start)
        makeup_raw = check.get(rec, "makeup", list, required=False, default=[])
        makeup: list[dt.date] = []
        for raw in makeup_raw:
            try:
                makeup.append(yamlfile.as_date(raw))
            except ValueError as exc:
                check.add(rec, "makeup", str(exc))
        if start is None or end is None or year is None:
            continue
        if end < start:
            check.add(rec, "to", f"结束日期 {end} 早于开始日期 {start}")
            continue
        for field, day in (("from", start), ("to", end)):
            if day.year != year:
                check.add(rec, field, f"日期 {day} 不在 {year} 年内")
        for day in makeup:
            if day.year != year:
                check.add(rec, "makeup", f"调休上班日 {day} 不在 {year} 年内")
            elif day.weekday() < 5:
                check.add(rec, "makeup", f"调休上班日 {day} 是星期{'一二三四五'[day.weekday()]}，应为星期六或星期日")
        for other_start, other_end, other_name, other_line in spans:
            if start <= other_end and other_start <= end:
                check.add(rec, "from", f"{title} {start}至{end} 与第{other_line}行的 {other_name} 重叠")
        spans.append((start, end, title, rec.line))
        periods.append(HolidayPeriod(title, start, end, tuple(sorted(makeup))))
        located.append((rec, periods[-1]))
    off = {d for p in periods for d in p.days()}
    for rec, period in located:
        for day in period.makeup_days:
            if day in off:
                check.add(rec, "makeup", f"{day} 同时是放假日和调休上班日")
    check.raise_if_any()
    return HolidayYear(year, name, tuple(sorted(periods, key=lambda p: p.start)), notice, notice_date)


def file_years() -> dict[int, HolidayYear]:
    """Every year entered under catalogs/holidays/, checked."""
    years: dict[int, HolidayYear] = {}
    directory = holidays_dir()
    if not directory.is_dir():
        return years
    problems: list[Problem] = []
    for path in sorted(directory.glob("*.yaml")):
        try:
            entered = parse_file(path)
        except DataFileError as exc:
            problems.extend(exc.problems)
            continue
        if path.stem != str(entered.year):
            problems.append(Problem(entered.source, None, "year", f"文件名应为 {entered.year}.yaml"))
            continue
        years[entered.year] = entered
    if problems:
        raise DataFileError(problems)
    return years


def all_years() -> dict[int, HolidayYear]:
    """Package years overlaid by file years (a file wins for its year)."""
    years = {y: from_package(y) for y in PACKAGE_YEARS}
    years.update(file_years())
    return years


@dataclass(frozen=True)
class ImportResult:
    year: int
    path: Path
    replaced: bool
    holiday_year: HolidayYear
    notice: str | None = None  # the file was GB18030 and was installed converted


def import_file(source: Path) -> ImportResult:
    """Check a holiday file and install it as catalogs/holidays/YYYY.yaml.
    Nothing is written unless the whole file is valid."""
    read = files.read_text(source, "file")
    entered = parse_data(yamlfile.load_text(read.text, str(source)), str(source))
    target = holidays_dir() / f"{entered.year}.yaml"
    replaced = target.exists()
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.resolve() != target.resolve() or read.encoding != "UTF-8":
        tmp = target.with_suffix(".yaml.tmp")
        tmp.write_text(read.text, encoding="utf-8")  # installed as UTF-8 whatever it came in
        tmp.replace(target)
    return ImportResult(entered.year, target, replaced, entered, read.notice)
