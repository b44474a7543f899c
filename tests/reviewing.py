"""Taking an item through its 保密审查 with officers of the item's own agency: the demo
officers for 市政府办公室 (demo.fill() first), three made on first use for any other."""

from __future__ import annotations

import datetime as dt

from core import demo
from core.organisation import roles, users
from core.organisation.roles import UserInfo
from core.review import store as reviews
from tests.conftest import connect_as

SIGNERS = (("clerk", roles.CLERK), ("director", roles.OFFICE_DIRECTOR), ("leader", roles.LEADER))


def officers(agency: str) -> tuple[UserInfo, UserInfo, UserInfo]:
    """承办人, 办公室主任 and 分管领导 of `agency`."""
    if agency == demo.DEMO_AGENCY:
        return tuple(users.get(login) for login in ("zhaomin", "qianli", "sunhong"))
    found = []
    for post, role in SIGNERS:
        login = f"{agency.lower()}.{post}"
        found.append(users.get(login) or users.add(login, f"{agency}{role}", agency, [role]))
    return tuple(found)


def agency_of(ref: str) -> str:
    """A reply's request number (YXFGW-2025-0001) or an entry's 索引号 (YXFGW/2025-00001)."""
    return ref.split("/")[0].split("-")[0]


def sign_all(review_id: int, today: dt.date) -> reviews.ReviewView:
    """Each signature from the signer's own database account (on PostgreSQL the database checks it)."""
    clerk, director, leader = officers(agency_of(reviews.view(review_id).subject_ref))
    steps = ((clerk, "不涉及国家秘密", "不涉密"), (director, "同意", None), (leader, "同意公开", None))
    try:
        for officer, opinion, judgement in steps:
            connect_as(officer.login)
            done = reviews.act(review_id, "sign", officer, today, opinion=opinion, judgement=judgement)
    finally:
        connect_as(None)
    return done


def approve(kind: str, ref: str, today: dt.date) -> reviews.ReviewView:
    return sign_all(reviews.create(kind, ref, officers(agency_of(ref))[0], today).id, today)
