"""What the database itself enforces on PostgreSQL, tried as a hostile insider would:
each officer connects with their own account and hand-writes SQL. Three officers of
市政府办公室 (the demo's), one of them holding two roles, and a 承办人 of 市发展改革委."""

from __future__ import annotations

import datetime as dt
import json

import psycopg2
import pytest

from core import demo
from core.organisation import users
from core.requests import service as requests
from core.requests.intake import Intake
from core.requests.lifecycle import Params
from core.review import store as reviews
from core.store import audit
from core.store import db as core_db
from core.store.models import Event, Request, ReviewStep, SystemEvent
from tests.conftest import act_as, as_officer, connect_as, fresh_postgres, open_training

TODAY = dt.date(2025, 12, 1)


@pytest.fixture
def pg(monkeypatch, office):
    url = fresh_postgres()
    monkeypatch.setenv("GONGKAI_DB", url)
    open_training(url)
    demo.fill()
    users.add("wangfang", "王芳", "YXSZFB", ["承办人", "办公室主任"])
    users.add("liwei", "李伟", "YXFGW", ["承办人"])
    view = requests.create(Intake(agency="YXSZFB", received=dt.date(2025, 11, 3), channel="当面",
                                  applicant_type="自然人", applicant_name="张三", content="政务云经费",
                                  applicant_id="11010519491231002X"), users.get("zhaomin"), TODAY)
    requests.act(view.id, "accept", Params(date=dt.date(2025, 11, 3)), users.get("zhaomin"), TODAY)
    requests.act(view.id, "decide", Params(date=dt.date(2025, 11, 20), outcome="予以公开"), users.get("zhaomin"),
                 TODAY)
    yield {"url": url, "request": view}
    core_db.close_database()


def raw(login: str, url: str):
    """A psycopg2 connection as `login`, the way an insider would open psql."""
    conn = psycopg2.connect(as_officer(url, login))
    conn.autocommit = True
    return conn


def refused(conn, sql: str, params=()) -> str:
    with pytest.raises(psycopg2.Error) as error, conn.cursor() as cur:
        cur.execute(sql, params)
    return str(error.value).splitlines()[0]


def test_gongkai_user_cannot_pick_who_acts(pg, cli, monkeypatch):
    monkeypatch.setenv("GONGKAI_DB", as_officer(pg["url"], "zhaomin"))
    monkeypatch.setenv("GONGKAI_USER", "sunhong")
    code, out, err = cli("request", "show", pg["request"].number, "--json")
    assert (code, out) == (1, "")
    assert err == ("错误：PostgreSQL 部署中当前人员就是数据库登录账户，不接受 GONGKAI_USER；"
                   "请以本人的数据库账户连接（GONGKAI_DB 中的用户名，或本机账户经 peer 认证）\n")


def test_one_person_cannot_sign_two_levels_even_by_hand(pg):
    review = reviews.create("reply", pg["request"].number, users.get("wangfang"), TODAY)
    connect_as("wangfang")
    reviews.act(review.id, "sign", users.get("wangfang"), TODAY, opinion="不涉密", judgement="不涉密")
    current = ReviewStep.get(ReviewStep.review == review.id).content_hash
    conn = raw("wangfang", pg["url"])
    message = refused(conn, "INSERT INTO review_step (review_id, seq, kind, login, role, content_hash, at) "
                            "VALUES (%s, 2, 'sign', 'wangfang', '办公室主任', %s, now())", (review.id, current))
    assert message == "wangfang 已在本审查中签署过，三级审查须由三名不同人员签署"
    message = refused(conn, "INSERT INTO review_step (review_id, seq, kind, login, role, content_hash, at) "
                            "VALUES (%s, 2, 'sign', 'qianli', '办公室主任', %s, now())", (review.id, current))
    assert message == "审查步骤须由本人签署：记录的签署人为 qianli，当前数据库账户为 wangfang"
    connect_as(None)
    assert [s.login for s in ReviewStep.select().where(ReviewStep.review == review.id)] == ["wangfang"]


