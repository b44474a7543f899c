"""The three-level 保密审查 rules, on plain values."""

from __future__ import annotations

import pytest

from core.errors import IllegalTransition, PermissionDenied
from core.organisation.roles import UserInfo
from core.review import rules as r

H = "a" * 64
CLERK = UserInfo(1, "zhaomin", "赵敏", "YXSZFB", "市政府办公室", ("承办人",))
DIRECTOR = UserInfo(2, "qianli", "钱立", "YXSZFB", "市政府办公室", ("办公室主任",))
LEADER = UserInfo(3, "sunhong", "孙宏", "YXSZFB", "市政府办公室", ("分管领导",))
BOTH = UserInfo(4, "wangfang", "王芳", "YXSZFB", "市政府办公室", ("承办人", "办公室主任"))
SECRECY = UserInfo(5, "zhoujing", "周静", "YXSZFB", "市政府办公室", ("保密员",))


def chain(*signers, judgement="不涉密"):
    steps = []
    for i, who in enumerate(signers):
        steps.append(r.sign(steps, who, H, judgement if i == 0 else None).step)
    return steps


def test_the_full_chain_in_order_approves():
    steps = chain(CLERK, DIRECTOR, LEADER)
    assert [s.role for s in steps] == ["承办人", "办公室主任", "分管领导"]
    assert r.state_of(steps) == r.APPROVED


def test_out_of_order_signing_is_refused():
    with pytest.raises(PermissionDenied) as err:
        r.sign([], LEADER, H, None)
    assert err.value.message == "本步骤须由“承办人”签署，当前用户 sunhong（孙宏）没有该角色"


def test_one_person_with_two_roles_signs_only_once():
    steps = chain(BOTH)
    with pytest.raises(PermissionDenied) as err:
        r.sign(steps, BOTH, H, None)
    assert err.value.message == "王芳已在本审查中签署过，三级审查须由三名不同人员签署"


def test_a_change_to_the_text_voids_the_signatures():
    steps = chain(CLERK, DIRECTOR)
    assert not r.stale(steps, H)
    assert r.stale(steps, "b" * 64)
    steps.append(r.Step("void", "system", content_hash="b" * 64))
    assert r.state_of(steps) == r.DRAFTING and r.signatures(steps) == []


def test_return_sends_it_back_to_the_drafter():
    steps = chain(CLERK)
    outcome = r.return_to_drafter(steps, DIRECTOR, H)
    assert outcome.state == r.DRAFTING
    assert r.state_of(steps + [outcome.step]) == r.DRAFTING


def test_uncertain_items_go_to_the_secrecy_bureau_whose_answer_decides():
    with pytest.raises(IllegalTransition):
        r.sign([], CLERK, H, "不确定")
    steps = [r.escalate([], CLERK, H).step]
    assert r.state_of(steps) == r.ESCALATED
    assert r.state_of(steps + [r.answer(steps, SECRECY, H, True).step]) == r.APPROVED
    assert r.state_of(steps + [r.answer(steps, SECRECY, H, False).step]) == r.REFUSED
    with pytest.raises(PermissionDenied) as refused:  # 第四条: the designated staff member records it
        r.answer(steps, DIRECTOR, H, True)
    assert refused.value.message == "保密部门的审查结论须由“保密员”登记，当前用户 qianli（钱立）没有该角色"
    assert r.offered(r.ESCALATED, DIRECTOR) == () and r.offered(r.ESCALATED, SECRECY) == ("answer",)


def test_classified_items_are_not_released():
    assert r.state_of(chain(CLERK, judgement="涉密")) == r.REFUSED
