"""Faults in the middle of long commands: a process killed with SIGKILL at several moments of an
import, a demo load, a site build and a Word report, and a disk that fills up. The database
stays consistent (`audit verify` passes), an import is all or nothing, and no half-written file
is left where an officer or the public would open it."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from core.store import db as core_db
from core.store.models import Request
from tests.conftest import act_as

KILL_AFTER = (0.4, 1.2, 2.5)  # seconds: during start-up, the checks, the writing


def gongkai(*args: str, env: dict | None = None, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "core.cli.main", *args], env={**os.environ, **(env or {})},
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


def killed_after(seconds: float, *args: str, env: dict | None = None) -> bool:
    """Run `gongkai ARGS`, SIGKILL it after `seconds`; whether it was still running then."""
    process = gongkai(*args, env=env)
    try:
        process.wait(seconds)
        return False
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return True


def verified() -> tuple[int, str]:
    done = subprocess.run([sys.executable, "-m", "core.cli.main", "audit", "verify", "--json"], capture_output=True,
                          text=True)
    return done.returncode, done.stdout + done.stderr


def request_count(env) -> int:
    core_db.open_database(env["db"])
    count = Request.select().count()
    core_db.close_database()
    return count


def ledger(path: Path, rows: int) -> Path:
    lines = ["agency,received,applicant_type,applicant_name,channel,content,accepted,outcome,reason,decided"]
    lines += [f"YXSZFB,2024-03-{1 + i % 28:02d},自然人,申请人{i},当面,2023年财政预算{i},2024-03-{1 + i % 28:02d},予以公开,,"
              f"2024-04-{1 + i % 28:02d}" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def owner(env) -> dict:
    """The demo loads in bulk, as the database's owner on PostgreSQL."""
    return {"GONGKAI_DB": env["db"]}


@pytest.fixture
def as_admin(env, monkeypatch):
    act_as(monkeypatch, "admin")
    monkeypatch.setenv("GONGKAI_TODAY", "2025-12-01")
    return env


@pytest.mark.parametrize("seconds", KILL_AFTER)
def test_an_import_killed_at_any_moment_is_all_or_nothing(as_admin, tmp_path, seconds):
    source = ledger(tmp_path / "old.csv", 1500)
    interrupted = killed_after(seconds, "request", "import", str(source))
    assert request_count(as_admin) in ((0, 1500) if interrupted else (1500,))
    code, out = verified()
    assert code == 0, out


@pytest.mark.parametrize("seconds", KILL_AFTER)
def test_a_demo_load_killed_at_any_moment_leaves_whole_requests(as_admin, seconds):
    killed_after(seconds, "demo", "--requests", "3000", env=owner(as_admin))
    code, out = verified()
    assert code == 0, out
    assert json.loads(out)["requests"] == request_count(as_admin)  # every request has its whole chain


@pytest.mark.parametrize("seconds", KILL_AFTER)
def test_a_report_killed_while_writing_leaves_no_broken_word_file(as_admin, tmp_path, seconds):
    assert subprocess.run([sys.executable, "-m", "core.cli.main", "demo", "--requests", "400"],
                          env={**os.environ, **owner(as_admin)}, capture_output=True).returncode == 0
    out = tmp_path / "report.docx"
    killed_after(seconds, "report", "annual", "--year", "2025", "--agency", "YXSZFB", "--include-all",
                 "--format", "docx", "--out", str(out))
    if out.exists():
        assert zipfile.ZipFile(out).testzip() is None  # complete, or not there at all
    assert verified()[0] == 0


@pytest.mark.parametrize("seconds", (1.0, 3.0))
def test_a_site_build_killed_half_way_keeps_the_published_site(as_admin, tmp_path, seconds):
    assert subprocess.run([sys.executable, "-m", "core.cli.main", "demo"], env={**os.environ, **owner(as_admin)},
                          capture_output=True).returncode == 0
    out = tmp_path / "site"
    first = gongkai("site", "build", "--out", str(out))
    assert first.wait(300) == 0, first.stderr.read()
    pages = sorted(p.relative_to(out) for p in out.rglob("*.html"))
    killed_after(seconds, "site", "build", "--out", str(out))
    assert sorted(p.relative_to(out) for p in out.rglob("*.html")) == pages
    generated = as_admin["home"] / "site_src"
    assert not [p for p in generated.rglob("*") if p.name.endswith(".partial") and not p.name.startswith(".")]
    assert verified()[0] == 0


def _no_bigger_than(size: int):
    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG, as on a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    return limit


def test_a_full_disk_during_an_import_is_one_chinese_line_and_changes_nothing(as_admin, tmp_path):
    if not as_admin["db"].startswith("sqlite"):
        pytest.skip("the database server's disk is not this process's to fill")
    source = ledger(tmp_path / "old.csv", 3000)
    file = core_db.sqlite_path(as_admin["db"])
    room = file.stat().st_size + 64 * 1024
    done = gongkai("request", "import", str(source), preexec_fn=_no_bigger_than(room))
    out, err = done.communicate(timeout=300)
    assert done.returncode == 1
    assert err == "错误：数据库文件写入失败（磁盘已满、超出配额或磁盘出错）：未作任何改动，请检查磁盘后重试\n"
    assert request_count(as_admin) == 0
    assert verified()[0] == 0


def test_a_database_that_cannot_be_written_is_still_read_and_a_change_is_refused_in_one_line(as_admin, cli,
                                                                                              monkeypatch):
    if not as_admin["db"].startswith("sqlite"):
        pytest.skip("a PostgreSQL server in recovery is the server's to report")
    assert subprocess.run([sys.executable, "-m", "core.cli.main", "demo", "--requests", "50"],
                          capture_output=True).returncode == 0
    # A read-only mount (or a file the account may only read): root passes every permission check,
    # so the test stands in for the kernel's answer.
    monkeypatch.setattr(core_db, "writable", lambda file: False)
    code, out, err = cli("audit", "verify")
    assert (code, err) == (0, "") and out.startswith("审计链完整：50 件申请")
    assert cli("request", "list", "--limit", "3")[0] == 0
    code, out, err = cli("request", "new", "--agency", "YXSZFB", "--received", "2025-11-28", "--channel", "当面",
                         "--applicant-type", "自然人", "--applicant-name", "张三", "--content", "政务云经费")
    assert (code, out, err) == (1, "", "错误：数据库只读（文件或磁盘不可写）：未作任何改动；请检查数据库文件的权限和磁盘\n")
    assert request_count(as_admin) == 50
