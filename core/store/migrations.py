"""Numbered schema migrations, applied in order when a database is opened.

A migration, once released, never changes: a later model change gets a new
number here. A database whose version is above the newest number was written
by newer code and is refused rather than risk damaging it."""

from __future__ import annotations

from typing import Callable

from core.errors import SchemaError
from core.store.db import database, is_sqlite
from core.store.models import (
    Agency,
    AnnualReport,
    CalendarYear,
    Case,
    ChainHead,
    Checkpoint,
    Complainant,
    Complaint,
    ComplaintStep,
    CheckpointHead,
    Event,
    Request,
    RequestCounter,
    Review,
    ReviewStep,
    SchemaVersion,
    Setting,
    SystemEvent,
    User,
    UserRole,
)


def _m001_initial() -> None:
    database.create_tables([Agency, User, UserRole])


def _m002_requests() -> None:
    database.create_tables([Request, Event, Case])


def _m003_system_events() -> None:
    database.create_tables([SystemEvent])


def _m004_state_due_index() -> None:
    # The dashboard counts open requests by due date: (state, due) answers it from the index.
    database.execute_sql("CREATE INDEX IF NOT EXISTS request_state_due ON request (state, due)")


def _m005_list_indexes() -> None:
    # The request list pages one agency's requests by receipt or due date: these
    # indexes deliver a page without sorting the agency's whole history.
    database.execute_sql("CREATE INDEX IF NOT EXISTS request_agency_id_received ON request (agency_id, received)")
    database.execute_sql("CREATE INDEX IF NOT EXISTS request_agency_id_due ON request (agency_id, due)")


def _m006_agency_state_due_index() -> None:
    # An officer's dashboard counts their own agency's open requests by due date. With
    # several indexes starting at agency_id the planner needs statistics to pick the
    # right one for each query, hence ANALYZE (SQLite keeps them fresh via PRAGMA optimize).
    database.execute_sql(
        "CREATE INDEX IF NOT EXISTS request_agency_id_state_due ON request (agency_id, state, due)")
    database.execute_sql("ANALYZE")


def _m007_reviews() -> None:
    database.create_tables([Review, ReviewStep])


def _m008_annual_reports() -> None:
    database.create_tables([AnnualReport])


def _m009_report_indexes() -> None:
    # Covering indexes: the annual report's GROUP BY queries read the index only, never the rows.
    database.execute_sql("CREATE INDEX IF NOT EXISTS request_report_decided ON request "
                         "(agency_id, decided_on, outcome, reason_code, applicant_type)")
    database.execute_sql("CREATE INDEX IF NOT EXISTS request_report_received ON request "
                         "(agency_id, received, applicant_type, decided_on)")


def _m010_updated_at_index() -> None:
    # Screens ask every few seconds whether anything changed: MAX(updated_at) read from an index.
    database.execute_sql("CREATE INDEX IF NOT EXISTS request_updated_at ON request (updated_at)")


def _m011_settings_and_chain_head() -> None:
    database.create_tables([Setting, ChainHead])
    database.execute_sql("INSERT INTO chain_head (chain, seq, hash) SELECT 'SYSTEM', seq, hash FROM system_event "
                         "WHERE seq = (SELECT MAX(seq) FROM system_event)")
    # The head follows every append by a trigger, not by the application: on PostgreSQL it runs
    # with its owner's rights, and officers may only read the head.
    if is_sqlite():
        database.execute_sql("CREATE TRIGGER system_event_head AFTER INSERT ON system_event BEGIN "
                             "INSERT OR REPLACE INTO chain_head (chain, seq, hash) VALUES ('SYSTEM', NEW.seq, NEW.hash); "
                             "END")
    else:
        database.execute_sql("""
            CREATE FUNCTION system_event_head() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = public, pg_temp AS $$
            BEGIN
                INSERT INTO chain_head (chain, seq, hash) VALUES ('SYSTEM', NEW.seq, NEW.hash)
                ON CONFLICT (chain) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash;
                RETURN NEW;
            END $$""")
        database.execute_sql("CREATE TRIGGER system_event_head AFTER INSERT ON system_event "
                             "FOR EACH ROW EXECUTE FUNCTION system_event_head()")


def _m012_checkpoints() -> None:
    database.create_tables([Checkpoint, CheckpointHead])


def _m013_calendar_years() -> None:
    database.create_tables([CalendarYear])


COUNT_REQUESTS = ("INSERT INTO request_counter (agency_id, year, last) SELECT agency_id, year, MAX(seq) FROM request "
                  "GROUP BY agency_id, year ON CONFLICT (agency_id, year) DO UPDATE SET last = EXCLUDED.last")
SERIAL_TABLES = ("user", "user_role", "request", "event", "case", "system_event", "review",
                 "review_step", "annual_report", "checkpoint_head", "complaint", "complaint_step")


