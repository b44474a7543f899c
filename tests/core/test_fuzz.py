"""The command line under generated hostile input (hypothesis), on SQLite and on PostgreSQL.

Every command that takes a value from a person or a file is run with one value replaced by
generated text, a number past every limit, a control or direction character, a date that is not
one, or a path that is a folder, a device, a loop, a huge or binary file. Whatever comes in:
never an internal error; a refusal is exit 1 and one line naming the field; and a refused
command changes nothing in the database or the content tree."""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core import demo
from core.chinese import INVISIBLE
from core.errors import label
from core.session import open_ready
from core.store import db as core_db
from core.store.models import Request
from tests.conftest import act_as, connect_as

EXAMPLES = int(os.environ.get("GONGKAI_FUZZ_EXAMPLES", "400"))
V, F = "\0V", "\0F"  # where the generated value, or the generated file's path, goes
# A request in the state an action needs, logged afresh once an accepted value moved the last one on.
RECEIVED, ACCEPTED, DECIDED = "@received", "@accepted", "@decided"
NEEDS = {"accept": RECEIVED, "correct": RECEIVED, "decline": RECEIVED, "amend": RECEIVED, "extend": ACCEPTED,
         "decide": ACCEPTED, "fee": ACCEPTED, "reply": DECIDED}
STATES = {RECEIVED: "received", ACCEPTED: "accepted", DECIDED: "decided"}

NEW = ["request", "new", "--agency", "YXSZFB", "--channel", "当面", "--applicant-type", "自然人",
       "--applicant-name", "张三", "--content", "政务云经费", "--received", "2025-10-15"]


def replaced(args: list[str], option: str) -> list[str]:
    """`args` with `option`'s value (or, new, the option itself) set to the generated value."""
    if option in args:
        args = list(args)
        args[args.index(option) + 1] = V
        return args
    return args + [option, V]


COMPLAINT = ["complaint", "new", "--agency", "YXFGW", "--received", "2025-10-15", "--channel", "来信", "--grounds", "2",
             "--content", "目录未更新"]


