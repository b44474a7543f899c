"""What a PDF-to-text conversion leaves in a gazette's text that is not the document's words:
HTML tags around table cells, check boxes as `<input>` tags, LaTeX for units (`$18^{\\circ}\\text{C}$`).

They are turned into the characters they stand for when the issue is imported, and every kind
of change is listed for the officer — never at render time, so that the stored text, its
published hash and the page a citizen reads are the same words."""

from __future__ import annotations

import re

# A tag a converter wraps text in: the text stays, the tag goes.
WRAPPING_TAGS = re.compile(r"</?(?:div|p|span|center|font|b|strong|u)(?:\s[^<>]*)?/?>", re.I)
LINE_BREAK = re.compile(r"<br\s*/?>", re.I)
CHECKBOX = re.compile(r'<input\s+type="checkbox"(\s+checked(?:="[^"]*")?)?\s*/?>', re.I)
# Inline LaTeX only where it is clearly mark-up (a backslash command or a superscript), so
# that a sum such as "$100" is never touched.
LATEX = re.compile(r"\$([^$\n]*?(?:\\[a-zA-Z]+|\^)[^$\n]*?)\$")
LATEX_WORDS = ((re.compile(r"\^\{?\\circ\}?\s*(?:\\text\{C\}|\\mathrm\{C\}|C)"), "℃"),
               (re.compile(r"\^\{?\\circ\}?"), "°"),
               (re.compile(r"\\(?:text|mathrm|textrm)\{([^{}]*)\}"), r"\1"),
               (re.compile(r"\\%"), "%"), (re.compile(r"\\times"), "×"), (re.compile(r"\\pm"), "±"),
               (re.compile(r"\\(?:leq|le)\b"), "≤"), (re.compile(r"\\(?:geq|ge)\b"), "≥"),
               (re.compile(r"\\sim"), "～"), (re.compile(r"\\cdot"), "·"),
               (re.compile(r"\^\{?2\}?"), "²"), (re.compile(r"\^\{?3\}?"), "³"))


def _latex(match: re.Match) -> str:
    text = match.group(1)
    for pattern, replacement in LATEX_WORDS:
        text = pattern.sub(replacement, text)
    return re.sub(r"[{}]", "", text).strip()


def clean(text: str) -> tuple[str, list[str]]:
    """The text with conversion artefacts replaced, and one line per kind of change made."""
    changes: list[str] = []

    def count(pattern: re.Pattern, replacement, what: str, text: str) -> str:
        result, n = pattern.subn(replacement, text)
        if n:
            changes.append(f"{what}：{n} 处")
        return result

    latex = sorted({m.group(0) for m in LATEX.finditer(text)})
    text = count(LATEX, _latex, "LaTeX 公式改为文字（" + "、".join(f"{s} → {_latex(LATEX.match(s))}"
                                                          for s in latex[:5]) + "）", text)
    text = count(CHECKBOX, lambda m: "☑" if m.group(1) else "☐", "复选框标记 <input type=\"checkbox\"/> 改为 ☐", text)
    text = count(LINE_BREAK, " ", "换行标记 <br> 改为空格", text)
    text = count(WRAPPING_TAGS, "", "HTML 标签（div、p、span 等）去掉，保留其中文字", text)
    return text, changes
