"""Chinese labels for the keys Textual's own widgets show in the footer.

The drop-down of a Select shows `esc Dismiss menu`; nothing else Textual ships
shows a key in the footer (checked by tests/tui/test_chinese.py, which fails
when an upgrade adds one)."""

from textual.binding import Binding
from textual.widgets._select import SelectOverlay

SelectOverlay.BINDINGS = [Binding("escape", "dismiss", "关闭菜单")]
SelectOverlay._merged_bindings = SelectOverlay._merge_bindings()
