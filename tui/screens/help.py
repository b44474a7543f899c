"""`?`: the keys of the screen it was opened from, first, then the whole guide."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# 政务公开工作台 · 帮助

## 全局按键
| 按键 | 功能 |
|---|---|
| F2 | 登记新申请 |
| F3 | 申请列表（查找、筛选、排序） |
| F4 | 回到工作台 |
| F5 | 待我审查（保密审查） |
| F6 | 年度报告时间表（各节点剩余天数、各机关进度，逾期标红；[ ] 切换年度） |
| F7 | 本机关年度报告：填写表二栏目和第一、五、六部分，查看表三和校验结果；Ctrl+S 保存，F8 报送、F9 审核、F10 公布 |
| Ctrl+P | 命令面板：所有操作都可在此搜索执行 |
| ? | 本帮助 |
| Ctrl+T | 深色 / 浅色主题 |
| Ctrl+Q | 退出 |

## 工作台
按数字键打开对应的申请清单：1 今日到期、2 三个工作日内到期（含今日）、3 已逾期、4 待补正、
5 暂停计时（中止、征求意见、待缴费）、6 全部在办、8 待受理（含已等待天数，补正须在收到后7个工作日内一次性告知）、
9 待送达（已作出决定，答复书可以送达）。7 打开等待我签署的保密审查（含被退回的）。
P 主动公开时限（逾期发布、更新的目录条目）· C 举报投诉 · K 考核。

## 主动公开时限
目录条目自形成之日起、变更之日起按期限制度计算发布和更新期限（玉溪：15个、3个工作日；《条例》第二十六条：20个工作日）。
发布日期、更新日期在网站构建时自动登记；在其他渠道发布的，用 gongkai catalog dates 登记。

## 举报投诉
清单不显示举报人。N 登记（由本机关受理，不能受理针对本机关的举报）· O 只看逾期 · X 导出 Excel（举报人信息部分隐去）。
详情页：A 受理（起算答复期限）· I 调查 · D 督办 · Y 答复（调查结论；成立或部分成立的须写明整改要求和期限）·
Z 登记整改落实 · G 归档（查实的须先登记整改落实）· L 文书（受理告知书、答复书致举报人；督办通知、整改通知致被举报单位，
不含举报人信息）· V 查看完整的举报人信息（仅受理机关，记入审计链）。

## 考核
各机构年度得分按 catalogs/regimes.yaml 的考核办法由登记的数据计算。S 或点击列标题排序 · [ ] 切换年度 ·
回车查看该机构的得分图、各项数据及每项数据所计的记录 · X 导出 Excel（含明细）· W 导出 Word（含各机构图表）·
T 生成监督检查通报稿（责任追究制度第六条）。

## 申请列表
直接输入编号、申请人或内容即时筛选（在表格中输入也会进入查找框，回车回到表格，Esc 回到表格并保留筛选）；
用下拉框按状态、申请人类型（管理员还可按机关）筛选，并可填写收到日期范围。
点击列标题或按 S 切换排序列，Shift+S 倒序；PageDown / PageUp 翻页；回车打开申请；E 将当前清单导出为 Excel。
红色为已逾期，黄色为3个工作日内到期，“暂估”表示次年节假日安排尚未录入。

## 申请详情
底部列出当前状态下可以进行的操作，每个操作有一个按键，也可点击按钮：
A 受理 · G 告知非本机关 · B 通知补正 · F 收到补正 · W 撤回申请（含视为放弃） · C 征求意见 · E 征求意见结束 ·
Y 延期（分管领导）· Z 中止 · H 恢复 · S 收费通知 · P 已缴费 · M 减免 · D 作出决定 · R 答复送达 · X 办结 ·
U 更正日期（录入有误的日期以一条新记录更正，原记录保留）·
L 预览告知书 / 答复书并保存为 Word；V 打开答复书的保密审查（予以公开、部分公开的答复须审查通过才能送达）。

## 保密审查
“涉密的不公开、公开的不涉密”：承办人拟定意见（判断不涉密 / 涉密）→ 办公室主任审查 → 分管领导批准，
三级须由三名不同人员签署。S 签署 · R 退回承办人 · E 以送审函送保密部门（判断不确定或有争议时）·
A 登记保密部门的结论 · F 审查表 · G 送审函。审查后文本有改动的，已有签署自动作废，须重新签署。
网站只发布审查通过且文本未变的目录条目和公报文件。

## 期限
答复期限按国务院节假日安排计算（含调休上班日），起算日不计入；延期自原期限起算；中止期间不计。
"""


KEY_NAMES = {"escape": "Esc", "enter": "回车", "pagedown": "PageDown", "pageup": "PageUp", "slash": "/",
             "question_mark": "?", "left_square_bracket": "[", "right_square_bracket": "]"}


def key_name(key: str) -> str:
    first = key.split(",")[0]
    if first in KEY_NAMES:
        return KEY_NAMES[first]
    if first.startswith("ctrl+"):
        return "Ctrl+" + first[5:].upper()
    if len(first) == 1:
        return first.upper() if first.islower() else f"Shift+{first}"
    return first.upper()  # f2 → F2


def screen_keys(screen) -> str:
    """The keys the given screen answers to now (those its state allows), as a table."""
    rows = []
    for binding in type(screen).BINDINGS:
        if isinstance(binding, tuple) or not binding.description:
            continue
        action, _, args = binding.action.partition("(")
        parameters = tuple(a.strip("'\" ") for a in args.rstrip(")").split(",")) if args else ()
        if screen.check_action(action, parameters) is False:
            continue
        rows.append(f"| {key_name(binding.key)} | {binding.description} |")
    if not rows:
        return ""
    return "## 本页按键\n| 按键 | 功能 |\n|---|---|\n" + "\n".join(rows) + "\n\n"


class HelpScreen(ModalScreen):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "关闭")]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90%; height: 90%; border: thick $primary; background: $surface; }
    """

    def __init__(self, below=None):
        super().__init__()
        self.below = below

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            keys = screen_keys(self.below) if self.below is not None else ""
            title, _, rest = HELP.partition("\n\n")
            yield Markdown(f"{title}\n\n{keys}{rest}")
