"""Who may apply and how they are identified (条例第二十九条: name, 身份证明,
contact details). Identity numbers are checked to their check character, so a
mistyped digit is caught at intake rather than in a letter."""

from __future__ import annotations

import datetime as dt
import re

from core.errors import InvalidInput

NATURAL_PERSON = "自然人"
# The annual report's columns: 法人或其他组织 split five ways.
ORGANISATION_TYPES = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
APPLICANT_TYPES = (NATURAL_PERSON,) + ORGANISATION_TYPES

CHANNELS = ("当面", "邮寄", "平常信函", "网络", "传真", "电子邮件", "口头/电话代填")
FORMS = ("纸质", "电子", "当场查阅", "邮寄", "电子邮件", "自行领取")

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# GB 32100-2015: 统一社会信用代码 uses 31 characters (no I, O, Z, S, V).
_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def resident_id_check(first17: str) -> str:
    return _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS)) % 11]


def check_resident_id(value: str, field: str = "applicant_id") -> str:
    """An 18-digit 居民身份证号码 (GB 11643-1999), check digit verified."""
    value = value.strip().upper()
    if not re.fullmatch(r"\d{17}[\dX]", value):
        raise InvalidInput(field, "居民身份证号码应为18位（最后一位可为X）")
    try:
        dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise InvalidInput(field, f"居民身份证号码中的出生日期 {value[6:14]} 无效") from None
    if resident_id_check(value[:17]) != value[17]:
        raise InvalidInput(field, "居民身份证号码校验位不符，请核对")
    return value


def uscc_check(first17: str) -> str:
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS))
    return _USCC_CHARS[(31 - total % 31) % 31]


def check_credit_code(value: str, field: str = "applicant_id") -> str:
    """An 18-character 统一社会信用代码 (GB 32100-2015), check character verified."""
    value = value.strip().upper()
    if len(value) != 18 or any(c not in _USCC_CHARS for c in value):
        raise InvalidInput(field, "统一社会信用代码应为18位数字或大写字母（不含 I、O、Z、S、V）")
    if uscc_check(value[:17]) != value[17]:
        raise InvalidInput(field, "统一社会信用代码校验位不符，请核对")
    return value


def check_phone(value: str, field: str = "applicant_phone") -> str:
    value = value.strip().replace(" ", "")
    if not (_MOBILE.match(value) or _LANDLINE.match(value)):
        raise InvalidInput(field, "联系电话应为11位手机号或带区号的固定电话（如 0877-2012345）")
    return value


def check_email(value: str, field: str = "applicant_email") -> str:
    value = value.strip()
    if not _EMAIL.match(value):
        raise InvalidInput(field, "电子邮箱格式不正确")
    return value


def mask_name(name: str) -> str:
    """赵敏 → 赵*; organisations keep their first two characters."""
    if not name:
        return ""
    return name[0] + "*" * (len(name) - 1) if len(name) <= 3 else name[:2] + "*" * (len(name) - 2)


def mask_id(value: str | None) -> str:
    if not value:
        return ""
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def counts_from_submission(rule: str) -> bool:
    """Whether a regime's receipt rule (条例第三十一条) dates receipt from the applicant's
    submission (提交之日) rather than the office's signing or confirmation."""
    return "提交" in rule


def receipt_date(rule: str, submitted: dt.date | None, confirmed: dt.date | None) -> dt.date | None:
    """The receipt date a channel's rule gives: in person → the day submitted;
    post → the day signed for; online, fax, e-mail → the day the office confirmed."""
    return submitted if counts_from_submission(rule) else confirmed
