"""The append-only, hash-chained event log.

Each request's events form a chain: an event's hash covers its content and the
previous event's hash, and the request row keeps the newest hash, so editing,
reordering or deleting any event — the last one included — is detected."""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import secrets
from dataclasses import dataclass

from core.errors import label
from core.store.db import database, is_sqlite
from core.store.models import ChainHead, Event, Request, SystemEvent

GENESIS = "0" * 64


def canonical(data: dict) -> str:
    return _CANONICAL(data)


# One encoder for every event: json.dumps with options builds a new one per call.
_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str).encode


# The applicant's personal data (个人信息保护法): kept in the request's columns, erasable; the
# receive event holds only a salted commitment to them.
PERSONAL_FIELDS = ("applicant_name", "applicant_id", "applicant_phone", "applicant_address", "applicant_email")
ERASED_NAME = "（已删除）"


def commitment(salt: str, values: dict) -> str:
    return salted(salt, canonical({f: values.get(f) for f in PERSONAL_FIELDS}))


def salted(salt: str, text: str) -> str:
    """A commitment to `text` that the chain may hold in its place: the random salt keeps a guess
    (every phone number) from being checked against it."""
    return hashlib.sha256(f"{salt}\x1f{text}".encode("utf-8")).hexdigest()


def personal_record(values: dict) -> tuple[str, str]:
    """(salt, commitment) for a new request's personal fields; the salt is random so that a
    commitment to a phone number cannot be found by trying every phone number."""
    salt = secrets.token_hex(16)
    return salt, commitment(salt, values)


def event_hash(prev_hash: str, number: str, seq: int, at: dt.datetime, actor: str, action: str,
               date: dt.date, data_json: str) -> str:
    return _digest(prev_hash, number, seq, at.isoformat(), actor, action, date.isoformat(), data_json)


def _digest(prev_hash: str, number: str, seq: int, at: str, actor: str, action: str, date: str,
            data_json: str) -> str:
    payload = "\x1f".join([prev_hash, number, str(seq), at, actor, action, date, data_json])
    return _sha256(payload.encode("utf-8")).hexdigest()


_sha256 = hashlib.sha256


def event_row(request_id: int, number: str, seq: int, prev_hash: str, actor: str, action: str, date: dt.date,
              data: dict, at: dt.datetime | None = None) -> dict:
    """The column values of a chained event (for a single write or a bulk load)."""
    at = (at or dt.datetime.now()).replace(microsecond=0)
    data_json = canonical(data)
    digest = event_hash(prev_hash, number, seq, at, actor, action, date, data_json)
    return dict(request=request_id, seq=seq, at=at, actor=actor, action=action, date=date, data=data_json,
                prev_hash=prev_hash, hash=digest)


def new_event(request: Request, seq: int, prev_hash: str, actor: str, action: str, date: dt.date,
              data: dict) -> Event:
    """Write the next event of `request` (inside the caller's transaction)."""
    return Event.create(**event_row(request.id, request.number, seq, prev_hash, actor, action, date, data))


SYSTEM_CHAIN = "SYSTEM"
SYSTEM_CHAIN_LOCK = 0x676F6E676B6169  # "gongkai": the advisory lock that serialises system-chain appends


def system_event(actor: str, action: str, data: dict) -> SystemEvent:
    """Append to the system chain (inside the caller's write transaction)."""
    if not is_sqlite():
        # One appender at a time, until the transaction ends: concurrent officers would otherwise
        # read the same last event and collide on the next sequence number.
        database.execute_sql("SELECT pg_advisory_xact_lock(%s)", (SYSTEM_CHAIN_LOCK,))
    last = SystemEvent.select().order_by(SystemEvent.seq.desc()).first()
    seq, prev = (last.seq + 1, last.hash) if last else (1, GENESIS)
    at = dt.datetime.now().replace(microsecond=0)
    data_json = canonical(data)
    digest = event_hash(prev, SYSTEM_CHAIN, seq, at, actor, action, at.date(), data_json)
    return SystemEvent.create(seq=seq, at=at, actor=actor, action=action, data=data_json, prev_hash=prev,
                              hash=digest)