def repair_sequences() -> None:
    """On PostgreSQL, move each id sequence past the largest id (a bulk load with explicit ids that
    was killed before it moved them left every later insert failing)."""
    if is_sqlite():
        return
    for table in SERIAL_TABLES:
        if not database.table_exists(table):  # made by a later migration
            continue
        database.execute_sql(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                             f"COALESCE((SELECT MAX(id) FROM \"{table}\"), 0) + 1, false)")


def _m014_request_counters() -> None:
    database.create_tables([RequestCounter])
    database.execute_sql(COUNT_REQUESTS)
    repair_sequences()


def _m015_personal_data_commitments() -> None:
    # Databases made since migration 2 read the current model and already have the columns.
    present = {c.name for c in database.get_columns("request")}
    for column, kind in (("personal_salt", "VARCHAR(32)"), ("personal_erased_on", "DATE")):
        if column not in present:
            database.execute_sql(f"ALTER TABLE request ADD COLUMN {column} {kind}")


def _m016_report_timeliness_and_fee_indexes() -> None:
    # The annual report's fee statement reads the year's payments and waivers by action and date
    # (a handful of events) instead of every event of the agency; its timeliness counts replies
    # against due dates, and requests past due at year end, from covering indexes.
    database.execute_sql("CREATE INDEX IF NOT EXISTS event_action_date ON event (action, date)")
    database.execute_sql("CREATE INDEX IF NOT EXISTS request_report_replied ON request "
                         "(agency_id, decided_on, replied_on, due)")
    database.execute_sql("CREATE INDEX IF NOT EXISTS request_report_overdue ON request "
                         "(agency_id, due, received, replied_on, decided_on, state)")
    database.execute_sql("ANALYZE")


# Indexes whose columns lead a wider one: every query they served the wider one serves, and each
# costs a write on every insert (a demo load of 100,000 requests maintained 21 on `request`).
REDUNDANT_INDEXES = (
    "request_agency_id",  # (agency_id, year, seq) and the report's, all led by agency_id
    "request_agency_id_received",  # request_report_received (agency_id, received, applicant_type, decided_on)
    "request_agency_id_due",  # request_report_overdue (agency_id, due, received, …)
    "request_state",  # request_state_due (state, due)
    "event_request_id",  # event_request_id_seq (request_id, seq)
)


def _m017_redundant_indexes() -> None:
    for name in REDUNDANT_INDEXES:
        database.execute_sql(f"DROP INDEX IF EXISTS {name}")
    database.execute_sql("ANALYZE")


def _m018_complaints() -> None:
    database.create_tables([Complaint, Complainant, ComplaintStep])


MIGRATIONS: list[tuple[int, str, Callable[[], None]]] = [
    (1, "agencies, users and roles", _m001_initial),
    (2, "requests, their events and cases", _m002_requests),
    (3, "system audit events", _m003_system_events),
    (4, "index on request state and due date", _m004_state_due_index),
    (5, "indexes for the request list", _m005_list_indexes),
    (6, "index for an agency's dashboard", _m006_agency_state_due_index),
    (7, "confidentiality reviews", _m007_reviews),
    (8, "annual reports", _m008_annual_reports),
    (9, "covering indexes for the annual report", _m009_report_indexes),
    (10, "index on the request's last change, for live screens", _m010_updated_at_index),
    (11, "database settings and the system chain's stored head", _m011_settings_and_chain_head),
    (12, "signed audit checkpoints", _m012_checkpoints),
    (13, "holiday years shared through the database", _m013_calendar_years),
    (14, "request number counters; id sequences repaired", _m014_request_counters),
    (15, "applicants' personal data outside the hashed events, erasable", _m015_personal_data_commitments),
    (16, "indexes for the annual report's timeliness and fee statement", _m016_report_timeliness_and_fee_indexes),
    (17, "indexes that lead wider ones dropped", _m017_redundant_indexes),
    (18, "举报投诉: complaints, their complainants kept apart, their steps", _m018_complaints),
]

LATEST = MIGRATIONS[-1][0]


def current_version() -> int:
    if not database.table_exists(SchemaVersion._meta.table_name):
        return 0
    latest = SchemaVersion.select(SchemaVersion.version).order_by(SchemaVersion.version.desc()).first()
    return latest.version if latest else 0


def refuse_newer(version: int) -> int:
    if version > LATEST:
        raise SchemaError(f"数据库架构版本为 {version}，高于本程序支持的 {LATEST}：请升级 gongkai 后再打开此数据库")
    return version


def upgrade() -> list[int]:
    """Apply every pending migration, each in its own transaction; return
    the numbers applied (empty when the schema was already current)."""
    database.create_tables([SchemaVersion], safe=True)
    version = refuse_newer(current_version())
    applied = []
    for number, name, apply in MIGRATIONS:
        if number <= version:
            continue
        with database.atomic():
            apply()
            SchemaVersion.create(version=number, name=name)
        applied.append(number)
    return applied
