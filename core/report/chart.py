"""The chart of the year — requests received each month, and how the year's
requests were decided — drawn at print size (15.6 cm wide, labels ≥ 9 pt, each
bar carrying its value) in a Chinese font found on this machine.

matplotlib keeps a font cache; one built before the CJK font was installed does
not list it, and the labels would print as empty boxes. So the font is looked
up in the cache, then among the system's font files, and every label is
checked against the font's own character map; with no font that has them all,
the Word chart fails with the package to install, instead of printing boxes."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from functools import lru_cache

from core.errors import GongkaiError
from core.report.national_format import Report, outcome_totals

# Families tried in order: Simplified Chinese faces first, so that a collection's Japanese face
# (Noto Sans CJK JP comes first in its .ttc) is not the one used.
CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Zen Hei",
                "WenQuanYi Micro Hei", "Droid Sans Fallback", "Noto Serif CJK SC", "AR PL UMing CN",
                "AR PL UKai CN", "SimHei", "Microsoft YaHei", "SimSun")
FONT_PACKAGE = "fonts-noto-cjk"
FONT_MISSING = (f"未找到可显示中文的字体，无法绘制年度报告图表（否则汉字将显示为方框）。"
                f"请安装中文字体后重试：Debian/Ubuntu 执行 apt install {FONT_PACKAGE}")
LABEL_PT = 9  # printed size: the figure is drawn at the size it is printed
WIDTH_CM, HEIGHT_CM = 15.6, 11.0


class ChartFontMissing(GongkaiError):
    def __init__(self, detail: str = ""):
        super().__init__(FONT_MISSING + detail, "font")


@dataclass(frozen=True)
class Font:
    family: str
    path: str
    index: int  # the face within a collection (.ttc)


def covers(font: Font, text: str) -> bool:
    """Whether the font itself has a glyph for every character of `text`."""
    from matplotlib.ft2font import FT2Font

    try:
        face = FT2Font(font.path, face_index=font.index)
    except (OSError, RuntimeError, ValueError):
        return False
    return all(face.get_char_index(ord(ch)) for ch in set(text) if not ch.isspace())


def _regular_first(manager, family: str) -> list[Font]:
    from matplotlib.font_manager import weight_dict

    entries = [f for f in manager.ttflist if f.name == family]
    entries.sort(key=lambda f: abs((f.weight if isinstance(f.weight, int) else weight_dict.get(f.weight, 400)) - 400))
    return [Font(f.name, f.fname, getattr(f, "index", 0)) for f in entries]


@lru_cache(maxsize=1)
def cjk_font() -> Font:
    """The first CJK family matplotlib can use, registering the system's font files with it
    when its cache predates them."""
    from matplotlib import font_manager

    sample = "年度报告每月新收申请予以公开部分不处理其他无法提供件"
    manager = font_manager.fontManager
    for attempt in range(2):
        for family in CJK_FAMILIES:
            for font in _regular_first(manager, family):
                if covers(font, sample):
                    return font
        if attempt == 0:
            cached = {f.fname for f in manager.ttflist}
            for path in font_manager.findSystemFonts():
                if path not in cached:
                    try:
                        manager.addfont(path)
                    except (OSError, RuntimeError, ValueError):
                        continue  # an unreadable file is not a font we can use
    raise ChartFontMissing()


def _figure(report: Report, font: str | None):
    import matplotlib
    from matplotlib import pyplot as plt

    families = [font] if font else list(CJK_FAMILIES) + ["sans-serif"]
    style = {"font.family": families, "font.size": LABEL_PT, "axes.titlesize": LABEL_PT + 1.5,
             "svg.fonttype": "none", "axes.unicode_minus": False, "svg.hashsalt": "gongkai"}
    with matplotlib.rc_context(style):
        fig, (months, kinds) = plt.subplots(2, 1, figsize=(WIDTH_CM / 2.54, HEIGHT_CM / 2.54),
                                            gridspec_kw={"height_ratios": [1, 1]})
        bars = months.bar([f"{m}月" for m in range(1, 13)], report.tables.monthly, color="#3b6ea5")
        months.bar_label(bars, fontsize=LABEL_PT, padding=1)
        months.set_title(f"{report.year}年每月新收政府信息公开申请（件）")
        totals = outcome_totals(report.tables)
        bars = kinds.barh([k for k, _ in totals][::-1], [n for _, n in totals][::-1], color="#a5573b")
        kinds.bar_label(bars, fontsize=LABEL_PT, padding=2)
        kinds.set_title(f"{report.year}年度办理结果（件）")
        for ax in (months, kinds):
            ax.spines[["top", "right"]].set_visible(False)
            ax.tick_params(labelsize=LABEL_PT)
            ax.margins(x=0.02, y=0.12)
        kinds.margins(x=0.12)
        fig.tight_layout(h_pad=1.2)
    return fig, style


def caption(report: Report) -> str:
    return f"图1　{report.year}年每月新收申请及办理结果"


def chart(report: Report, fmt: str) -> bytes:
    """PNG for Word: drawn in a CJK font found on this machine, or ChartFontMissing.
    SVG for the site: the text stays text, set in the reader's own Chinese fonts, so the
    machine's font only measures it (and any CJK family, or none, will do)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    if fmt == "png":
        font = cjk_font().family
    else:
        try:
            font = cjk_font().family
        except ChartFontMissing:
            font = None
    fig, style = _figure(report, font)
    out = io.BytesIO()
    with matplotlib.rc_context(style), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(out, format=fmt, dpi=200, metadata={"Date": None} if fmt == "svg" else None)
    plt.close(fig)
    missing = [str(w.message) for w in caught if "missing from" in str(w.message)]
    if missing and fmt == "png":  # a glyph fell back to an empty box: never print that
        raise ChartFontMissing(f"（{missing[0]}）")
    return out.getvalue()
