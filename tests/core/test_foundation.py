"""The installation: schema, migrations, agencies, users, CLI conventions."""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import subprocess
import sys

import pytest

from core import __version__
from core.organisation import accounts, users
from core.requests import service as requests
from core.requests.intake import Intake
from core.session import open_ready
from core.store import db as core_db
from core.store.db import is_sqlite as db_is_sqlite
from core.store.migrations import LATEST
from core.store.models import Request, SchemaVersion, SystemEvent
from tests.conftest import _reset_postgres, act_as


def test_version_is_printed_by_the_installed_console_script():
    result = subprocess.run(["gongkai", "--version"], capture_output=True, text=True,
                            env={**os.environ, "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"]})
    assert result.returncode == 0
    assert result.stdout.strip() == f"gongkai {__version__}"


def test_init_twice_changes_nothing_the_second_time(env, cli, monkeypatch, tmp_path):
    blank(env["db"], monkeypatch, tmp_path)
    code, out, _ = cli("init", "--json")
    first = json.loads(out)
    assert code == 0
    assert first["migrations_applied"] == list(range(1, LATEST + 1))
    assert first["agencies"] == {"added": 54, "updated": 0, "unchanged": 0}
    assert first["admin_created"] is True

    code, out, _ = cli("init", "--json")
    second = json.loads(out)
    assert code == 0
    assert second == {"home": str(env["home"]), "home_created": False, "schema_version": LATEST, "migrations_applied": [],
                      "agencies": {"added": 0, "updated": 0, "unchanged": 54},
                      "admin_created": False, "training": False, "changed": False, "deadlines_refreshed": 0}


def test_every_index_on_requests_and_events_is_used_by_one_no_wider_index_covers(db):
    """Migration 17 dropped indexes whose columns lead a wider one; a database made new has none
    either, and keeps those the lists, the dashboard and the report are answered from."""
    names = {i.name: (table, *i.columns) for table in ("request", "event") for i in core_db.database.get_indexes(table)}
    leading = [(a, b) for a, x in names.items() for b, y in names.items() if a != b and y[:len(x)] == x]
    assert leading == []
    assert {"request_agency_id_state_due", "request_state_due", "request_report_received", "request_report_overdue",
            "event_request_id_seq", "event_action_date"} <= set(names)


def blank(url: str, monkeypatch, tmp_path) -> None:
    """Point the commands at an empty database of the same kind as `url`."""
    core_db.close_database()
    if url.startswith("sqlite"):
        monkeypatch.setenv("GONGKAI_DB", f"sqlite:///{tmp_path / 'blank.db'}")
    else:
        _reset_postgres(url)
        monkeypatch.setenv("GONGKAI_DB", url)  # init is the database owner's to run


def test_agencies_json_lists_the_45_issuing_bodies_and_the_county_governments(db, cli):
    code, out, _ = cli("agencies", "--json")
    agencies = json.loads(out)
    assert code == 0
    assert len(agencies) == 54
    assert {"code", "name", "level", "parent"} <= set(agencies[0])
    listed = [a for a in agencies if a["list_no"] is not None]
    assert [a["list_no"] for a in listed] == list(range(1, 46))
    by_no = {a["list_no"]: a for a in listed}
    assert by_no[1] == {"code": "YXSZF", "name": "玉溪市人民政府", "short_name": "市人民政府", "level": "city",
                        "parent": None, "category": None, "list_no": 1}
    assert by_no[2]["name"] == "玉溪市人民政府办公室" and by_no[2]["level"] == "city"
    assert by_no[3]["name"] == ("玉溪市发展和改革委员会(玉溪市数据局、玉溪市粮食和物资储备局、玉溪市能源局、"
                                "玉溪市人民政府国防动员办公室、玉溪市人民防空办公室)")
    assert by_no[33]["name"] == "玉溪市医疗保障局"
    assert by_no[45]["name"] == "玉溪市消防救援局(支队)"
    counties = [a["name"] for a in agencies if a["level"] == "county"]
    assert counties == ["玉溪市红塔区人民政府", "玉溪市江川区人民政府", "澄江市人民政府", "通海县人民政府",
                        "华宁县人民政府", "易门县人民政府", "峨山彝族自治县人民政府",
                        "新平彝族傣族自治县人民政府", "元江哈尼族彝族傣族自治县人民政府"]
    assert all(a["parent"] == "YXSZF" for a in agencies[1:])
    assert len({a["code"] for a in agencies}) == 54


