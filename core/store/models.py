"""peewee models: the stored facts. Rules live in plain functions elsewhere;
these classes only say what is kept and how it is keyed."""

from __future__ import annotations

import datetime as dt

import peewee as pw

from core.errors import InvalidInput, label
from core.store.db import database


class BaseModel(pw.Model):
    class Meta:
        database = database
        legacy_table_names = False

    def save(self, *args, **kwargs):
        # PostgreSQL refuses a value past a column's length and SQLite keeps it: checked here, both
        # refuse it the same way, naming the field, before anything is written.
        for name, column in self._meta.fields.items():
            value = self.__data__.get(name)
            if isinstance(column, pw.CharField) and isinstance(value, str) and len(value) > column.max_length:
                raise InvalidInput(name, f"{label(name)}不超过{column.max_length}字")
        return super().save(*args, **kwargs)


class SchemaVersion(BaseModel):
    version = pw.IntegerField(primary_key=True)
    name = pw.CharField()
    applied_at = pw.DateTimeField(default=dt.datetime.now)


class Setting(BaseModel):
    """Facts about this database itself (e.g. that it was created for training)."""

    key = pw.CharField(primary_key=True, max_length=32)
    value = pw.TextField()


class ChainHead(BaseModel):
    """The newest event of each audit chain, kept by a database trigger: deleting the
    newest event leaves the head pointing past the end."""

    chain = pw.CharField(primary_key=True, max_length=16)
    seq = pw.IntegerField()
    hash = pw.CharField(max_length=64)


class Agency(BaseModel):
    code = pw.CharField(primary_key=True, max_length=32)
    name = pw.CharField()
    short_name = pw.CharField()
    level = pw.CharField(max_length=16)  # city / department / county
    category = pw.CharField(null=True)  # the list's grouping, e.g. 市人民政府工作部门
    list_no = pw.IntegerField(null=True)  # 序号 in 市级行政规范性文件制定主体清单
    parent = pw.ForeignKeyField("self", null=True, backref="children", on_delete="RESTRICT")
    sort_order = pw.IntegerField(default=0)


class User(BaseModel):
    login = pw.CharField(unique=True, max_length=64)
    name = pw.CharField()
    agency = pw.ForeignKeyField(Agency, backref="users", on_delete="RESTRICT")
    active = pw.BooleanField(default=True)
    created_at = pw.DateTimeField(default=dt.datetime.now)


class UserRole(BaseModel):
    user = pw.ForeignKeyField(User, backref="role_rows", on_delete="CASCADE")
    role = pw.CharField(max_length=16)

    class Meta:
        indexes = ((("user", "role"), True),)


class Request(BaseModel):
    """One 依申请公开 request. `state`, the decision and the cached deadline
    are derived from its events; `version` guards against lost updates."""

    number = pw.CharField(unique=True, max_length=40)
    agency = pw.ForeignKeyField(Agency, backref="requests", on_delete="RESTRICT", index=False)  # (agency, …) below
    year = pw.IntegerField()
    seq = pw.IntegerField()
    regime = pw.CharField(max_length=32)
    received = pw.DateField(index=True)
    channel = pw.CharField(max_length=16)
    applicant_type = pw.CharField(max_length=16, index=True)
    applicant_name = pw.CharField()
    applicant_id = pw.CharField(null=True, max_length=18)
    applicant_phone = pw.CharField(null=True, max_length=32)
    applicant_address = pw.CharField(null=True)
    applicant_email = pw.CharField(null=True)
    content = pw.TextField()
    form_wanted = pw.CharField(null=True, max_length=16)
    handler = pw.ForeignKeyField(User, null=True, backref="requests", on_delete="RESTRICT")
    state = pw.CharField(max_length=24)  # (state, due) below
    accepted_on = pw.DateField(null=True)
    outcome = pw.CharField(null=True, max_length=8)
    reason_code = pw.IntegerField(null=True)
    decided_on = pw.DateField(null=True, index=True)
    replied_on = pw.DateField(null=True)
    extension_days = pw.IntegerField(default=0)
    fee_method = pw.CharField(null=True, max_length=8)
    fee_amount = pw.IntegerField(null=True)  # yuan
    fee_status = pw.CharField(null=True, max_length=8)  # 待缴 / 已缴 / 减免
    due = pw.DateField(null=True, index=True)  # final due date, cached for lists and filters
    provisional = pw.BooleanField(default=False)
    head_hash = pw.CharField(max_length=64)  # hash of the newest event: a deleted tail is detected
    # The receive event commits to the applicant's personal fields by a salted hash instead of holding
    # them, so that they can be erased when their retention period ends and the chain still verifies.
    personal_salt = pw.CharField(max_length=32, null=True)
    personal_erased_on = pw.DateField(null=True)
    version = pw.IntegerField(default=1)
    updated_at = pw.DateTimeField(default=dt.datetime.now)

    class Meta:
        # (agency, received) and (agency, due) lead the report's covering indexes (migrations 9, 16).
        indexes = ((("agency", "year", "seq"), True), (("state", "due"), False), (("agency", "state", "due"), False))


