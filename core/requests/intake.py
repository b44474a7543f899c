"""What an officer types when logging a request, and its checks: one problem
per field, in form order, so a form can show them all at once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from core.calendar import regimes
from core.chinese import refuse_invisible
from core.errors import InvalidInput
from core.organisation import agencies
from core.requests import applicants
from core.store.models import User


@dataclass(frozen=True)
class Intake:
    """What an officer types at intake; checked by `check_intake`."""

    agency: str
    received: dt.date | None
    channel: str
    applicant_type: str
    applicant_name: str
    content: str
    applicant_id: str | None = None
    applicant_phone: str | None = None
    applicant_address: str | None = None
    applicant_email: str | None = None
    form_wanted: str | None = None
    handler: str | None = None  # login of the 承办人
    regime: str | None = None
    # 条例第三十一条: the receipt date follows from the channel — the day of submission in
    # person, the day the office signed for a letter, the day it confirmed an online/fax/e-mail
    # application. Given these, `received` is computed; typed otherwise, or overridden with a reason.
    submitted: dt.date | None = None
    confirmed: dt.date | None = None
    received_reason: str | None = None


def check_intake(intake: Intake, today: dt.date) -> tuple[dict, list[InvalidInput]]:
    """Clean values and every problem, one per field, in form order."""
    errors: list[InvalidInput] = []
    values: dict = {}

    def run(name: str, check):
        try:
            values[name] = check()
        except InvalidInput as exc:
            errors.append(exc)

    def agency():
        code = (intake.agency or "").strip()
        if not code:
            raise InvalidInput("agency", "请选择受理机关")
        return agencies.existing(code).code

    def received():
        regime = regimes.load().by_code.get(values.get("regime"))
        rule = regime.receipt_rule(intake.channel) if regime else None
        computed = None
        if rule and (intake.submitted or intake.confirmed):
            computed = applicants.receipt_date(rule, intake.submitted, intake.confirmed)
            if computed is None:
                field = "submitted" if applicants.counts_from_submission(rule) else "confirmed"
                raise InvalidInput(field, f"{intake.channel}申请以{rule}为收到日期（条例第三十一条），请填写该日期")
        day = intake.received or computed
        if day is None:
            raise InvalidInput("received", "请填写收到申请的日期")
        if day > today:
            raise InvalidInput("received", f"收到日期 {day} 晚于今天 {today}")
        if intake.submitted and day < intake.submitted:
            raise InvalidInput("received", f"收到日期 {day} 早于申请人提交日期 {intake.submitted}")
        reason = (intake.received_reason or "").strip() or None
        if computed is not None and intake.received is not None and intake.received != computed and not reason:
            raise InvalidInput("received", f"{intake.channel}申请以{rule}为收到日期，应为 {computed}（条例第三十一条）；"
                                           f"如确需记为 {intake.received}，请说明理由")
        values["receipt"] = {k: v for k, v in (
            ("rule", f"{intake.channel}：{rule}（条例第三十一条）" if rule else None), ("submitted", intake.submitted),
            ("confirmed", intake.confirmed), ("computed", computed),
            ("reason", reason if computed is not None and day != computed else None)) if v is not None}
        return day

    def choice(name: str, value: str | None, allowed: tuple[str, ...], what: str, required: bool = True):
        value = (value or "").strip()
        if not value:
            if required:
                raise InvalidInput(name, f"请选择{what}：{'、'.join(allowed)}")
            return None
        if value not in allowed:
            raise InvalidInput(name, f"{what}应为 {'、'.join(allowed)} 之一")
        return value

    def text(name: str, value: str | None, what: str, required: bool = True, limit: int = 200):
        value = (value or "").strip()
        refuse_invisible(name, what, value)
        if not value and required:
            raise InvalidInput(name, f"请填写{what}")
        if len(value) > limit:
            raise InvalidInput(name, f"{what}不超过{limit}字")
        return value or None

    def applicant_id():
        value = (intake.applicant_id or "").strip()
        if not value:
            return None
        if intake.applicant_type == applicants.NATURAL_PERSON:
            return applicants.check_resident_id(value)
        return applicants.check_credit_code(value)

    def handler():
        login = (intake.handler or "").strip()
        if not login:
            return None
        user = User.get_or_none(User.login == login)
        if user is None:
            raise InvalidInput("handler", f"承办人 {login!r} 不是已登记用户")
        return user.id

    run("agency", agency)
    # Unless the officer names one, the regime is the body's own (agencies.yaml, regimes.yaml by_level).
    run("regime", lambda: (regimes.load().get(intake.regime) if intake.regime
                           else agencies.regime_of((intake.agency or "").strip())).code)
    run("received", received)
    run("channel", lambda: choice("channel", intake.channel, applicants.CHANNELS, "申请方式"))
    run("applicant_type", lambda: choice("applicant_type", intake.applicant_type, applicants.APPLICANT_TYPES,
                                         "申请人类型"))
    run("applicant_name", lambda: text("applicant_name", intake.applicant_name, "申请人姓名或名称", limit=100))
    run("applicant_id", applicant_id)
    run("applicant_phone", lambda: applicants.check_phone(intake.applicant_phone)
        if (intake.applicant_phone or "").strip() else None)
    run("applicant_address", lambda: text("applicant_address", intake.applicant_address, "通信地址", False))
    run("applicant_email", lambda: applicants.check_email(intake.applicant_email)
        if (intake.applicant_email or "").strip() else None)
    run("content", lambda: text("content", intake.content, "所需信息的内容描述", limit=2000))
    run("form_wanted", lambda: choice("form_wanted", intake.form_wanted, applicants.FORMS, "获取信息的方式",
                                      required=False))
    run("handler", handler)
    return values, errors