# (arguments, the field the refusal must name: its key in core.errors.LABELS, or words)
TEMPLATES: list[tuple[list[str], tuple[str, ...]]] = [
    *[(replaced(NEW, o), names) for o, names in [
        ("--agency", ("agency",)), ("--received", ("received",)), ("--submitted", ("submitted", "received")),
        ("--confirmed", ("confirmed", "received")), ("--received-reason", ("received_reason", "received")),
        ("--channel", ("channel", "received")), ("--applicant-type", ("applicant_type",)),
        ("--applicant-name", ("applicant_name",)), ("--applicant-id", ("applicant_id",)),
        ("--applicant-phone", ("applicant_phone",)), ("--applicant-address", ("applicant_address",)),
        ("--applicant-email", ("applicant_email",)), ("--content", ("content",)), ("--form", ("form_wanted",)),
        ("--handler", ("handler",)), ("--regime", ("regime",))]],
    (["request", "show", V], ("申请", "id")),
    (["request", "letter", V], ("申请", "id")),
    (["request", "list", "--search", V], ("search",)),
    (["request", "list", "--agency", V], ("agency",)),
    (["request", "list", "--limit", V], ("limit", "--limit")),
    (["request", "list", "--due-within", V], ("days", "--due-within")),
    (["request", "act", V, "accept"], ("申请", "id")),
    (["request", "act", RECEIVED, V], ("ACTION",)),
    (["request", "act", RECEIVED, "accept", "--date", V], ("date",)),
    (["request", "act", ACCEPTED, "extend", "--days", V, "--reason", "需要协调"], ("days", "--days", "extension_days")),
    (["request", "act", ACCEPTED, "extend", "--days", "5", "--reason", V], ("reason",)),
    (["request", "act", RECEIVED, "correct", "--item", V, "--period", "10"], ("items",)),
    (["request", "act", RECEIVED, "correct", "--item", "身份证明", "--period", V], ("period_days", "--period")),
    (["request", "act", RECEIVED, "decline", "--to-agency", V, "--reason", "非本机关"], ("agency", "--to-agency")),
    (["request", "act", ACCEPTED, "decide", "--outcome", "不予公开", "--reason-code", V, "--reason", "涉及第三方"], ("reason_code", "--reason-code")),
    (["request", "act", ACCEPTED, "decide", "--outcome", "予以公开", "--published", V], ("published",)),
    (["request", "act", ACCEPTED, "fee", "--method", V], ("method",)),
    (["request", "act", ACCEPTED, "fee", "--method", "按量", "--pages", V], ("pages", "--pages")),
    (["request", "act", DECIDED, "reply", "--letter", V], ("letter", "--letter")),
    (["request", "act", RECEIVED, "amend", "--event", V, "--corrected", "2025-10-14", "--reason", "录入错误"], ("event", "--event")),
    (["request", "act", RECEIVED, "amend", "--event", "1", "--corrected", V, "--reason", "录入错误"], ("corrected",)),
    (["request", "act", RECEIVED, "accept", "--expect-version", V], ("--expect-version", "他人")),
    (["request", "case", DECIDED, "--kind", "行政复议", "--result", "尚未审结", "--filed", V], ("filed_on", "--filed")),
    (["request", "case", DECIDED, "--kind", "行政复议", "--result", "尚未审结", "--filed", "2025-10-18", "--note", V],
     ("note", "备注")),
    (["request", "case-result", V, "--result", "维持", "--closed", "2025-10-19"], ("case_id", "案件")),
    (["request", "import", F], ("file", "CSV")),
    (["review", "new", "--catalog", V], ("索引号", "目录")),
    (["review", "new", "--gazette", V], ("公报",)),
    (["review", "new", "--reply", V], ("申请",)),
    (["review", "sign", V, "--opinion", "同意"], ("id", "审查")),
    (["review", "return", "1", "--reason", V], ("reason", "审查")),
    (["review", "escalate", "1", "--letter-no", V], ("letter_no", "审查")),
    (["catalog", "add", "--title", V, "--class", "业务及服务", "--agency", "YXSZFB", "--body", "BODY"], ("title",)),
    (["catalog", "add", "--title", "春节办公安排", "--class", "业务及服务", "--agency", V, "--body", "BODY"], ("agency",)),
    (["catalog", "add", "--title", "春节办公安排", "--class", "业务及服务", "--agency", "YXSZFB", "--body", F],
     ("body",)),
    (["catalog", "add", "--title", "春节办公安排", "--class", "业务及服务", "--agency", "YXSZFB", "--body", "BODY",
      "--doc-no", V], ("doc_no", "文号")),
    (["catalog", "add", "--title", "春节办公安排", "--class", "业务及服务", "--agency", "YXSZFB", "--body", "BODY",
      "--summary", V], ("summary", "内容概述")),
    (["gazette", "import", F, "--dry-run"], ("file", "issue")),
    (["gazette", "import", "BODY", "--issue", V, "--dry-run"], ("issue",)),
    (["report", "set", "--year", V, "--agency", "YXSZFB", "--cell", "行政许可=1"], ("year", "--year")),
    (["report", "set", "--year", "2025", "--agency", "YXSZFB", "--cell", V], ("cell",)),
    (["report", "set", "--year", "2025", "--agency", V, "--cell", "行政许可=1"], ("agency",)),
    (["report", "section", "--year", "2025", "--agency", "YXSZFB", "--section", "一", "--file", F], ("file",)),
    (["report", "annual", "--year", "2025", "--agency", "YXSZFB", "--include", V], ("include", "agency", "机构")),
    (["calendar", "add", V, "--days", "15"], ("date",)),
    (["calendar", "add", "2025-09-30", "--days", V], ("days", "--days")),
    (["calendar", "between", "2025-09-30", V], ("date", "end")),
    (["calendar", "show", V], ("year",)),
    (["calendar", "import", F], ("file", "year", "holidays")),
    (["audit", "verify", "--against", F], ("against",)),
    (["export", "ledger", "--year", V], ("year", "--year")),
    (["verify", F], ("file",)),
    (["schedule", "--year", V], ("year", "--year")),
    *[(replaced(COMPLAINT, o), names) for o, names in [
        ("--agency", ("agency",)), ("--received", ("received",)), ("--channel", ("complaint_channel",)),
        ("--grounds", ("grounds",)), ("--content", ("complaint_content",)), ("--name", ("complainant_name",)),
        ("--phone", ("complainant_phone",)), ("--email", ("complainant_email",)),
        ("--address", ("complainant_address",))]],
    (["complaint", "show", V], ("举报投诉",)),
    (["complaint", "act", V, "accept"], ("举报投诉",)),
    (["complaint", "list", "--agency", V], ("agency", "机构")),
    (["catalog", "dates", V, "--formed", "2025-10-15"], ("索引号", "目录")),
    (["catalog", "list", "--overdue", "--agency", V], ("agency",)),
    (["score", "list", "--year", V], ("year", "--year")),
    (["score", "trace", V, "received", "--year", "2025"], ("agency",)),
    (["inspect", "--year", V], ("year", "--year")),
    (["user", "add", V, "--name", "王五", "--agency", "YXSZFB", "--role", "承办人"], ("login",)),
    (["user", "add", "wangwu", "--name", V, "--agency", "YXSZFB", "--role", "承办人"], ("name",)),
    (["user", "roles", V, "--role", "承办人"], ("login", "用户")),
]
# The administrator acts for these (user and calendar administration), the 分管领导 extends (条例第三十三条
# 经政府信息公开工作机构负责人同意), the clerk does the rest.
ADMIN_COMMANDS = ("user", "calendar")

