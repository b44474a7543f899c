"""Chinese labels of the fields a user fills in, shared by error messages,
the CLI's output and the TUI's forms so one field has one name everywhere."""

LABELS: dict[str, str] = {
    "login": "登录名",
    "name": "姓名",
    "agency": "机构",
    "role": "角色",
    "date": "日期",
    "days": "工作日数",
    "regime": "期限制度",
    "GONGKAI_TODAY": "当前日期",
    "received": "收到日期",
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
}


def label(field: str) -> str:
    return LABELS.get(field, field)
