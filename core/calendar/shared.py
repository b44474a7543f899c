"""The holiday years an office imported, kept in the database so that every officer
computes deadlines with the same calendar: `calendar import` records the file there
(the 管理员's act, in the system chain), and each session brings the officer's
catalogs/holidays/ to what the database holds."""

from __future__ import annotations

import datetime as dt
import hashlib

from core.calendar import holidays
from core.store import audit
from core.store.db import write_transaction
from core.store.models import CalendarYear


def record(year: int, text: str, actor_login: str, replaced: bool) -> None:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    with write_transaction():
        row = dict(year=year, text=text, sha256=digest, imported_by=actor_login,
                   imported_at=dt.datetime.now().replace(microsecond=0))
        CalendarYear.insert(**row).on_conflict(conflict_target=[CalendarYear.year],
                                               update={k: v for k, v in row.items() if k != "year"}).execute()
        audit.system_event(actor_login, "calendar_import", {"year": year, "replaced": replaced,
                                                            "file": f"{year}.yaml", "sha256": digest})


def sync_files() -> list[int]:
    """Write every year whose local file is missing or differs from the database's; the years written."""
    written = []
    directory = holidays.holidays_dir()
    for row in CalendarYear.select().order_by(CalendarYear.year):
        path = directory / f"{row.year}.yaml"
        if path.is_file() and path.read_text(encoding="utf-8") == row.text:
            continue
        directory.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".yaml.tmp")
        tmp.write_text(row.text, encoding="utf-8")
        tmp.replace(path)
        written.append(row.year)
    return written
