"""The 台账 (ledger): every request of a year as one row, exported to CSV or
Excel, and past ledgers imported from CSV.

Applicant names and ID numbers are masked unless the export is asked for with
personal data, and such an export is itself an audit event. An import is
checked row by row first; one bad row and nothing is imported."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import peewee as pw

from core import files
from core.calendar import regimes
from core.chinese import INVISIBLE
from core.dates import parse
from core.errors import DataFileError, InvalidInput, Problem
from core.organisation.roles import UserInfo, require_agency
from core.requests import applicants, lifecycle, outcomes
from core.requests.intake import Intake, check_intake
from core.requests.service import deadline_for, next_numbers, receive_record
from core.store import audit
from core.store.db import database, insert_rows, is_sqlite, write_transaction
from core.store.models import Event, Request

# CSV columns: the import needs the first ten; the rest come with an export
# and are read back when present so that a ledger round-trips.
IMPORT_COLUMNS = ("agency", "received", "applicant_type", "applicant_name", "channel", "content", "accepted",
                  "outcome", "reason", "decided")
OPTIONAL_COLUMNS = ("applicant_id", "extension_days", "replied")
EXPORT_COLUMNS = ("number", "agency", "received", "channel", "applicant_type", "applicant_name", "applicant_id",
                  "content", "accepted", "due", "extension_days", "decided", "replied", "outcome", "reason",
                  "reason_text", "overdue")
HEADERS = {"number": "编号", "agency": "机关", "received": "收到日期", "channel": "申请方式",
           "applicant_type": "申请人类型", "applicant_name": "申请人", "applicant_id": "证件号码",
           "content": "申请内容", "accepted": "受理日期", "due": "答复期限", "extension_days": "延期（工作日）",
           "decided": "决定日期", "replied": "答复日期", "outcome": "办理结果", "reason": "理由编号",
           "reason_text": "理由", "overdue": "是否逾期"}


# What a 台账 row is made of, read as plain tuples: a year of 100k requests as model instances
# costs seven times the query.
_FIELDS = (Request.number, Request.agency, Request.received, Request.channel,
           Request.applicant_type, Request.applicant_name, Request.applicant_id, Request.content,
           Request.accepted_on, Request.due, Request.extension_days, Request.decided_on, Request.replied_on,
           Request.outcome, Request.reason_code, Request.state)


def rows(condition, today: dt.date, personal: bool) -> Iterator[list]:
    """The 台账 rows (cells in EXPORT_COLUMNS order, made safe) of the requests matching an SQL
    condition (a year, or a list's filter), streamed from the database. Read as the driver returns
    them: SQLite's dates are already the ISO text the cells hold (peewee would parse each, for
    `isoformat` to write it again); ISO dates compare as the dates do."""
    query = database.execute(Request.select(*_FIELDS).where(condition)
                             .order_by(Request.agency, Request.year, Request.seq))
    reasons, open_states, now = outcomes.REASONS, lifecycle.OPEN_STATES, today.isoformat()
    name, id_ = ((lambda v: v), (lambda v: v or "")) if personal else (applicants.mask_name, applicants.mask_id)
    for (number, agency, received, channel, applicant_type, applicant_name, applicant_id, content,
         accepted, due, extension, decided, replied, outcome, reason, state) in query:
        due, replied = _iso(due), _iso(replied)
        overdue = (replied > due) if (replied and due) else bool(state in open_states and due and now > due)
        yield safe_cells([
            number, agency, _iso(received), channel, applicant_type,
            name(applicant_name), id_(applicant_id), content, _iso(accepted), due, extension or "",
            _iso(decided), replied, outcome or "", reason or "",
            reasons[outcome][reason - 1] if outcome and reason else "", "是" if overdue else "否"])


def _iso(value: dt.date | str | None) -> str:
    if isinstance(value, str):
        return value
    return value.isoformat() if value else ""


def export(year: int | None, fmt: str, out: Path, actor: UserInfo, today: dt.date, personal: bool,
           condition=None, title: str | None = None) -> int:
    """The 台账 of a year, or (with `condition` and `title`) of the requests a list shows."""
    if fmt not in ("csv", "xlsx"):
        raise InvalidInput("format", "导出格式应为 csv 或 xlsx")
    ledger = rows(Request.year == year if condition is None else condition, today, personal)
    # Written beside the target first: a file that could not be written leaves no audit event
    # claiming an export, and an event that could not be recorded leaves no file.
    with files.replacing(out, 0o600 if personal else 0o644) as partial:
        count = _write(partial, fmt, ledger, title or f"{year}年依申请公开台账")
        if personal:
            with write_transaction():
                audit.system_event(actor.login, "export_personal_data",
                                   {"what": "ledger", "year": year, "list": title, "format": fmt,
                                    "rows": count, "file": str(out)})
    return count


# A spreadsheet runs a cell beginning with one of these as a formula (=HYPERLINK(…), =WEBSERVICE(…)).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A cell that can only ever be read as text: control and direction-override characters
    dropped, and a leading formula character quoted the way spreadsheets understand (')."""
    if not isinstance(value, str) or _NEEDS_CARE.search(value) is None:  # one scan: nearly every cell
        return value
    value = INVISIBLE.sub("", value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


# A formula character at the start, or an invisible character anywhere (which may hide one).
_NEEDS_CARE = re.compile(r"\A[=+\-@\t\r]|" + INVISIBLE.pattern)


def _unquoted(value):
    """A cell as exported: the quote `safe_cell` put before a leading formula character comes off."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


# The same test over a whole row, its text cells joined by newlines: a cell's start follows a
# newline, and a newline is not invisible. Two plain scans (a literal-led pattern and one character
# class) answer nearly every row; a row that matches (a newline inside a cell can make it match) is
# looked at cell by cell.
_CELL_START = re.compile(r"\n[=+\-@\t\r]")


def safe_cells(cells: list) -> list:
    text = "\n" + "\n".join([c for c in cells if isinstance(c, str)])
    if _CELL_START.search(text) is None and INVISIBLE.search(text) is None:
        return cells
    return [safe_cell(c) for c in cells]


WIDTHS = (20, 10, 12, 10, 12, 16, 20, 40, 12, 12, 8, 12, 12, 10, 8, 30, 8)


def _write(path: Path, fmt: str, cells: Iterator[list], title: str) -> int:
    """The ledger as CSV (headed by the column names `request import` reads back) or a workbook."""
    headers = EXPORT_COLUMNS if fmt == "csv" else [HEADERS[c] for c in EXPORT_COLUMNS]
    return write_table(path, fmt, headers, cells, title, WIDTHS)


def write_table(path: Path, fmt: str, headers: Sequence[str], cells: Iterable[list], title: str,
                widths: Sequence[float] = ()) -> int:
    """Rows written as CSV or as a one-sheet workbook under a bold header row; returns how many."""
    count = 0
    if fmt == "csv":
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(headers)
            for row in cells:
                writer.writerow(row)
                count += 1
        return count
    import openpyxl  # only the commands that write a spreadsheet pay for openpyxl (and numpy)

    # Write-only: rows go to the file as they come, a year of 100k requests in constant memory.
    book = openpyxl.Workbook(write_only=True)
    count = append_sheet(book, title, headers, cells, widths)
    book.save(path)
    return count


def append_sheet(book, title: str, headers: Sequence[str], cells: Iterable[list], widths: Sequence[float] = (),
                 frozen: str = "A2") -> int:
    """One sheet of a write-only workbook: a bold header row, then the rows; returns how many."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(INVISIBLE.sub("", title)[:31])  # Excel's limit on a sheet name
    sheet.freeze_panes = frozen
    for column, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    bold = Font(bold=True)
    header = []
    for text in headers:
        cell = WriteOnlyCell(sheet, text)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in cells:
        sheet.append(row)
        count += 1
    return count


@dataclass(frozen=True)
class ImportReport:
    imported: int
    numbers: tuple[str, ...]
    notice: str | None = None  # the file was GB18030 and was converted


def import_csv(path: Path, actor: UserInfo, today: dt.date) -> ImportReport:
    """Check every row, then import all of them in one transaction — or none."""
    name = str(path)
    read = files.read_text(path, "file")
    reader = csv.DictReader(io.StringIO(read.text))
    planned, problems = [], []
    try:
        missing = [c for c in IMPORT_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise DataFileError([Problem(name, 1, missing[0], f"缺少列：{', '.join(missing)}")])
        seen: set[tuple] = set()
        for raw in reader:
            try:
                planned.append(_check_row({k: _unquoted(v) for k, v in raw.items()}, today, seen))
            except InvalidInput as exc:
                problems.append(Problem(name, reader.line_num, exc.field, exc.reason))
    except csv.Error as exc:  # a field past the csv module's 128 KiB, a NUL byte
        raise DataFileError([Problem(name, reader.line_num, None, f"不是有效的 CSV 台账（{exc}）")]) from None
    if problems:
        raise DataFileError(problems)
    for agency in sorted({values["agency"] for values, *_ in planned}):
        require_agency(actor, agency, "登记")
    # Everything but the numbers is worked out before the database is locked: the transaction
    # that writes a year's ledger holds the write lock for moments, not minutes, and is still
    # all or nothing.
    prepared = [_prepare(*plan, actor, today) for plan in planned]
    with write_transaction():
        numbers = _store(prepared, actor)
    return ImportReport(len(numbers), tuple(numbers), read.notice)


def _prepare(values: dict, accepted: dt.date | None, extension: int, decision: tuple | None, actor: UserInfo,
             today: dt.date) -> tuple[dict, list[tuple]]:
    """A request's columns and its events (action, date, data) as logging it and recording its
    history one step at a time would leave them."""
    values = dict(values)
    receipt = values.pop("receipt", None)
    salt, receive = receive_record(values)
    row = {**values, "state": lifecycle.RECEIVED, "personal_salt": salt, "extension_days": 0, "accepted_on": None,
           "outcome": None, "reason_code": None, "decided_on": None, "replied_on": None}
    events = [("receive", values["received"], {**receive, **({"receipt": receipt} if receipt else {})})]

    def record(action: str, date: dt.date, after: dict, extra: dict | None = None) -> None:
        before = {k: row[k] for k in after}
        events.append((action, date, {"before": before, "after": after, "source": "台账导入", **(extra or {})}))
        row.update(after)

    if accepted:
        record("accept", accepted, {"accepted_on": accepted, "state": lifecycle.ACCEPTED})
    if extension:
        record("extend", accepted, {"extension_days": extension}, {"days": extension, "reason": "台账导入"})
    if decision:
        kind, code, decided, replied = decision
        record("imported_decision", replied, {"outcome": kind, "reason_code": code, "decided_on": decided,
                                              "replied_on": replied, "state": lifecycle.CLOSED})
    deadline = deadline_for(Request(regime=row["regime"]), [
        Event(seq=i, action=a, date=d, data=audit.canonical(data)) for i, (a, d, data) in enumerate(events, 1)],
        today)
    row.update(due=deadline.final_due, provisional=deadline.provisional, version=len(events),
               updated_at=dt.datetime.now())
    return row, events


def _store(prepared: list[tuple[dict, list[tuple]]], actor: UserInfo) -> list[str]:
    """Number, chain and insert the prepared requests (inside the caller's transaction)."""
    counts: dict[tuple, int] = {}
    for row, _ in prepared:
        counts[(row["agency"], row["received"].year)] = counts.get((row["agency"], row["received"].year), 0) + 1
    following = {key: next_numbers(*key, count) for key, count in counts.items()}
    if is_sqlite():  # the write transaction holds the whole database
        first = (Request.select(pw.fn.MAX(Request.id)).scalar() or 0) + 1
        ids = list(range(first, first + len(prepared)))
    else:
        ids = [i for (i,) in database.execute_sql(
            "SELECT nextval(pg_get_serial_sequence('request', 'id')) FROM generate_series(1, %s)",
            (len(prepared),)).fetchall()]
    request_rows, event_rows = [], []
    for request_id, (row, events) in zip(ids, prepared):
        key = (row["agency"], row["received"].year)
        seq, following[key] = following[key], following[key] + 1
        number = f"{key[0]}-{key[1]}-{seq:04d}"
        prev = audit.GENESIS
        for i, (action, date, data) in enumerate(events, 1):
            event_rows.append(audit.event_row(request_id, number, i, prev, actor.login, action, date, data))
            prev = event_rows[-1]["hash"]
        request_rows.append({**row, "id": request_id, "number": number, "year": key[1], "seq": seq,
                             "head_hash": prev})
    insert_rows(Request, request_rows)
    insert_rows(Event, event_rows)
    return [r["number"] for r in request_rows]


def _optional_date(raw: dict, column: str) -> dt.date | None:
    value = (raw.get(column) or "").strip()
    return parse(value, column) if value else None


def _check_row(raw: dict, today: dt.date, seen: set):
    received = _optional_date(raw, "received")
    intake = Intake(agency=(raw.get("agency") or "").strip(), received=received, channel=raw.get("channel") or "",
                    applicant_type=raw.get("applicant_type") or "", applicant_name=raw.get("applicant_name") or "",
                    content=raw.get("content") or "", applicant_id=raw.get("applicant_id") or None)
    values, errors = check_intake(intake, today)
    if errors:
        raise errors[0]
    accepted = _optional_date(raw, "accepted")
    if accepted and accepted < received:
        raise InvalidInput("accepted", f"受理日期 {accepted} 早于收到日期 {received}")
    extension = (raw.get("extension_days") or "").strip()
    if extension and not extension.isdigit():
        raise InvalidInput("extension_days", "延期天数应为整数")
    extension_days = int(extension or 0)
    if extension_days and not accepted:
        raise InvalidInput("extension_days", "未受理的申请不能有延期")
    if extension_days > regimes.load().get(None).extension_max_days:
        raise InvalidInput("extension_days", f"延期最长不得超过{regimes.load().get(None).extension_max_days}个工作日")
    kind = (raw.get("outcome") or "").strip()
    reason = (raw.get("reason") or "").strip()
    decided = _optional_date(raw, "decided")
    decision = None
    if kind:
        if reason and not reason.isdigit():
            raise InvalidInput("reason", "理由应为年度报告分类中的编号（如 4）")
        kind, code = outcomes.check(kind, int(reason) if reason else None)
        if decided is None:
            raise InvalidInput("decided", "有办理结果的申请须填写决定日期")
        if decided < (accepted or received):
            raise InvalidInput("decided", f"决定日期 {decided} 早于受理或收到日期")
        if decided > today:
            raise InvalidInput("decided", f"决定日期 {decided} 晚于今天 {today}")
        replied = _optional_date(raw, "replied") or decided
        decision = (kind, code, decided, replied)
    elif decided or reason:
        raise InvalidInput("outcome", "填写了决定日期或理由，却没有办理结果")
    key = (intake.agency, received, intake.applicant_name.strip(), intake.content.strip())
    if key in seen or Request.select().where(
            (Request.agency == key[0]) & (Request.received == key[1]) & (Request.applicant_name == key[2])
            & (Request.content == key[3])).exists():
        raise InvalidInput("content", "与已有申请重复（同一机关、收到日期、申请人和内容）")
    seen.add(key)
    return values, accepted, extension_days, decision