SPECIAL_TEXT = [
    "", " ", "-1", "0", "00", "1e400", "-1e400", "nan", "inf", "1_000", "9" * 25, "-" + "9" * 25, "²", "٣",
    "１２", "0x10", "0001-01-01", "9999-12-31", "2025-02-30", "2025-13-01", "2025-10-15; DROP TABLE request",
    "'; DROP TABLE request; --", "\x00", "\x1b[2J", "a\u202eb", "\udcff", "=HYPERLINK(\"http://x\")", "+1", "@SUM(1)",
    "../../etc/passwd", "%s%s%n", "{{7*7}}", "<script>alert(1)</script>", "\n", "\r\n", "\t", "null", "None",
    "[]", "{}", "YXSZFB", "zhaomin", "admin", "--json", "-h", "\u3000", "\ufeff", "\u200b", "𠀀" * 70,
    "张" * 256, "a" * 10_000, "行政许可=", "=1", "行政许可=1=2", "行政许可=" + "9" * 40, "行政许可=-5", "行政许可=1.5",
    "2025年2月30日", "2025/2/29", "1989-12-31", "2100-01-01", "YXSZFB-2025-0001", "YXSZFB-2025-99999",
]

text_values = st.one_of(
    st.sampled_from(SPECIAL_TEXT),
    st.text(max_size=40),
    st.text(min_size=150, max_size=3000),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp", "Co", "Nd", "No"]), min_size=1,
            max_size=12),
    st.from_regex(r"-?\d{1,30}(\.\d{1,5})?([eE][+-]?\d{1,4})?", fullmatch=True),
    st.from_regex(r"\d{1,5}[-/.年]\d{1,3}[-/.月]\d{1,3}日?", fullmatch=True),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)

