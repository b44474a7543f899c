"""What PostgreSQL itself enforces, whatever client an officer uses (a hand-written
SQL statement included). Applied by the database's owner (`gongkai migrate`), never
by an officer's connection:

- officers may read and add, but never change or delete, the audit: events,
  system events and review steps are insert-only; no officer has DELETE anywhere
  or may change the schema;
- row-level security keeps each officer to their agency's requests, events,
  cases, reviews and annual reports (and those of the agencies under it); a
  分管领导 reads every agency's, the administrator acts for every agency;
- who made a 举报投诉 is readable by the handling office's officers alone;
- a review step is accepted only from the officer named in it (`session_user`),
  holding the step's role, in the step's order, and never from one who has
  already signed the same chain; the 保密部门's answer only from a 保密员.

The owner role (maintenance: migrations, backups) is not an officer; these rules
bind officers, which is what the owner's own audit of who holds it must cover."""

from __future__ import annotations

import hashlib

from core.organisation import accounts
from core.organisation.roles import ADMIN, CLERK, LEADER, OFFICE_DIRECTOR, SECRECY
from core.store.db import database
from core.store.models import Setting

OFFICER = accounts.OFFICER

FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION gongkai_agency() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT u.agency_id FROM "user" u WHERE u.login = session_user AND u.active
$$;

CREATE OR REPLACE FUNCTION gongkai_has_role(wanted text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM "user" u JOIN user_role r ON r.user_id = u.id
                   WHERE u.login = session_user AND u.active AND r.role = wanted)
$$;

-- The officer's agency and every agency under it (a government reads its departments' records
-- for the roll-up of its annual report).
CREATE OR REPLACE FUNCTION gongkai_agencies() RETURNS SETOF text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH RECURSIVE tree(code) AS (
        SELECT gongkai_agency()
        UNION SELECT a.code FROM agency a JOIN tree t ON a.parent_id = t.code)
    SELECT code FROM tree WHERE code IS NOT NULL
$$;

-- Whom the policies below let through, each asked once per statement: they are written
-- `(SELECT gongkai_reads_all())` so that PostgreSQL evaluates them once, as an InitPlan. A
-- SECURITY DEFINER function taking the row's agency is called for every row instead (it is never
-- inlined): 0.2 ms a row made reading 100,000 requests take 20 s.
CREATE OR REPLACE FUNCTION gongkai_reads_all() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT gongkai_has_role('{ADMIN}') OR gongkai_has_role('{LEADER}')
$$;

CREATE OR REPLACE FUNCTION gongkai_writes_all() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT gongkai_has_role('{ADMIN}')
$$;

