"""Facts about the database itself. A training database (`gongkai init --training`)
may hold demo data and lets GONGKAI_USER pick the acting officer; everything it
produces is marked 培训 so that nothing printed from it passes for an official paper."""

from __future__ import annotations

from core.errors import IllegalTransition
from core.store.db import database, is_sqlite
from core.store.models import Request, Setting

TRAINING = "training"
TRAINING_MARK = "培训"
# A non-training SQLite file proves nothing about who signed: anyone who can write the file can
# write anything. Review forms printed from one say so.
WORKSTATION_MARK = "单机模式"


def training() -> bool:
    return Setting.get_or_none(Setting.key == TRAINING) is not None


def make_training() -> bool:
    """Mark a database that holds no requests yet as a training database; False when it already was."""
    if training():
        return False
    held = Request.select().count()
    if held:
        raise IllegalTransition(f"数据库中已有 {held} 件申请，不能改为培训数据库；请新建一个数据库用于培训")
    with database.atomic():
        Setting.create(key=TRAINING, value="1")
    return True


def document_mark(review_form: bool = False) -> str | None:
    """The word every paper produced here carries, if any."""
    if training():
        return TRAINING_MARK
    if review_form and is_sqlite():
        return WORKSTATION_MARK
    return None