class RequestCounter(BaseModel):
    """The last request number given out per agency and year: taken under a row lock, so
    officers logging requests at once each get the next number, never a collision."""

    agency = pw.ForeignKeyField(Agency, on_delete="RESTRICT")
    year = pw.IntegerField()
    last = pw.IntegerField()

    class Meta:
        primary_key = pw.CompositeKey("agency", "year")


class Event(BaseModel):
    """Append-only history of a request, hash-chained per request."""

    request = pw.ForeignKeyField(Request, backref="events", on_delete="RESTRICT", index=False)  # (request, seq)
    seq = pw.IntegerField()
    at = pw.DateTimeField()
    actor = pw.CharField(max_length=64)
    action = pw.CharField(max_length=24)
    date = pw.DateField()  # the day the action took effect (counts for the deadline)
    data = pw.TextField()  # canonical JSON: before/after and the action's parameters
    prev_hash = pw.CharField(max_length=64)
    hash = pw.CharField(max_length=64)

    class Meta:
        indexes = ((("request", "seq"), True), (("action", "date"), False))


class Case(BaseModel):
    """A 行政复议 or 行政诉讼 brought over a request (annual report table 四)."""

    request = pw.ForeignKeyField(Request, backref="cases", on_delete="RESTRICT")
    kind = pw.CharField(max_length=16)  # 行政复议 / 直接起诉 / 复议后起诉
    result = pw.CharField(max_length=8)  # 维持 / 纠正 / 其他 / 尚未审结
    filed_on = pw.DateField()
    closed_on = pw.DateField(null=True)
    note = pw.TextField(null=True)


class SystemEvent(BaseModel):
    """Audit events not tied to one request (e.g. an export that carries
    personal data), chained among themselves."""

    seq = pw.IntegerField(unique=True)
    at = pw.DateTimeField()
    actor = pw.CharField(max_length=64)
    action = pw.CharField(max_length=32)
    data = pw.TextField()
    prev_hash = pw.CharField(max_length=64)
    hash = pw.CharField(max_length=64)


class Review(BaseModel):
    """A 保密审查 of one item to be released or published (《机关单位信息发布保密审查表》)."""

    subject_kind = pw.CharField(max_length=16)  # reply / catalogue / gazette
    subject_ref = pw.CharField()  # request number, 索引号, or gazette file
    title = pw.CharField()  # 信息名称
    source = pw.CharField(null=True)  # 信息来源
    form = pw.CharField(null=True)  # 拟公开形式
    scope = pw.CharField(null=True)  # 公开范围
    content_hash = pw.CharField(max_length=64)  # of the text as it was submitted for review
    state = pw.CharField(max_length=16, index=True)
    letter_no = pw.CharField(null=True)  # 保密审查送审函 number when escalated
    version = pw.IntegerField(default=1)
    created_at = pw.DateTimeField(default=dt.datetime.now)


class ReviewStep(BaseModel):
    """Every signature, return, escalation, answer and voiding, in order."""

    review = pw.ForeignKeyField(Review, backref="steps", on_delete="CASCADE")
    seq = pw.IntegerField()
    kind = pw.CharField(max_length=16)  # sign / return / escalate / answer / void
    login = pw.CharField(max_length=64)
    role = pw.CharField(max_length=16, null=True)
    opinion = pw.TextField(null=True)
    judgement = pw.CharField(max_length=8, null=True)  # 不涉密 / 涉密 / 不确定
    content_hash = pw.CharField(max_length=64)
    at = pw.DateTimeField()

    class Meta:
        indexes = ((("review", "seq"), True),)