def test_editing_agencies_yaml_updates_the_changed_agency_only(owner, cli):
    cli("init")
    path = owner["catalogs"] / "agencies.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("short_name: 市医保局", "short_name: 市医疗保障局"),
                    encoding="utf-8")
    code, out, _ = cli("init", "--json")
    assert json.loads(out)["agencies"] == {"added": 0, "updated": 1, "unchanged": 53}


def test_agency_file_errors_name_file_line_and_field(owner, cli):
    path = owner["catalogs"] / "agencies.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    level: county\n", "    level: township\n", 1)
    text = text.replace("  - code: YXGAJ\n", "  - code: YXFGW\n", 1)
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    township = lines.index("    level: township") + 1
    duplicate = lines.index("  - code: YXFGW", lines.index("  - code: YXFGW") + 1) + 1
    code, out, err = cli("init")
    assert code == 1
    assert f"catalogs/agencies.yaml 第{duplicate}行 字段 code：机构代码 YXFGW 重复（另见第" in err
    assert (f"catalogs/agencies.yaml 第{township}行 字段 level：级别 'township' 应为 city / department / county 之一"
            in err)


def test_schema_newer_than_the_code_is_refused(owner, cli):
    cli("init")
    core_db.open_database(owner["db"])
    SchemaVersion.create(version=LATEST + 1, name="from the future")
    core_db.close_database()
    code, _, err = cli("agencies")
    assert code == 1
    assert err == f"错误：数据库架构版本为 {LATEST + 1}，高于本程序支持的 {LATEST}：请升级 gongkai 后再打开此数据库\n"


