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
}


def label(field: str) -> str:
    return LABELS.get(field, field)