YAML_BOMBS = [
    "[" * 5000 + "]" * 5000,
    "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b]\n",
    "? [1, 2]\n: x\n",
    "{[1]: 2}",
    "year: !!python/object/apply:os.system ['true']\n",
    "year: 2026\nholidays:\n  - name: " + "春" * 300 + "\n    start: 2026-01-01\n    end: 2026-01-01\n",
    "year: 99999999999999999999\nholidays: []\n",
    "year: 2026\nnotice: x\nnotice_date: 2026-02-30\nholidays: {}\n",
    "- 1\n- 2\n",
    "year: 2026\nholidays:\n  - [1, 2]\n",
]

NAMES = itertools.count()
CSV_HEAD = "agency,received,channel,applicant_type,applicant_name,content\n"


@st.composite
def file_contents(draw) -> bytes:
    kind = draw(st.sampled_from(["text", "binary", "gb18030", "yaml", "csv", "csv_field", "empty"]))
    if kind == "text":
        return draw(text_values).encode("utf-8", "surrogatepass")
    if kind == "binary":
        return draw(st.binary(min_size=1, max_size=400))
    if kind == "gb18030":
        return draw(st.text(alphabet="政务公开条例第一二三四五六七八九十，。；：年月日" + string.ascii_letters,
                            min_size=1, max_size=200)).encode("gb18030")
    if kind == "yaml":
        return draw(st.sampled_from(YAML_BOMBS)).encode()
    if kind == "csv":
        cells = draw(st.lists(text_values.map(lambda t: t.replace("\udcff", "?")), min_size=6, max_size=6))
        return (CSV_HEAD + ",".join('"' + c.replace('"', '""') + '"' for c in cells) + "\n").encode(
            "utf-8", "surrogatepass")
    if kind == "csv_field":
        return (CSV_HEAD + "YXSZFB,2025-10-15,当面,自然人,张三," + "经" * 70_000 + "\n").encode()
    return b""


@st.composite
def file_paths(draw, where) -> str:
    kind = draw(st.sampled_from(["contents"] * 6 + ["dir", "missing", "loop", "dev_zero", "dev_null", "fifo",
                                                    "huge"]))
    if kind == "dir":
        return str(where)
    if kind == "missing":
        return str(where / "no-such-file.txt")
    if kind == "dev_zero":
        return "/dev/zero"
    if kind == "dev_null":
        return "/dev/null"
    name = where / f"input-{next(NAMES)}"
    if kind == "loop":
        os.symlink(name, name)
    elif kind == "fifo":
        os.mkfifo(name)
    elif kind == "huge":
        with open(name, "wb") as fh:
            fh.truncate(200 * 1024 * 1024)  # sparse: costs no disk
    else:
        name.write_bytes(draw(file_contents()))
    return str(name)


@pytest.fixture
def office_db(db, env, monkeypatch):
    connect_as(None)
    demo.fill(20)
    core_db.close_database()
    return env


def request_in(state: str, cli, made: dict) -> str:
    """The number of a request this test logged that is in `state` and that no accepted value has
    acted on yet; logged and moved there when there is none."""
    if state in made:
        open_ready()
        now = Request.get(Request.number == made[state]).state
        core_db.close_database()
        if now == STATES[state]:
            return made[state]
    code, out, err = cli(*NEW, "--json")
    assert code == 0, err
    number = json.loads(out)["number"]
    if state in (ACCEPTED, DECIDED):
        assert cli("request", "act", number, "accept", "--date", "2025-10-16")[0] == 0
    if state == DECIDED:
        code, _, err = cli("request", "act", number, "decide", "--outcome", "无法提供", "--reason-code", "1",
                           "--reason", "本机关未制作该信息", "--date", "2025-10-17")
        assert code == 0, err
    made[state] = number
    return number


