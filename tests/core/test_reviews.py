"""Stored reviews: the chain through the database, voiding, escalation, the queue."""

from __future__ import annotations

import pytest

from core import audit, demo, reviews, users
from core.errors import PermissionDenied

TEXT = "春节期间政务服务大厅暂停现场服务。"


@pytest.fixture
def people(db):
    demo.fill()
    return {login: users.get(login) for login in ("zhaomin", "qianli", "sunhong")}


def test_the_full_chain_is_stored_and_audited(people):
    r = reviews.create("catalogue", "YXZWFWJ/2025-00001", "春节办公安排", TEXT)
    assert [v.id for v in reviews.queue(people["zhaomin"])] == [r.id]
    reviews.act(r.id, "sign", people["zhaomin"], TEXT, opinion="不涉及国家秘密", judgement="不涉密")
    assert reviews.queue(people["zhaomin"]) == [] and [v.id for v in reviews.queue(people["qianli"])] == [r.id]
    reviews.act(r.id, "sign", people["qianli"], TEXT, opinion="同意")
    done = reviews.act(r.id, "sign", people["sunhong"], TEXT, opinion="同意公开")
    assert (done.state, done.state_name) == ("approved", "审查通过")
    assert [(s["kind"], s["role"]) for s in done.steps] == [("sign", "承办人"), ("sign", "办公室主任"),
                                                           ("sign", "分管领导")]
    assert audit.verify().ok


def test_an_edit_after_signing_voids_it(people):
    r = reviews.create("catalogue", "YXZWFWJ/2025-00001", "春节办公安排", TEXT)
    reviews.act(r.id, "sign", people["zhaomin"], TEXT, judgement="不涉密")
    with pytest.raises(PermissionDenied):
        reviews.act(r.id, "sign", people["qianli"], TEXT + "另行通知。")  # void, then the 承办人 must sign again
    after = reviews.view(r.id)
    assert after.state == "drafting" and [s["kind"] for s in after.steps] == ["sign", "void"]
    assert after.steps[1]["opinion"] == "审查后文本已修改，原签署作废"


def test_escalation_and_the_bureaus_answer(people):
    r = reviews.create("reply", "YXSZFB-2025-0001", "答复书", TEXT)
    reviews.act(r.id, "escalate", people["zhaomin"], TEXT, letter_no="玉保审〔2025〕3号")
    answered = reviews.act(r.id, "answer", people["qianli"], TEXT, opinion="属于工作秘密，不予公开", approve=False)
    assert (answered.state, answered.letter_no) == ("refused", "玉保审〔2025〕3号")


def test_the_chain_from_the_command_line_on_a_catalogue_entry(people, env, cli, tmp_path, monkeypatch):
    import json

    body = tmp_path / "body.txt"
    body.write_text(TEXT + "\n", encoding="utf-8")
    monkeypatch.setenv("GONGKAI_TODAY", "2025-12-20")
    cli("catalog", "add", "--title", "春节办公安排", "--class", "业务及服务", "--agency", "YXZWFWJ", "--body", str(body))
    code, out, _ = cli("review", "new", "--catalog", "YXZWFWJ/2025-00001", "--json")
    rid = json.loads(out)["id"]
    monkeypatch.setenv("GONGKAI_USER", "sunhong")
    code, _, err = cli("review", "sign", str(rid), "--opinion", "同意")
    assert (code, err) == (1, "错误：本步骤须由“承办人”签署，当前用户 sunhong（孙宏）没有该角色\n")
    for login, extra in (("zhaomin", ["--judgement", "不涉密"]), ("qianli", []), ("sunhong", [])):
        monkeypatch.setenv("GONGKAI_USER", login)
        code, out, err = cli("review", "sign", str(rid), "--opinion", "同意", *extra, "--json")
        assert code == 0, err
    assert json.loads(out)["state"] == "approved"
    monkeypatch.setenv("GONGKAI_USER", "qianli")
    code, out, _ = cli("review", "list", "--mine", "--json")
    assert json.loads(out) == []
