"""The dialog for one action: it asks only what that action needs."""

from __future__ import annotations

from typing import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from core import dates
from core.calendar.regimes import Regime
from core.errors import InvalidInput
from core.requests import fees, lifecycle, outcomes

from ..widgets.form_dialog import FormDialog

# Which fields each action asks for.
NEEDS: dict[str, tuple[str, ...]] = {
    "accept": (), "corrected": (), "paid": (), "close": (), "consulted": ("reason?",), "resume": ("reason?",),
    "decline": ("agency", "reason?"), "correct": ("items", "period", "reason?"), "withdraw": ("withdrawal", "reason?"),
    "consult": ("reason",), "extend": ("days", "reason"), "suspend": ("reason",), "waive": ("reason",),
    "fee": ("method", "pages?"), "decide": ("outcome", "reason?", "published?"), "reply": ("letter?",),
    "amend": ("event", "corrected", "reason"),
}
LABELS = {"agency": "负责公开该信息的机关", "reason": "理由或说明", "items": "需补正的事项（每行一项，一次性列全）",
          "period": "补正期限（工作日）", "days": "延期工作日数", "method": "收费方式", "pages": "页数（按量收费）",
          "outcome": "办理结果（按年度报告分类）", "letter": "答复文书编号", "withdrawal": "撤回情形（其他处理）", "event": "日期有误的办理记录（#）",
          "corrected": "更正后的日期",
          "published": "已主动公开的获取途径（予以公开时）"}


def outcome_options() -> list[Option]:
    """The national classification, laid out as in the annual report."""
    options: list[Option] = []
    for i, kind in enumerate(outcomes.KINDS):
        reasons = outcomes.REASONS[kind]
        if not reasons:
            options.append(Option(f"（{outcomes.NUMERALS[i]}）{kind}", id=f"{kind}|"))
            continue
        options.append(Option(f"（{outcomes.NUMERALS[i]}）{kind}", disabled=True))
        options.extend(Option(f"    {n}.{r}", id=f"{kind}|{n}") for n, r in enumerate(reasons, 1))
    return options


class ActionDialog(FormDialog):
    def __init__(self, action: str, regime: Regime, today, submit: Callable[[lifecycle.Params], None],
                 check: Callable[[lifecycle.Params], None] | None = None):
        super().__init__(submit, check)
        self.action_name = action
        self.regime = regime
        self.today = today
        self.chosen: tuple[str, int | None] | None = None  # decide: picked with Enter or a click, never by default

    def compose(self) -> ComposeResult:
        needs = NEEDS[self.action_name]
        with Vertical(id="dialog"):
            yield Label(f"{lifecycle.ACTION_NAMES[self.action_name]}", id="title")
            with VerticalScroll(id="fields"):
                yield Label("日期")
                yield Input(str(self.today), id="date")
                for need in needs:
                    name = need.rstrip("?")
                    yield Label(LABELS[name] + ("（可选）" if need.endswith("?") and name != "reason" else ""))
                    if name == "items":
                        yield TextArea(id="items")
                    elif name == "outcome":
                        yield OptionList(*outcome_options(), id="outcome")
                        yield Static("尚未选择（方向键移动，回车选定）", id="chosen", classes="muted")
                    elif name == "method":
                        yield Select([(m, m) for m in fees.METHODS], id="method", allow_blank=False)
                    elif name == "withdrawal":
                        # 3 first: an applicant's own withdrawal is the common case and needs no period to run out.
                        yield Select([(f"{n}.{lifecycle.WITHDRAWAL_REASONS[n]}", str(n)) for n in (3, 1, 2)],
                                     id="withdrawal", allow_blank=False)
                    elif name == "days":
                        yield Input(str(self.regime.extension_max_days), id="days")
                    else:
                        yield Input(id=name)
            yield Static(id="error", classes="error")
            with Horizontal(id="buttons"):
                yield Button("确定 (Ctrl+S)", variant="primary", id="ok")
                yield Button("取消 (Esc)", id="cancel")

    def _int(self, widget_id: str, field: str) -> int | None:
        value = self.field(widget_id)
        if value is None:
            return None
        if not value.isdigit():
            raise InvalidInput(field, "应为正整数")
        return int(value)

    def collect(self) -> lifecycle.Params:
        outcome, code = self.chosen or (None, None)
        if self.action_name == "withdraw":
            code = int(self.field("withdrawal"))
        items = tuple(line for line in (self.field("items") or "").splitlines() if line.strip())
        return lifecycle.Params(
            date=dates.parse(self.field("date") or "", "date"), reason=self.field("reason"), outcome=outcome,
            reason_code=code, days=self._int("days", "days"), items=items,
            period_days=self._int("period", "period_days"), agency=self.field("agency"),
            method=self.field("method"), pages=self._int("pages", "pages"), letter=self.field("letter"),
            published=self.field("published"), event=self._int("event", "event"),
            corrected=dates.parse(self.field("corrected"), "corrected") if self.field("corrected") else None)

    def confirmation(self, p: lifecycle.Params) -> str:
        parts = [f"将记录：{lifecycle.ACTION_NAMES[self.action_name]}，日期 {p.date}"]
        if p.outcome:
            parts.append(f"结果 {outcomes.describe(p.outcome, p.reason_code)}")
        if p.days:
            parts.append(f"{p.days}个工作日")
        d = self.consequence
        if d is not None and d.final_due and not d.closed_on:
            parts.append(f"答复期限将为 {d.final_due}")
        elif d is not None and d.paused:
            parts.append("答复期限暂停计算")
        return "，".join(parts)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        kind, _, number = event.option.id.partition("|")
        self.chosen = (kind, int(number) if number else None)
        self.query_one("#chosen", Static).update(f"已选：{outcomes.describe(*self.chosen)}")