class AnnualReport(BaseModel):
    """One agency's 政府信息公开工作年度报告 for one year: what the officer
    entered (table 二's other blocks, sections 一、五、六) and where it stands."""

    agency = pw.ForeignKeyField(Agency, backref="annual_reports", on_delete="RESTRICT")
    year = pw.IntegerField()
    state = pw.CharField(max_length=16)  # editing / submitted / approved / published
    entered = pw.TextField(default="{}")  # JSON: table 二 cells entered by the agency
    sections = pw.TextField(default="{}")  # JSON: section number → Markdown
    submitted_on = pw.DateField(null=True)
    approved_on = pw.DateField(null=True)
    published_on = pw.DateField(null=True)
    version = pw.IntegerField(default=1)

    class Meta:
        indexes = ((("agency", "year"), True),)


class Checkpoint(BaseModel):
    """The heads of every audit chain at one moment, signed with the office's key; the
    signed root is published on the site, so rewriting history before it is detectable."""

    seq = pw.IntegerField(primary_key=True)
    at = pw.DateTimeField()
    actor = pw.CharField(max_length=64)
    system_seq = pw.IntegerField()
    system_hash = pw.CharField(max_length=64)
    requests = pw.IntegerField()
    root = pw.CharField(max_length=64)
    signature = pw.CharField(max_length=128)


class CheckpointHead(BaseModel):
    """One request chain's head at a checkpoint."""

    checkpoint = pw.ForeignKeyField(Checkpoint, backref="heads", on_delete="RESTRICT")
    number = pw.CharField(max_length=40)
    seq = pw.IntegerField()
    hash = pw.CharField(max_length=64)

    class Meta:
        indexes = ((("checkpoint", "number"), True),)


class CalendarYear(BaseModel):
    """A holiday year the office imported: the file's text as the 管理员 approved it. Every
    officer's copy under catalogs/holidays/ is brought to this at the start of a session."""

    year = pw.IntegerField(primary_key=True)
    text = pw.TextField()
    sha256 = pw.CharField(max_length=64)
    imported_by = pw.CharField(max_length=64)
    imported_at = pw.DateTimeField()


class Complaint(BaseModel):
    """A 举报投诉 about a body's disclosure work (seed 004 举报调查制度), handled by another office.
    Who complained is kept apart (`Complainant`): 第八条, the body complained about never sees it."""

    number = pw.CharField(unique=True, max_length=40)
    handler = pw.ForeignKeyField(Agency, backref="complaints_handled", on_delete="RESTRICT")  # 受理部门
    agency = pw.ForeignKeyField(Agency, backref="complaints", on_delete="RESTRICT")  # the body complained about
    year = pw.IntegerField()
    seq = pw.IntegerField()
    received = pw.DateField()
    channel = pw.CharField(max_length=8)  # 来信 / 来访 / 电话 / 电子邮件 / 口头
    grounds = pw.CharField(max_length=16)  # 第三条's items, e.g. "1,3"
    content = pw.TextField()
    state = pw.CharField(max_length=16)
    regime = pw.CharField(max_length=32)
    accepted_on = pw.DateField(null=True)
    due = pw.DateField(null=True)  # the reply's, from 受理
    replied_on = pw.DateField(null=True)
    finding = pw.CharField(null=True, max_length=8)  # 成立 / 部分成立 / 不成立
    follow_up = pw.TextField(null=True)  # what the body is asked to put right, where the complaint holds
    follow_up_due = pw.DateField(null=True)
    rectified_on = pw.DateField(null=True)
    archived_on = pw.DateField(null=True)
    complainant_salt = pw.CharField(max_length=32)
    version = pw.IntegerField(default=1)

    class Meta:
        indexes = ((("handler", "year", "seq"), True), (("agency", "received"), False))


class Complainant(BaseModel):
    """Who complained: readable only by the handling office (on PostgreSQL, by the database)."""

    complaint = pw.ForeignKeyField(Complaint, primary_key=True, backref="complainant", on_delete="RESTRICT")
    name = pw.CharField(null=True)  # none: anonymous
    phone = pw.CharField(null=True, max_length=32)
    address = pw.CharField(null=True)
    email = pw.CharField(null=True)


class ComplaintStep(BaseModel):
    """Each handling step in order (受理, 调查, 督办, 答复, 整改, 归档); each is also a system event."""

    complaint = pw.ForeignKeyField(Complaint, backref="steps", on_delete="RESTRICT", index=False)
    seq = pw.IntegerField()
    kind = pw.CharField(max_length=16)
    date = pw.DateField()
    login = pw.CharField(max_length=64)
    note = pw.TextField(null=True)
    at = pw.DateTimeField()

    class Meta:
        indexes = ((("complaint", "seq"), True),)
