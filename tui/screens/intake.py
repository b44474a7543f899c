"""登记申请: every intake field, its error next to it, the due date previewed."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Select, Static, TextArea

from core import dates
from core.calendar import regimes
from core.calendar.workdays import calendar
from core.errors import GongkaiError, InvalidInput, label
from core.organisation import roles, users
from core.organisation.agencies import list_agencies
from core.requests import applicants
from core.requests import service as requests
from core.requests.intake import Intake, check_intake

from ..widgets.confirm import ConfirmDialog


def choice(name: str, options, **kwargs) -> Select:
    """A one-line drop-down; plain strings are their own values."""
    pairs = [o if isinstance(o, tuple) else (o, o) for o in options]
    return Select(pairs, prompt="请选择", id=name, compact=True, **kwargs)


class IntakeScreen(Screen):
    # Scoped to this screen by its type: a CSS_PATH would apply app-wide.
    DEFAULT_CSS = """
    IntakeScreen #form {
        padding: 0 2;
    }
    IntakeScreen .row {
        height: auto;
        margin-top: 1;
    }
    IntakeScreen .error {
        display: none;
    }
    IntakeScreen .label {
        width: 18;
        text-style: bold;
    }
    IntakeScreen .row Input, IntakeScreen .row Select {
        width: 1fr;
    }
    IntakeScreen #content {
        width: 1fr;
        height: 4;
    }
    IntakeScreen #form .error {
        padding-left: 18;
    }
    IntakeScreen #preview {
        margin-top: 1;
        color: $success;
    }
    IntakeScreen #buttons {
        height: 3;
        margin-top: 1;
    }
    """
    BINDINGS = [Binding("escape", "cancel", "取消"), Binding("ctrl+s", "save", "保存")]
    TYPED = ("submitted", "confirmed", "received_reason", "applicant_name", "applicant_id", "applicant_phone",
             "applicant_address", "applicant_email", "content")

    def compose(self) -> ComposeResult:
        app = self.app
        loaded = regimes.load()
        yield Header()
        clerks = [(f"{u.name}（{u.login}）", u.login) for u in users.list_users() if roles.CLERK in u.roles]
        with VerticalScroll(id="form"):
            yield from self.field("agency", choice("agency", [(a.short_name, a.code) for a in list_agencies()],
                                                   value=app.user.agency, allow_blank=False))
            yield from self.field("regime", choice("regime", [(r.name, r.code) for r in loaded.by_code.values()],
                                                   value=loaded.default, allow_blank=False))
            yield from self.field("channel", choice("channel", applicants.CHANNELS))
            # 条例第三十一条: the receipt date follows from these; typing it over them needs a reason.
            yield from self.field("submitted", Input(placeholder="当面、口头申请的提交日期（可选）", id="submitted",
                                                     compact=True))
            yield from self.field("confirmed", Input(placeholder="邮寄的签收日期，网络、传真、电子邮件的确认日期（可选）",
                                                     id="confirmed", compact=True))
            yield from self.field("received", Input(str(app.today), id="received", compact=True))
            yield from self.field("received_reason", Input(placeholder="收到日期与按申请方式确定的日期不同时填写",
                                                           id="received_reason", compact=True))
            yield from self.field("applicant_type", choice("applicant_type", applicants.APPLICANT_TYPES,
                                                           value=applicants.NATURAL_PERSON))
            yield from self.field("applicant_name", Input(id="applicant_name", compact=True))
            yield from self.field("applicant_id", Input(placeholder="居民身份证号码或统一社会信用代码",
                                                        id="applicant_id", compact=True))
            for name in ("applicant_phone", "applicant_address", "applicant_email"):
                yield from self.field(name, Input(id=name, compact=True))
            yield from self.field("content", TextArea(id="content", compact=True))
            yield from self.field("form_wanted", choice("form_wanted", applicants.FORMS))
            yield from self.field("handler", choice("handler", clerks, value=app.user.login
                                                    if app.user.has(roles.CLERK) else Select.NULL))
            yield Static(id="preview")
            with Horizontal(id="buttons"):
                yield Button("保存 (Ctrl+S)", variant="primary", id="save")
                yield Button("取消 (Esc)", id="cancel")
        yield Footer()

    def field(self, name: str, widget):
        with Horizontal(classes="row"):
            yield Label(label(name), classes="label")
            yield widget
        yield Static(id=f"error-{name}", classes="error")

    def _value(self, name: str) -> str | None:
        widget = self.query_one(f"#{name}")
        if isinstance(widget, TextArea):
            return widget.text
        if isinstance(widget, Select):
            return None if widget.value is Select.NULL else str(widget.value)
        return widget.value

    def _date(self, name: str):
        try:
            return dates.parse(self._value(name) or "", name)
        except InvalidInput:
            return None

    def intake(self) -> Intake:
        received = self._date("received")
        return Intake(
            agency=self._value("agency"), received=received, channel=self._value("channel"),
            applicant_type=self._value("applicant_type"), applicant_name=self._value("applicant_name"),
            content=self._value("content"), applicant_id=self._value("applicant_id"),
            applicant_phone=self._value("applicant_phone"), applicant_address=self._value("applicant_address"),
            applicant_email=self._value("applicant_email"), form_wanted=self._value("form_wanted"),
            handler=self._value("handler"), regime=self._value("regime"), submitted=self._date("submitted"),
            confirmed=self._date("confirmed"), received_reason=self._value("received_reason"))

    def show_errors(self, errors: list[InvalidInput]) -> None:
        by_field = {e.field: e.reason for e in errors}
        for name in ("received", "submitted", "confirmed"):
            value = self._value(name) or ""
            try:
                if value or name == "received":
                    dates.parse(value, name)
            except InvalidInput as exc:
                by_field[name] = exc.reason
        for widget in self.query(".error"):
            message = by_field.get(widget.id.removeprefix("error-"), "")
            widget.update(message)
            widget.display = bool(message)

    def update_preview(self) -> None:
        try:
            received = dates.parse(self._value("received") or "", "received")
            d = requests.preview_deadline(received, self._value("regime"), self.app.today)
        except GongkaiError:
            self.query_one("#preview", Static).update("")
            return
        note = f"（暂估：{d.provisional_reason}）" if d.provisional else ""
        channel = self._value("channel")
        rule = regimes.load().get(self._value("regime")).receipt_rule(channel) if channel else None
        receipt = f"{channel}申请以{rule}为收到日期（条例第三十一条）。" if rule else ""
        cal = calendar()
        rest = "" if cal.is_workday(received) else (
            f"注意：收到日期 {received} 是休息日，请核对；答复期限自其后第一个工作日起算。")
        self.query_one("#preview", Static).update(
            f"{rest}{receipt}若当日受理，答复期限为 {d.final_due}{note}：{d.explanation}")

    def on_mount(self) -> None:
        self.update_preview()

    def action_cancel(self) -> None:
        """Esc leaves at once from an empty form; typed work is discarded only when the officer says so."""
        if not any((self._value(name) or "").strip() for name in self.TYPED):
            self.app.pop_screen()
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.app.pop_screen()

        self.app.push_screen(ConfirmDialog("放弃已填写的内容？未保存的申请不会登记。", "放弃", "继续填写"), answered)

    def clear_error(self, name: str | None) -> None:
        """A field the officer has changed no longer shows the old complaint."""
        found = self.query(f"#error-{name}") if name else None
        if found:
            found.first().display = False

    def on_input_changed(self, event: Input.Changed) -> None:
        self.clear_error(event.input.id)
        if event.input.id in ("submitted", "confirmed"):
            self.fill_received()
        if event.input.id == "received":
            self.update_preview()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.clear_error(event.text_area.id)

    def fill_received(self) -> None:
        """The receipt date the channel's rule gives, written into 收到日期 (still editable)."""
        channel = self._value("channel")
        rule = regimes.load().get(self._value("regime")).receipt_rule(channel) if channel else None
        if rule:
            day = applicants.receipt_date(rule, self._date("submitted"), self._date("confirmed"))
            if day is not None:
                self.query_one("#received", Input).value = str(day)

    def on_select_changed(self, event: Select.Changed) -> None:
        self.clear_error(event.select.id)
        if event.select.id in ("regime", "channel"):
            self.fill_received()
            self.update_preview()

    def action_save(self) -> None:
        intake = self.intake()
        _, errors = check_intake(intake, self.app.today)
        self.show_errors(errors)
        if errors or intake.received is None:
            self.notify(f"有 {max(len(errors), 1)} 处需要更正", severity="error")
            first = next((w for w in self.query(".error") if w.display), None)
            if first is not None:
                self.query_one(f"#{first.id.removeprefix('error-')}").focus()
            return
        try:
            view = requests.create(intake, self.app.user, self.app.today)
        except GongkaiError as exc:
            self.notify(exc.message, severity="error")
            return
        self.notify(f"已登记 {view.number}")
        self.app.pop_screen()
        self.app.open_request(view.id)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.app.pop_screen()
