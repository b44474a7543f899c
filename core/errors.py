"""Error types. Each carries a user-facing Chinese message and, where one
field is at fault, that field's name, so the CLI and the TUI can show one
line and never a traceback."""

from __future__ import annotations

from dataclasses import dataclass


class GongkaiError(Exception):
    """Base class: `message` is shown to the user as is."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class InvalidInput(GongkaiError):
    """A value the user gave is wrong; `field` names it (the key used by the
    CLI and the TUI form), and the message leads with its Chinese label."""

    def __init__(self, field: str, message: str):
        from .fields import label

        super().__init__(f"{label(field)}（{field}）：{message}", field)
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
        super().__init__("\n".join(str(p) for p in self.problems),
                         self.problems[0].field if self.problems else None)
