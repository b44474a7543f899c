"""Error types. Each carries a user-facing Chinese message and, where one
field is at fault, that field's name, so the CLI and the TUI can show one
line and never a traceback."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Chinese labels of the fields a user fills in, shared by error messages,
# the CLI's output and the TUI's forms so one field has one name everywhere.
LABELS: dict[str, str] = {
    "login": "登录名",
    "name": "姓名",
    "agency": "机构",
    "role": "角色",
    "date": "日期",
    "days": "工作日数",
    "GONGKAI_TODAY": "当前日期",
    "received": "收到日期",
    "published": "已公开的获取途径",
    "event": "办理记录序号",
    "corrected": "更正后的日期",
    "submitted": "提交日期",
    "confirmed": "签收或确认日期",
    "received_reason": "收到日期说明",
    "channel": "申请方式",
    "applicant_type": "申请人类型",
    "applicant_name": "申请人姓名或名称",
    "applicant_id": "证件号码",
    "applicant_phone": "联系电话",
    "applicant_address": "通信地址",
    "applicant_email": "电子邮箱",
    "content": "所需信息内容",
    "form_wanted": "获取方式",
    "handler": "承办人",
    "regime": "期限制度",
    "action": "操作",
    "outcome": "办理结果",
    "reason_code": "理由编号",
    "reason": "理由",
    "items": "补正事项",
    "period_days": "补正期限",
    "method": "收费方式",
    "pages": "页数",
    "count": "申请件数",
    "order": "排序",
    "accepted": "受理日期",
    "decided": "决定日期",
    "extension_days": "延期天数",
    "format": "格式",
    "requests": "演示申请数",
    "processes": "进程数",
    "kind": "文书类型",
    "out": "输出文件",
    "result": "案件结果",
    "filed_on": "立案日期",
    "closed_on": "审结日期",
    "issue": "期号",
    "title": "信息名称",
    "formed": "形成日期",
    "publish_date": "发布日期",
    "changed": "变更日期",
    "updated": "更新日期",
    "dates": "日期",
    "class": "主题分类",
    "body": "正文",
    "judgement": "涉密判断",
    "letter_no": "送审函编号",
    "approve": "审查结论",
    "file": "文件",
    "year": "报告年度",
    "cell": "填报栏目",
    "include": "汇总机关",
    "font": "字体",
    "limit": "条数",
    "section": "报告部分",
    "doc_kind": "文件类型",
    "catalog": "目录条目索引号",
    "gazette": "公报文件",
    "reply": "申请编号",
    "search": "查找内容",
    "note": "备注",
    "opinion": "意见",
    "doc_no": "文号",
    "summary": "内容概述",
    "letter": "答复文书编号",
    "grounds": "举报事项",
    "complaint_channel": "举报方式",
    "complained_agency": "被举报单位",
    "investigation": "调查情况",
    "supervision": "督办事项",
    "rectification": "整改落实情况",
    "complaint_content": "举报内容",
    "complainant_name": "举报人姓名",
    "complainant_phone": "举报人联系电话",
    "complainant_email": "举报人电子邮箱",
    "complainant_address": "举报人通信地址",
    "finding": "调查结论",
    "follow_up": "整改要求",
    "follow_up_due": "整改期限",
    "state": "状态",
    "complaint": "举报投诉编号",
    "index_no": "索引号",
    "measure": "考核指标",
}


def file_error(exc: OSError) -> str:
    """Why a file could not be written, as an officer reads it."""
    if isinstance(exc, PermissionError):
        return "没有写入权限"
    if isinstance(exc, (FileNotFoundError, NotADirectoryError)):
        return "文件夹不存在或不可创建"
    if isinstance(exc, IsADirectoryError):
        return "该路径是一个文件夹"
    return {27: "文件过大或超出磁盘配额", 28: "磁盘空间不足", 30: "文件系统只读", 36: "文件名过长"}.get(exc.errno, "写入失败")


# What a message must not carry from an echoed value: line breaks, controls a terminal obeys,
# direction overrides, and the lone surrogates undecodable bytes in argv become.
_UNSEEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def shown(text: str) -> str:
    """Text as a message may echo it: on one line, with every unseen character spelled out (\\x1b)."""
    return _UNSEEN.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), text)


def label(field: str) -> str:
    return LABELS.get(field, field)


class GongkaiError(Exception):
    """Base class: `message` is shown to the user as is."""

    def __init__(self, message: str, field: str | None = None):
        message = shown(message)
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class InvalidInput(GongkaiError):
    """A value the user gave is wrong; `field` names it (the key used by the
    CLI and the TUI form), and the message leads with its Chinese label."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{label(field)}：{message}", field)
        self.reason = message


class NotFound(GongkaiError):
    pass


class IllegalTransition(GongkaiError):
    """An action that the current state does not allow."""


class PermissionDenied(GongkaiError):
    """The acting user lacks the role an action needs."""


class ConcurrentEdit(GongkaiError):
    def __init__(self):
        super().__init__("该申请已被他人修改，请刷新后重试")


class SchemaError(GongkaiError):
    """The database's schema cannot be used by this version of the code."""


@dataclass(frozen=True)
class Problem:
    """One problem found in a data file, located to the line and field."""

    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f" 第{self.line}行"
        if self.field:
            where += f" 字段 {self.field}"
        return f"{where}：{self.message}"


class DataFileError(GongkaiError):
    """One or more problems in a catalog file; all of them are listed."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems),
                         self.problems[0].field if self.problems else None)
        self.message = "\n".join(shown(str(p)) for p in self.problems)  # one line per problem