def state(env) -> tuple:
    """What a refused command must leave as it was: every table's rows, the content tree's files."""
    open_ready(env["db"])
    database = core_db.database
    digest, stored = hashlib.sha256(), []
    for table in ("request", "request_counter", "event", "system_event", "review", "review_step", "case",
                  "annual_report", "user", "user_role", "checkpoint", "calendar_year", "setting", "complaint",
                  "complainant", "complaint_step"):
        for row in database.execute_sql(f'SELECT * FROM "{table}" ORDER BY 1').fetchall():
            digest.update(repr(row).encode())
            stored.extend(str(v) for v in row)
    core_db.close_database()
    files = [p for p in env["home"].rglob("*") if p.is_file()]
    tree = sorted((str(p.relative_to(env["home"])), p.stat().st_size, p.stat().st_mtime_ns) for p in files)
    stored.extend(p.read_text(encoding="utf-8", errors="replace") for p in files if p.suffix in (".md", ".yaml"))
    return digest.hexdigest(), tree, "".join(stored)


@pytest.mark.filterwarnings("ignore::hypothesis.errors.NonInteractiveExampleWarning")
def test_hostile_input_never_crashes_and_a_refusal_changes_nothing(office_db, cli, tmp_path, monkeypatch):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    body = inputs / "body.txt"
    body.write_text("春节期间政务服务大厅暂停现场服务。\n", encoding="utf-8")
    tried = {"runs": 0, "refused": 0, "accepted": 0}
    made: dict[str, str] = {}
    monkeypatch.setenv("GONGKAI_TODAY", "2025-10-20")  # requests received 2025-10-15 are in time for every action
    monkeypatch.chdir(tmp_path)  # a default output file (台账-YYYY.xlsx) lands here, never in the repository

    @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=bool(os.environ.get("CI")),
              suppress_health_check=list(HealthCheck))
    @given(template=st.sampled_from(TEMPLATES), value=text_values, path=file_paths(inputs))
    def run(template, value, path):
        args, names = template
        slot = args.index(V) if V in args else args.index(F)
        if args[slot - 1].startswith("--"):
            names += (args[slot - 1],)  # argparse names the option it could not read
        login = f"wangwu{next(NAMES)}"  # a new officer each time: one added earlier is no refusal of the value
        args = [value if a == V else path if a == F else str(body) if a == "BODY" else login if a == "wangwu" else a
                for a in args]
        act_as(monkeypatch, "admin" if args[0] in ADMIN_COMMANDS else "sunhong" if "extend" in args else "zhaomin")
        args = [request_in(a, cli, made) if a in STATES else a for a in args]
        before = state(office_db)
        code, out, err = cli(*args)
        tried["runs"] += 1
        assert "内部错误" not in err and "Traceback" not in err, (args, err)
        assert code in (0, 1, 2) if args[0] == "verify" else code in (0, 1), (args, code, err)
        notices = all(line.startswith("提示：") for line in err.splitlines())  # a GB18030 file's notice
        if code == 0 or (args[0] == "verify" and notices):  # `verify` exits 1 or 2 with its verdict
            tried["accepted"] += 1
            # What was accepted carries nothing a terminal or a spreadsheet would obey into the records.
            hidden = INVISIBLE.search(value)
            assert not (hidden and hidden.group() in state(office_db)[2]), (args, "stored", hidden.group())
            for placeholder in set(template[0]) & set(STATES):  # used: the next example gets a fresh one
                made.pop(placeholder, None)
            return
        tried["refused"] += 1
        lines = [line for line in err.splitlines() if not line.startswith("提示：")]  # a GB18030 file's notice
        assert lines and lines[0].startswith(("错误：", "参数错误")), (args, err)
        if F in template[0]:
            names += (path,)  # a file's problems are located in the file, one line each
        else:
            assert len(lines) == 1, (args, err)
        # A refusal for the request's state (another example already moved it on) or for the officer's
        # agency names no field, nor does argparse when a value that looks like an option takes a
        # positional's place.
        assert (any(label(n) in err or n in err for n in names) or "当前状态为" in err or "其他机关" in err
                or (value.startswith("-") and err.startswith("参数错误"))), (args, err)
        assert state(office_db) == before, (args, err)

    run()
    print(f"fuzz: {tried}")