CREATE OR REPLACE FUNCTION gongkai_readable() RETURNS text[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT COALESCE(array_agg(code), ARRAY[]::text[]) FROM gongkai_agencies() AS code
$$;

-- A reply's ref is its request number (YXSZFB-2025-0001), an entry's its 索引号 (YXSZFB/2025-00001);
-- the gazette is the government's own.
CREATE OR REPLACE FUNCTION gongkai_subject_agency(kind text, ref text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN kind = 'gazette' THEN NULL ELSE split_part(split_part(ref, '/', 1), '-', 1) END
$$;

CREATE OR REPLACE FUNCTION gongkai_review_step_check() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    order_ text[] := ARRAY['{CLERK}', '{OFFICE_DIRECTOR}', '{LEADER}'];
    cleared integer;
    signers text[];
    last_kind text;
BEGIN
    -- The owner's (or a superuser's, to whom pg_has_role always says yes) maintenance is not an
    -- officer's signature.
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)
       OR NOT pg_has_role(session_user, '{OFFICER}', 'MEMBER') THEN
        RETURN NEW;
    END IF;
    IF NEW.login <> session_user THEN
        RAISE EXCEPTION '审查步骤须由本人签署：记录的签署人为 %%，当前数据库账户为 %%', NEW.login, session_user
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT COALESCE(MAX(seq), 0) INTO cleared FROM review_step
        WHERE review_id = NEW.review_id AND kind IN ('return', 'void');
    SELECT COALESCE(array_agg(login ORDER BY seq), ARRAY[]::text[]) INTO signers FROM review_step
        WHERE review_id = NEW.review_id AND seq > cleared AND kind = 'sign';
    SELECT kind INTO last_kind FROM review_step WHERE review_id = NEW.review_id ORDER BY seq DESC LIMIT 1;
    IF NEW.kind = 'sign' THEN
        IF last_kind IN ('escalate', 'answer') OR cardinality(signers) >= 3 THEN
            RAISE EXCEPTION '该审查已不在签署环节' USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.role IS DISTINCT FROM order_[cardinality(signers) + 1] OR NOT gongkai_has_role(NEW.role) THEN
            RAISE EXCEPTION '本步骤须由“%%”签署', order_[cardinality(signers) + 1] USING ERRCODE = 'check_violation';
        END IF;
        IF session_user = ANY (signers) THEN
            RAISE EXCEPTION '%% 已在本审查中签署过，三级审查须由三名不同人员签署', session_user
                USING ERRCODE = 'check_violation';
        END IF;
    ELSIF NEW.kind = 'return' THEN
        IF cardinality(signers) NOT IN (1, 2) OR last_kind IN ('escalate', 'answer')
           OR NEW.role IS DISTINCT FROM order_[cardinality(signers) + 1] OR NOT gongkai_has_role(NEW.role) THEN
            RAISE EXCEPTION '退回须由当前环节的审查人作出' USING ERRCODE = 'check_violation';
        END IF;
    ELSIF NEW.kind = 'escalate' THEN
        IF NOT (gongkai_has_role('{CLERK}') OR gongkai_has_role('{OFFICE_DIRECTOR}') OR gongkai_has_role('{LEADER}')) THEN
            RAISE EXCEPTION '送审须由承办人、办公室主任或分管领导办理' USING ERRCODE = 'check_violation';
        END IF;
    ELSIF NEW.kind = 'answer' THEN
        IF last_kind IS DISTINCT FROM 'escalate' OR NOT gongkai_has_role('{SECRECY}') THEN
            RAISE EXCEPTION '保密部门的审查结论须由“{SECRECY}”对已送审的事项登记' USING ERRCODE = 'check_violation';
        END IF;
    ELSIF NEW.kind <> 'void' THEN
        RAISE EXCEPTION '未知的审查步骤 %%', NEW.kind USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;

DROP TRIGGER IF EXISTS review_step_check ON review_step;
CREATE TRIGGER review_step_check BEFORE INSERT ON review_step
    FOR EACH ROW EXECUTE FUNCTION gongkai_review_step_check();