def test_the_audit_cannot_be_changed_or_deleted_by_an_officer(pg):
    conn = raw("zhaomin", pg["url"])
    for sql in ("UPDATE event SET date = '2025-11-01' WHERE seq = 2", "DELETE FROM event",
                "UPDATE review_step SET login = 'sunhong'", "DELETE FROM review_step",
                "DELETE FROM system_event", "UPDATE system_event SET actor = 'x'", "DELETE FROM request",
                "DROP TABLE event", "ALTER TABLE event DISABLE TRIGGER ALL"):
        message = refused(conn, sql)
        assert message.startswith(("permission denied for table", "must be owner of table")), sql
    assert Event.select().count() == 3


def test_another_agencys_request_is_neither_readable_nor_writable(pg):
    conn = raw("liwei", pg["url"])
    with conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM request")
        assert cur.fetchone() == (0,)
        cur.execute("SELECT count(*) FROM event")
        assert cur.fetchone() == (0,)
        cur.execute("UPDATE request SET outcome = '不予公开' WHERE number = %s", (pg["request"].number,))
        assert cur.rowcount == 0
    message = refused(conn, "INSERT INTO event (request_id, seq, at, actor, action, date, data, prev_hash, hash) "
                            "VALUES (%s, 4, now(), 'liwei', 'reply', '2025-12-01', '{}', '', '')",
                      (pg["request"].id,))
    assert message == 'new row violates row-level security policy for table "event"'
    assert Request.get_by_id(pg["request"].id).outcome == "予以公开"


def test_the_bureaus_answer_needs_the_designated_role(pg):
    review = reviews.create("reply", pg["request"].number, users.get("zhaomin"), TODAY)
    connect_as("zhaomin")
    reviews.act(review.id, "escalate", users.get("zhaomin"), TODAY, letter_no="玉政公保审〔2025〕9号")
    current = ReviewStep.get(ReviewStep.review == review.id).content_hash
    message = refused(raw("zhaomin", pg["url"]),
                      "INSERT INTO review_step (review_id, seq, kind, login, judgement, content_hash, at) "
                      "VALUES (%s, 2, 'answer', 'zhaomin', '不涉密', %s, now())", (review.id, current))
    assert message == "保密部门的审查结论须由“保密员”对已送审的事项登记"
    connect_as("qianli")  # 办公室主任 and 保密员
    answered = reviews.act(review.id, "answer", users.get("qianli"), TODAY, opinion="经审查，同意公开", approve=True)
    assert answered.state == "approved"
    connect_as(None)


def test_audit_verify_reports_an_edited_column_a_deleted_system_event_and_a_rechained_event(pg, cli, monkeypatch):
    act_as(monkeypatch, "admin")
    assert cli("audit", "verify")[0] == 0
    number = pg["request"].number
    connect_as(None)  # the owner's rights: what only a database administrator could do
    Request.update(outcome="不予公开").where(Request.number == number).execute()
    code, out, _ = cli("audit", "verify")
    assert (code, out) == (1, f"审计链不符：申请 {number}：办理结果为 '不予公开'，办理记录所示为 '予以公开'，"
                              "该字段未经办理记录被改动\n")
    connect_as(None)
    Request.update(outcome="予以公开").where(Request.number == number).execute()
    last = SystemEvent.select().order_by(SystemEvent.seq.desc()).first()
    SystemEvent.delete().where(SystemEvent.seq == last.seq).execute()
    code, out, _ = cli("audit", "verify")
    assert (code, out) == (1, f"审计链不符：系统事件链：记录的链头为第{last.seq}条，现存最后一条为第{last.seq - 1}条，"
                              "末尾事件被删除或改动\n")