def test_sqlite_is_opened_with_wal_foreign_keys_and_busy_timeout(tmp_path):
    core_db.open_database(f"sqlite:///{tmp_path / 'a' / 'new.db'}")
    try:
        assert (tmp_path / "a" / "new.db").exists()
        pragma = lambda name: core_db.database.execute_sql(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") == 10_000
        core_db.database.execute_sql("CREATE TABLE t (x)")  # the -wal file now exists too
        for name in ("new.db", "new.db-wal"):  # applicants' personal data: the owner's alone
            assert oct((tmp_path / "a" / name).stat().st_mode & 0o777) == "0o600"
    finally:
        core_db.close_database()


def test_unsupported_database_url_is_refused(monkeypatch, cli):
    monkeypatch.setenv("GONGKAI_DB", "mongodb://localhost/x")
    code, _, err = cli("agencies")
    assert code == 1
    assert err == "错误：GONGKAI_DB：不支持的数据库地址 'mongodb://localhost/x'（应为 sqlite:///路径 或 postgresql://…）\n"


class TestUsers:
    def test_admin_adds_a_user_with_two_roles(self, db, cli):
        code, out, _ = cli("user", "add", "zhao", "--name", "赵敏", "--agency", "YXSZFB",
                           "--role", "承办人", "--role", "办公室主任", "--json")
        assert code == 0
        assert json.loads(out) == {"login": "zhao", "name": "赵敏", "agency": "YXSZFB", "agency_name": "市政府办公室",
                                   "roles": ["承办人", "办公室主任"], "active": True}
        code, out, _ = cli("user", "list", "--json")
        assert [u["login"] for u in json.loads(out)] == ["admin", "zhao"]

    def test_unknown_acting_user_is_told_how_to_be_added(self, db, cli, monkeypatch):
        if not db_is_sqlite() and not accounts.exists("wanglei"):  # a database account, not an officer's
            core_db.database.execute_sql("CREATE ROLE wanglei LOGIN")
        act_as(monkeypatch, "wanglei")
        code, _, err = cli("user", "whoami")
        assert code == 1
        assert err == "错误：账户 wanglei 不是本系统登记的人员：请管理员用 gongkai user add wanglei 添加\n"

    def test_only_an_administrator_adds_users(self, db, cli, monkeypatch):
        cli("user", "add", "zhao", "--name", "赵敏", "--agency", "YXSZFB", "--role", "承办人")
        act_as(monkeypatch, "zhao")
        code, _, err = cli("user", "add", "qian", "--name", "钱立", "--agency", "YXSZFB", "--role", "承办人")
        assert code == 1
        assert err == "错误：添加用户需要“管理员”角色，当前用户 zhao（赵敏）没有该角色\n"

    def test_roles_change_and_a_disabled_officer_signs_in_no_more_with_both_on_the_record(self, db, cli,
                                                                                          monkeypatch):
        cli("user", "add", "zhao", "--name", "赵敏", "--agency", "YXSZFB", "--role", "承办人")
        code, out, _ = cli("user", "roles", "zhao", "--role", "办公室主任", "--json")
        assert (code, json.loads(out)["roles"]) == (0, ["办公室主任"])
        code, out, _ = cli("user", "disable", "zhao", "--json")
        assert (code, json.loads(out)["active"]) == (0, False)
        events = [(e.actor, e.action, json.loads(e.data)) for e in SystemEvent.select().order_by(SystemEvent.seq)]
        assert events[-2:] == [("admin", "user_roles", {"login": "zhao", "before": ["承办人"], "after": ["办公室主任"]}),
                               ("admin", "user_disable", {"login": "zhao"})]
        act_as(monkeypatch, "zhao")
        code, _, err = cli("user", "whoami")
        assert code == 1
        if db_is_sqlite():
            assert err == "错误：账户 zhao（赵敏）已停用\n"
        else:  # PostgreSQL itself turns the login away
            assert err.startswith("错误：无法连接数据库：") and 'role "zhao" is not permitted to log in' in err

    @pytest.mark.parametrize("args, message", [
        (["zhao", "--name", "赵敏", "--agency", "NOPE", "--role", "承办人"],
         "错误：机构：机构代码 'NOPE' 不存在（`gongkai agencies` 列出所有机构）\n"),
        (["bad login", "--name", "赵敏", "--agency", "YXSZFB", "--role", "承办人"],
         "错误：登录名：用户名应为 1–64 位字母、数字、下划线、点或连字符\n"),
        (["admin", "--name", "另一个", "--agency", "YXSZFB", "--role", "承办人"],
         "错误：登录名：用户名 admin 已存在\n"),
        (["zhao", "--name", " ", "--agency", "YXSZFB", "--role", "承办人"],
         "错误：姓名：姓名不能为空\n"),
    ])
    def test_bad_user_fields_are_refused_naming_the_field(self, db, cli, args, message):
        code, _, err = cli("user", "add", *args)
        assert (code, err) == (1, message)
        code, out, _ = cli("user", "list", "--json")
        assert [u["login"] for u in json.loads(out)] == ["admin"]

    def test_unknown_role_is_a_one_line_argument_error(self, db, cli):
        code, _, err = cli("user", "add", "zhao", "--name", "赵敏", "--agency", "YXSZFB", "--role", "科员")
        assert code == 1
        assert err == ("参数错误（gongkai user add）：--role 的值 '科员' 无效，应为 承办人, 办公室主任, 分管领导, 保密员, 管理员 之一\n")
        assert err.count("\n") == 1


def test_demo_adds_one_officer_per_role_once(db, owner, cli, monkeypatch):
    """On PostgreSQL the demo signs in other officers' names: only the training database's owner runs it."""
    code, out, _ = cli("demo", "--json")
    assert json.loads(out) == {"users_added": ["zhaomin", "qianli", "sunhong"], "requests_added": 0}
    code, out, _ = cli("demo", "--json")
    assert json.loads(out) == {"users_added": [], "requests_added": 0}
    act_as(monkeypatch, "admin")
    code, out, _ = cli("user", "list", "--json")
    roles = {u["login"]: u["roles"] for u in json.loads(out)}
    assert roles == {"admin": ["管理员"], "qianli": ["办公室主任", "保密员"], "sunhong": ["分管领导"], "zhaomin": ["承办人"]}


def test_missing_subcommand_action_exits_1_with_one_line(cli):
    code, _, err = cli("user")
    assert (code, err) == (1, "参数错误：请指定操作，见 gongkai user --help\n")


def test_init_recomputes_cached_due_dates_under_the_rules_in_force(db, owner, cli, monkeypatch):
    """A database whose due dates were cached by older rules (a yuxi request not
    yet accepted had none) gets the 条例's date on the next `gongkai init`."""
    monkeypatch.setenv("GONGKAI_TODAY", "2025-10-20")
    view = requests.create(Intake(agency="YXSZFB", received=dt.date(2025, 9, 29), channel="当面",
                                  applicant_type="自然人", applicant_name="张三", content="某项信息"),
                           users.get("admin"), dt.date(2025, 10, 20))
    Request.update(due=None).where(Request.id == view.id).execute()
    code, out, _ = cli("init", "--json")
    assert (code, json.loads(out)["deadlines_refreshed"]) == (0, 1)
    assert Request.get_by_id(view.id).due == dt.date(2025, 11, 3)


class TestWhoActsOnAWorkstation:
    """On a workstation's SQLite file the operating-system account acts; GONGKAI_USER
    picks an officer only on a training database."""

    @pytest.fixture
    def office_db(self, monkeypatch, tmp_path, office):
        url = f"sqlite:///{tmp_path / 'office.db'}"
        monkeypatch.setenv("GONGKAI_DB", url)
        monkeypatch.delenv("GONGKAI_USER", raising=False)
        open_ready(url)
        users.add(getpass.getuser(), "本机人员", "YXSZFB", ["承办人"])
        users.add("qianli", "钱立", "YXSZFB", ["办公室主任"])
        core_db.close_database()
        return url

    def test_the_os_account_acts(self, office_db, cli):
        code, out, _ = cli("user", "whoami", "--json")
        assert (code, json.loads(out)["login"]) == (0, getpass.getuser())

    def test_gongkai_user_cannot_impersonate_another_officer(self, office_db, cli, monkeypatch):
        monkeypatch.setenv("GONGKAI_USER", "qianli")
        code, out, err = cli("user", "whoami", "--json")
        assert (code, out) == (1, "")
        assert err == (f"错误：单机数据库以操作系统账户（{getpass.getuser()}）为当前人员；"
                       "GONGKAI_USER 只在培训数据库（gongkai init --training）中有效\n")

    def test_an_unregistered_account_reads_nothing(self, office_db, cli, monkeypatch):
        monkeypatch.setattr(getpass, "getuser", lambda: "nobody_xyz")
        code, out, err = cli("request", "list", "--json")
        assert (code, out) == (1, "")
        assert err == "错误：账户 nobody_xyz 不是本系统登记的人员：请管理员用 gongkai user add nobody_xyz 添加\n"

    def test_demo_data_only_goes_into_a_training_database(self, office_db, cli):
        code, _, err = cli("demo", "--requests", "5")
        assert code == 1
        assert err == "错误：演示数据只能加入培训数据库：请用 gongkai init --training 新建一个数据库后再运行 gongkai demo\n"

    def test_a_database_with_records_cannot_become_a_training_one(self, office_db, cli):
        open_ready(office_db)
        requests.create(Intake(agency="YXSZFB", received=dt.date(2025, 9, 29), channel="网络",
                               applicant_type="自然人", applicant_name="张三", content="监测报告", form_wanted="电子",
                               handler=getpass.getuser()), users.get(getpass.getuser()), dt.date(2025, 9, 29))
        core_db.close_database()
        code, _, err = cli("init", "--training")
        assert (code, err) == (1, "错误：数据库中已有 1 件申请，不能改为培训数据库；请新建一个数据库用于培训\n")


def test_a_training_databases_letters_say_so(tmp_path, monkeypatch, office, cli):
    url = f"sqlite:///{tmp_path / 'training.db'}"
    monkeypatch.setenv("GONGKAI_DB", url)
    assert cli("init", "--training")[0] == 0
    assert cli("demo", "--requests", "3")[0] == 0
    monkeypatch.setenv("GONGKAI_USER", "zhaomin")
    code, out, _ = cli("request", "list", "--json")
    number = json.loads(out)[0]["number"]
    code, out, _ = cli("request", "letter", number, "--kind", "答复")
    assert code == 0 and out.startswith("【培训】\n")