"""

PRIVILEGES = f"""
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO {OFFICER};
GRANT SELECT ON ALL TABLES IN SCHEMA public TO {OFFICER};
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {OFFICER};
GRANT INSERT, UPDATE ON request, request_counter, review, annual_report, "case" TO {OFFICER};
GRANT INSERT ON event, system_event, review_step, complaint_step TO {OFFICER};
GRANT INSERT, UPDATE ON complaint, complainant TO {OFFICER};
GRANT INSERT ON checkpoint, checkpoint_head TO {accounts.GROUPS[ADMIN]};
GRANT INSERT, UPDATE ON calendar_year TO {accounts.GROUPS[ADMIN]};
GRANT INSERT, UPDATE ON "user", user_role TO {accounts.GROUPS[ADMIN]};
GRANT DELETE ON user_role TO {accounts.GROUPS[ADMIN]};
"""

def _may_read(agency: str) -> str:
    return f"(SELECT gongkai_reads_all()) OR {agency} = ANY ((SELECT gongkai_readable())::text[])"


def _may_write(agency: str) -> str:
    return f"(SELECT gongkai_writes_all()) OR {agency} = (SELECT gongkai_agency())"


_HANDLER = ("EXISTS (SELECT 1 FROM complaint c WHERE c.id = complaint_id AND c.handler_id = "
            "(SELECT gongkai_agency()))")
_SUBJECT = "gongkai_subject_agency({0}subject_kind, {0}subject_ref)"

# table → (who may see a row, who may add or change it)
POLICIES = {
    "request": (_may_read("agency_id"), _may_write("agency_id")),
    "request_counter": (_may_read("agency_id"), _may_write("agency_id")),
    "event": ("(SELECT gongkai_reads_all()) OR EXISTS (SELECT 1 FROM request r WHERE r.id = request_id)",
              f"EXISTS (SELECT 1 FROM request r WHERE r.id = request_id AND ({_may_write('r.agency_id')}))"),
    "case": ("(SELECT gongkai_reads_all()) OR EXISTS (SELECT 1 FROM request r WHERE r.id = request_id)",
             f"EXISTS (SELECT 1 FROM request r WHERE r.id = request_id AND ({_may_write('r.agency_id')}))"),
    "review": (f"{_SUBJECT.format('')} IS NULL OR {_may_read(_SUBJECT.format(''))}",
               f"{_SUBJECT.format('')} IS NULL OR {_may_write(_SUBJECT.format(''))}"),
    "review_step": ("(SELECT gongkai_reads_all()) OR EXISTS (SELECT 1 FROM review v WHERE v.id = review_id)",
                    f"EXISTS (SELECT 1 FROM review v WHERE v.id = review_id AND ({_SUBJECT.format('v.')} IS NULL "
                    f"OR {_may_write(_SUBJECT.format('v.'))}))"),
    "annual_report": (_may_read("agency_id"), _may_write("agency_id")),
    # 举报投诉: the handling office and the body complained about see the complaint; who complained,
    # only the handling office's own officers — no 分管领导 or administrator of another body, and
    # never the body complained about (举报调查制度第八条).
    "complaint": (f"{_may_read('handler_id')} OR agency_id = ANY ((SELECT gongkai_readable())::text[])",
                  _may_write("handler_id")),
    "complainant": (_HANDLER, _HANDLER),
    "complaint_step": ("EXISTS (SELECT 1 FROM complaint c WHERE c.id = complaint_id)",
                       f"EXISTS (SELECT 1 FROM complaint c WHERE c.id = complaint_id AND ({_may_write('c.handler_id')}))"),
}


def is_owner() -> bool:
    """The connection may change the schema: the database's owner (or a superuser)."""
    return bool(database.execute_sql(
        "SELECT has_schema_privilege(current_user, 'public', 'CREATE')").fetchone()[0])


RULES_SETTING = "enforcement"


def digest() -> str:
    """What this version of the code would apply: changed rules are applied again at the next start."""
    text = "\n".join([FUNCTIONS, PRIVILEGES, repr(sorted(POLICIES.items())), repr(accounts.GROUPS)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def current() -> bool:
    found = Setting.get_or_none(Setting.key == RULES_SETTING)
    return found is not None and found.value == digest()


def apply() -> None:
    """Groups, privileges, policies and the signing trigger: idempotent, run after a migration
    or when the rules changed (not at every start: it locks every table, and officers at work
    would deadlock against it)."""
    with database.atomic():
        Setting.delete().where(Setting.key == RULES_SETTING).execute()
        Setting.create(key=RULES_SETTING, value=digest())
        accounts.ensure_groups()
        database.execute_sql(FUNCTIONS)
        database.execute_sql(PRIVILEGES)
        for table, (read, write) in POLICIES.items():
            quoted = f'"{table}"'
            database.execute_sql(f"ALTER TABLE {quoted} ENABLE ROW LEVEL SECURITY")
            for name in ("officer_read", "officer_insert", "officer_update"):
                database.execute_sql(f"DROP POLICY IF EXISTS {name} ON {quoted}")
            database.execute_sql(f"CREATE POLICY officer_read ON {quoted} FOR SELECT USING ({read})")
            database.execute_sql(f"CREATE POLICY officer_insert ON {quoted} FOR INSERT WITH CHECK ({write})")
            database.execute_sql(f"CREATE POLICY officer_update ON {quoted} FOR UPDATE USING ({write}) "
                                 f"WITH CHECK ({write})")
        # The per-row functions the policies used before (a database made by an earlier version).
        database.execute_sql("DROP FUNCTION IF EXISTS gongkai_may_read(text); "
                             "DROP FUNCTION IF EXISTS gongkai_may_write(text)")