def test_a_published_checkpoint_detects_a_rewrite_made_after_it(pg, cli, monkeypatch, tmp_path):
    act_as(monkeypatch, "admin")
    key = tmp_path / "key.pem"
    assert cli("audit", "keygen", "--out", str(key))[0] == 0
    code, out, err = cli("audit", "checkpoint", "--key", str(key), "--json")
    assert code == 0, err
    published = tmp_path / "checkpoint.json"
    published.write_text(out, encoding="utf-8")
    assert cli("audit", "verify", "--against", str(published))[0] == 0
    # An insider with the owner's rights rewrites the decision and re-chains every hash after it.
    connect_as(None)
    request = Request.get(Request.number == pg["request"].number)
    events = list(Event.select().where(Event.request == request.id).order_by(Event.seq))
    prev = events[1].hash
    data = json.loads(events[2].data)
    data["after"]["outcome"] = data["after"]["outcome"].replace("予以公开", "不予公开")
    forged = audit.event_row(request.id, request.number, 3, prev, events[2].actor, events[2].action, events[2].date,
                             data, at=events[2].at)
    Event.update(data=forged["data"], hash=forged["hash"]).where(Event.id == events[2].id).execute()
    Request.update(outcome="不予公开", head_hash=forged["hash"]).where(Request.id == request.id).execute()
    code, out, _ = cli("audit", "verify", "--against", str(published))
    assert code == 1
    assert out.startswith(f"审计链不符：申请 {request.number}：第3条事件与第1号检查点（")
    assert out.rstrip().endswith("）不符，检查点之前的记录被改写")
    assert cli("audit", "verify")[1] == out  # the local check against the latest checkpoint finds it too
    tampered = json.loads(published.read_text(encoding="utf-8"))
    tampered["requests"] += 1
    published.write_text(json.dumps(tampered), encoding="utf-8")
    code, out, _ = cli("audit", "verify", "--against", str(published))
    assert out == "审计链不符：检查点签名无效：不是本机关签发的检查点，或其内容被改动\n"


def test_an_officer_cannot_run_migrations(pg, cli, monkeypatch):
    act_as(monkeypatch, "admin")
    code, _, err = cli("migrate")
    assert code == 0 and err == ""  # current: nothing to do, and nothing attempted
    connect_as(None)
    core_db.database.execute_sql("DELETE FROM schema_version WHERE version = (SELECT MAX(version) FROM schema_version)")
    code, _, err = cli("migrate")
    assert code == 1 and err.startswith("错误：数据库架构为第")
    assert err.endswith("请由数据库所有者运行 gongkai migrate\n")


def test_personal_data_reads_are_on_the_record(pg, cli, monkeypatch):
    act_as(monkeypatch, "zhaomin")
    assert cli("request", "show", pg["request"].number)[0] == 0
    connect_as(None)
    event = SystemEvent.select().order_by(SystemEvent.seq.desc()).first()
    assert (event.actor, event.action, json.loads(event.data)) == (
        "zhaomin", "read_personal_data", {"request": pg["request"].number, "via": "request show"})


def test_who_complained_is_readable_by_the_handling_office_alone(pg):
    from core.oversight import complaints

    users.add("leader2", "周领导", "YXFGW", ["分管领导"])  # reads every agency's requests, not this
    made = complaints.create(complaints.Intake("YXFGW", dt.date(2025, 11, 20), "来信", (2,), "目录未更新",
                                               "欧阳修远", "13987654321"), users.get("zhaomin"), TODAY)
    conn = raw("leader2", pg["url"])
    with conn.cursor() as cur:
        cur.execute("SELECT number, content FROM complaint")
        assert cur.fetchall() == [(made.number, "目录未更新")]  # the body sees what it must answer
        cur.execute("SELECT count(*) FROM complainant")
        assert cur.fetchone() == (0,)
        cur.execute("UPDATE complainant SET name = '某人'")
        assert cur.rowcount == 0
        cur.execute("UPDATE complaint SET finding = '不成立'")
        assert cur.rowcount == 0
    message = refused(conn, "INSERT INTO complaint_step (complaint_id, seq, kind, date, login, at) "
                            "VALUES (%s, 1, 'archive', '2025-11-21', 'leader2', now())", (made_id(made.number),))
    assert message == 'new row violates row-level security policy for table "complaint_step"'
    assert refused(conn, "DELETE FROM complaint").startswith("permission denied for table")
    with raw("qianli", pg["url"]).cursor() as cur:  # the handling office
        cur.execute("SELECT name, phone FROM complainant")
        assert cur.fetchall() == [("欧阳修远", "13987654321")]


def made_id(number: str) -> int:
    from core.store.models import Complaint

    return Complaint.get(Complaint.number == number).id