def _verify_system() -> str | None:
    prev, last = GENESIS, None
    for expected_seq, e in enumerate(SystemEvent.select().order_by(SystemEvent.seq), 1):
        where = f"系统事件第{e.seq}条（{e.action}）"
        if e.seq != expected_seq or e.prev_hash != prev:
            return f"{where}：前一事件缺失或被改动"
        if event_hash(prev, SYSTEM_CHAIN, e.seq, e.at, e.actor, e.action, e.at.date(), e.data) != e.hash:
            return f"{where}：内容与哈希不符，事件被改动"
        prev, last = e.hash, (e.seq, e.hash)
    head = ChainHead.get_or_none(ChainHead.chain == SYSTEM_CHAIN)
    if head is not None and last != (head.seq, head.hash):
        return f"系统事件链：记录的链头为第{head.seq}条，现存最后一条为第{last[0] if last else 0}条，末尾事件被删除或改动"
    if head is None and last is not None:
        return "系统事件链：链头记录缺失"
    return None


@dataclass(frozen=True)
class VerifyResult:
    events: int
    requests: int
    problem: str | None  # the first mismatch, naming the request and event

    @property
    def ok(self) -> bool:
        return self.problem is None


def _plain(value):
    """A column value and a value recorded in an event's JSON, made comparable."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, (int, float, decimal.Decimal)):
        return float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple, dict)):
        return canonical(value)
    return str(value)


def _unexplained(number: str, row: dict, expected: dict) -> str | None:
    """A request column whose value the replay of its events does not give: written
    around the application (a hand-made UPDATE), since every change goes through an event."""
    for column, value in expected.items():
        if column in row and row[column] != value and _plain(row[column]) != _plain(value):
            return (f"申请 {number}：{label(column)}为 {_plain(row[column])!r}，办理记录所示为 {_plain(value)!r}，"
                    f"该字段未经办理记录被改动")
    return None


VERIFY_CHUNK = 2_000  # requests read at a time: memory stays the same at any size of the log
_EVENT_COLUMNS = (Event.request, Event.seq, Event.at, Event.actor, Event.action, Event.date, Event.data,
                  Event.prev_hash, Event.hash, Event.id)


def verify(processes: int = 1) -> VerifyResult:
    """Every request's chain replayed in id order, a chunk of requests and their events at a time;
    the first problem found, naming the request and event. With `processes` > 1 (the command line
    gives it the machine's cores) a large log is cut into as many runs of request ids, each
    verified by a forked process on its own connection; the answer is the same as in one."""
    ranges = _ranges(processes)
    parts = _in_parallel(ranges) if len(ranges) > 1 else [_verify_range(0, None)]
    events = requests = 0
    without_events: list[str] = []
    for part in parts:
        events, requests = events + part.events, requests + part.requests
        if part.problem:
            return VerifyResult(events, requests, part.problem)
        without_events += part.without_events
    for number in without_events:
        return VerifyResult(events, requests, f"申请 {number}：没有任何事件，事件被删除")
    return VerifyResult(events, requests, _verify_system())


VERIFY_PARALLEL_FROM = 20_000  # requests: below this a fork costs about what it saves


@dataclass(frozen=True)
class _Part:
    events: int
    requests: int
    problem: str | None
    without_events: list[str]


def _ranges(processes: int) -> list[tuple[int, int | None]]:
    """Runs of request ids of about the same size, one per process; one run where one process is
    the better way (a small log, one core, no fork, or a database that lives in this process)."""
    import multiprocessing

    if processes < 2 or "fork" not in multiprocessing.get_all_start_methods() \
            or (is_sqlite() and database.obj.database in ("", ":memory:")):
        return [(0, None)]
    total = Request.select().count()
    if total < VERIFY_PARALLEL_FROM:
        return [(0, None)]
    cuts = [Request.select(Request.id).order_by(Request.id).limit(1).offset(total * i // processes - 1).scalar()
            for i in range(1, processes)]
    return list(zip([0, *cuts], [*cuts, None]))


def _in_parallel(ranges: list[tuple[int, int | None]]):
    import multiprocessing

    # A connection must not cross a fork: each process opens its own, and this one reopens after.
    database.close()
    pool = multiprocessing.get_context("fork").Pool(len(ranges))
    try:
        yield from pool.imap(_verify_range_of, ranges)  # in order: the first problem is the first found
    finally:
        pool.terminate()
        pool.join()


def _verify_range_of(bounds: tuple[int, int | None]) -> _Part:
    try:
        return _verify_range(*bounds)
    finally:
        database.close()


def _verify_range(after_id: int, last_id: int | None) -> _Part:
    """The chains of the requests with after_id < id <= last_id (None: to the end)."""
    events = requests = 0
    without_events: list[str] = []
    upto = Request.id.is_null(False) if last_id is None else Request.id <= last_id
    # Read as the driver returns them (peewee's conversion of every value was most of the time);
    # the hash is of the stored text either way.
    while rows := _raw_dicts(Request.select().where(Request.id > after_id, upto).order_by(Request.id)
                             .limit(VERIFY_CHUNK)):
        after_id = rows[-1]["id"]
        chains: dict[int, list[tuple]] = {}
        for event in database.execute(Event.select(*_EVENT_COLUMNS)
                                      .where(Event.request.between(rows[0]["id"], after_id))
                                      .order_by(Event.request, Event.seq)):
            chains.setdefault(event[0], []).append(event)
        for row in rows:
            chain = chains.get(row["id"])
            if not chain:
                without_events.append(row["number"])
                continue
            count, problem = _chain(row, chain)
            events, requests = events + count, requests + 1
            if problem:
                return _Part(events, requests, problem, without_events)
    return _Part(events, requests, None, without_events)


_AFTER_FIRST = '{"after":'
_decode = json.JSONDecoder().raw_decode


def _raw_dicts(query) -> list[dict]:
    cursor = database.execute(query)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, values)) for values in cursor.fetchall()]


def _chain(row: dict, chain: list[tuple]) -> tuple[int, str | None]:
    number, prev, expected_seq = row["number"], GENESIS, 1
    columns: dict = {"state": "received"}
    committed = None
    for count, (_, seq, at, actor, action, date, data, prev_hash, digest, event_id) in enumerate(chain, 1):
        if seq != expected_seq or prev_hash != prev:
            where = f"申请 {number} 第{seq}条事件（id {event_id}，{action}）"
            if seq != expected_seq:
                return count, f"{where}：序号应为 {expected_seq}，事件缺失或被插入"
            return count, f"{where}：前一事件哈希不符，事件被删除或改动"
        # SQLite hands back the stored text ('2025-10-09 09:30:00'); PostgreSQL, date and time values.
        at = at.replace(" ", "T") if isinstance(at, str) else at.isoformat()
        date = date if isinstance(date, str) else date.isoformat()
        if _digest(prev_hash, number, seq, at, actor, action, date, data) != digest:
            return count, f"申请 {number} 第{seq}条事件（id {event_id}，{action}）：内容与哈希不符，事件被改动"
        prev, expected_seq = digest, seq + 1
        if seq != 1 and data.startswith(_AFTER_FIRST):
            # Canonical JSON sorts its keys, so "after" mostly comes first: decode that value alone.
            columns.update(_decode(data, len(_AFTER_FIRST))[0])
            continue
        recorded = json.loads(data)
        columns.update(recorded.get("after", {}))
        if seq == 1 and "personal" in recorded:
            committed = recorded["personal"]
    if prev != row["head_hash"]:
        return len(chain), _last_missing(number)
    return len(chain), _unexplained(number, row, columns) or _personal(row, committed)


def _personal(row: dict, committed: str | None) -> str | None:
    """The applicant's fields still as the receive event committed to (erased ones are the erase
    event's, replayed as its `personal_erased_on`). Requests logged before commitments carry their
    fields in the event itself and are checked by the replay."""
    if committed is None or row["personal_erased_on"] is not None:
        return None
    if not row["personal_salt"] or commitment(row["personal_salt"], row) != committed:
        return f"申请 {row['number']}：申请人信息与登记时的记录不符，该信息未经办理记录被改动"
    return None


def _last_missing(number: str) -> str:
    return f"申请 {number}：最新事件哈希与申请记录不符，末尾事件被删除或改动"
