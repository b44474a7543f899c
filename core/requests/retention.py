"""The applicant's personal data after its purpose is served (个人信息保护法第十九条, 第四十七条):
erased when the regime's retention period has run from the decision (and from the end of any
review or suit over it). The request, its outcome and its chain stay — the annual report still
counts it — and the erasure is itself an event naming the rule."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.calendar import regimes
from core.organisation.roles import ADMIN, UserInfo, require_role
from core.requests import lifecycle
from core.requests.outcomes import CASE_PENDING
from core.requests.service import append_event, load_events
from core.store import audit
from core.store.db import write_transaction
from core.store.models import Case, Request

FINISHED = (lifecycle.REPLIED, lifecycle.CLOSED, lifecycle.WITHDRAWN)


@dataclass(frozen=True)
class RetentionReport:
    erased: tuple[str, ...]  # request numbers whose personal data was (or, dry run, would be) erased
    unerasable: tuple[str, ...]  # logged before commitments: their data is inside the hashed events
    dry_run: bool

    def as_json(self) -> dict:
        return {"erased": list(self.erased), "unerasable": list(self.unerasable), "dry_run": self.dry_run}


def expired(today: dt.date) -> list[Request]:
    """Finished requests whose personal data has outlived its regime's period (no case pending)."""
    rules = regimes.load()
    pending = {c.request_id for c in Case.select(Case.request).where(Case.result == CASE_PENDING)}
    last_case = {}
    for case in Case.select(Case.request, Case.closed_on).where(Case.closed_on.is_null(False)):
        last_case[case.request_id] = max(case.closed_on, last_case.get(case.request_id, case.closed_on))
    due = []
    for row in Request.select().where(Request.state.in_(FINISHED), Request.personal_erased_on.is_null()):
        years = rules.get(row.regime).inherited("personal_data_years")
        since = max(d for d in (row.decided_on, row.replied_on, last_case.get(row.id), row.received) if d)
        if years and row.id not in pending and _add_years(since, years) < today:
            due.append(row)
    return due


def apply(actor: UserInfo, today: dt.date, dry_run: bool = False) -> RetentionReport:
    """Erase every expired request's personal fields, all in one transaction."""
    require_role(actor, ADMIN, "删除到期的个人信息")
    erased, unerasable = [], []
    with write_transaction():
        for row in expired(today):
            if not row.personal_salt:
                unerasable.append(row.number)
                continue
            erased.append(row.number)
            if dry_run:
                continue
            regime = regimes.load().get(row.regime)
            years = regime.inherited("personal_data_years")
            basis = regime.inherited("personal_data_basis")
            fields = {**{f: None for f in audit.PERSONAL_FIELDS}, "applicant_name": audit.ERASED_NAME,
                      "personal_salt": None, "personal_erased_on": today}
            append_event(row, load_events(row.id), actor.login, "erase_personal", today,
                         {"before": {"personal_erased_on": None, "state": row.state},
                          "after": {"personal_erased_on": today, "state": row.state},
                          "fields": list(audit.PERSONAL_FIELDS), "keep_years": years, "basis": basis}, fields, today)
    return RetentionReport(tuple(erased), tuple(unerasable), dry_run)


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
