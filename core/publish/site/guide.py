"""政府信息公开指南: one for every body in agencies.yaml — where and how to apply, the reply window
of the regime that body follows (regimes.yaml), fees in plain words (国办函〔2020〕109号, from the
figures the fee notices use), remedies — and the 申请表 as a Word file and a printable page."""

from __future__ import annotations

import io
import zipfile

from core.calendar import regimes
from core.calendar.regimes import Regime
from core.organisation.agencies import AgencyRecord, primary_name
from core.publish.site.render import md_escape, page
from core.requests import fees
from core.requests.applicants import CHANNELS, FORMS

CONTACT_LABELS = {"office": "承办机构", "address": "地址", "postcode": "邮政编码", "phone": "电话", "fax": "传真",
                  "email": "电子邮箱", "hours": "办公时间"}
FORM_DOCX = "guide/application-form.docx"
FORM_PAGE = "guide/application-form.md"

# How each channel of applicants.CHANNELS is used; a channel that needs a contact detail the body
# has not published (fax, e-mail, address) is not offered in its guide.
CHANNEL_HOW = {
    "当面": (None, "到受理机构填写申请表当面提交"),
    "邮寄": ("address", "将申请表邮寄至受理机构地址，信封注明“政府信息公开申请”"),
    "平常信函": ("address", "以平常信函寄送申请表（信封注明“政府信息公开申请”）"),
    "网络": (None, "通过本机关门户网站的政府信息公开申请栏目在线提交"),
    "传真": ("fax", "将填好的申请表传真至受理机构"),
    "电子邮件": ("email", "将填好的申请表发送至受理机构电子邮箱"),
    "口头/电话代填": (None, "以书面形式申请确有困难的，可以口头提出，由受理机构代为填写申请表"),
}
REMEDIES = ("公民、法人或者其他组织认为行政机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者"
            "政府信息公开工作主管部门投诉、举报，也可以自知道或者应当知道该行政行为之日起六十日内依法申请行政复议，或者自知道"
            "或者应当知道作出行政行为之日起六个月内依法提起行政诉讼。（依据：《中华人民共和国政府信息公开条例》第五十一条；"
            "《中华人民共和国行政复议法》第二十条；《中华人民共和国行政诉讼法》第四十六条）")
CONTENTS = ("申请应当包括：申请人的姓名或者名称、身份证明、联系方式；申请公开的政府信息的名称、文号或者便于查询的其他特征性描述；"
            "申请公开的政府信息的形式要求，包括获取信息的方式、途径。（依据：《中华人民共和国政府信息公开条例》第二十九条）")


def window(regime: Regime) -> str:
    """The reply window in plain words, with the higher law that binds alongside it."""
    start = "受理申请" if regime.clock_starts == "accepted" else "收到申请"
    text = (f"自{start}之日起{regime.reply_days}个工作日内予以答复；需要延长答复期限的，经{regime.inherited('extension_approver')}"
            f"同意并告知申请人，延长的期限最长不超过{regime.extension_max_days}个工作日。（依据：{regime.basis}）")
    for higher in regime.chain[1:]:
        higher_start = "受理申请" if higher.clock_starts == "accepted" else "收到申请"
        text += (f"《{higher.name}》规定的期限（自{higher_start}之日起{higher.reply_days}个工作日）同时适用，"
                 "以先届满者为准。")
    return text


def _receipt(regime: Regime, channel: str) -> str:
    rule = regime.receipt_rule(channel)
    return f"（以{rule}为收到申请之日）" if rule else ""


def body_guide(agency: AgencyRecord, regime: Regime, contact_of_office: AgencyRecord | None) -> str:
    name = primary_name(agency.name)
    contact = agency.contact or {}
    blocks = [f"本指南说明如何向{md_escape(name)}申请获取政府信息。"
              f"[申请表（Word）](application-form.docx)　[申请表（可打印）](application-form.md)　[全部机关的指南](../guide.md)",
              "## 受理机构"]
    if contact:
        blocks.append('<table class="doc-meta">' + "".join(
            f"<tr><td>{CONTACT_LABELS[k]}</td><td>{md_escape(v)}</td></tr>" for k, v in contact.items()) + "</table>")
    elif contact_of_office is not None and contact_of_office.contact:
        office = contact_of_office.contact
        blocks.append(md_escape(f"本机关尚未在本站公布受理机构的联系方式，可向政府信息公开工作主管部门"
                                f"{primary_name(contact_of_office.name)}咨询：") + "　" + "；".join(
            f"{CONTACT_LABELS[k]}：{md_escape(v)}" for k, v in office.items()))
    else:
        blocks.append("本机关尚未在本站公布受理机构的联系方式。")
    offered = [c for c in CHANNELS if CHANNEL_HOW[c][0] is None or contact.get(CHANNEL_HOW[c][0])]
    blocks += ["## 申请方式", "\n".join(f"- **{c}**：{md_escape(CHANNEL_HOW[c][1])}{md_escape(_receipt(regime, c))}"
                                    for c in offered),
               md_escape(CONTENTS),
               "## 答复期限", md_escape(f"{name}执行《{regime.name}》：{window(regime)}"),
               "## 收费", "政府信息公开一般不收费。申请公开政府信息的数量、频次明显超过合理范围的，行政机关可以收取信息处理费：",
               "\n".join(f"- {md_escape(line)}" for line in fees.in_plain_words()),
               "## 救济途径", md_escape(REMEDIES)]
    return page(f"{name}政府信息公开指南", *blocks)


def index(records: list[AgencyRecord], regime_of: dict[str, Regime]) -> str:
    """The guide's front page: what applies everywhere, and every body's own guide by category."""
    groups: dict[str, list[AgencyRecord]] = {}
    for r in records:
        groups.setdefault(r.category or {"city": "市人民政府", "county": "县（市、区）人民政府"}.get(r.level, "其他"),
                          []).append(r)
    listing = []
    for category, members in groups.items():
        listing.append(f"### {md_escape(category)}")
        listing.append("\n".join(
            f"- [{md_escape(primary_name(r.name))}](guide/{r.code}.md)：{regime_of[r.code].reply_days}个工作日"
            f"（{'受理' if regime_of[r.code].clock_starts == 'accepted' else '收到申请'}之日起）" for r in members))
    return page("政府信息公开指南",
                "公民、法人或者其他组织可以向各行政机关申请获取其政府信息。向哪个机关申请、其受理机构的联系方式、"
                "答复期限，见各机关的指南；申请表：[Word](guide/application-form.docx)　[可打印网页](guide/application-form.md)。",
                "## 各机关的指南", *listing,
                "## 申请方式", md_escape(f"可以通过{'、'.join(CHANNELS)}等方式提出申请。{CONTENTS}"),
                "## 收费", "政府信息公开一般不收费。申请公开政府信息的数量、频次明显超过合理范围的，行政机关可以收取信息处理费：",
                "\n".join(f"- {md_escape(line)}" for line in fees.in_plain_words()),
                "## 救济途径", md_escape(REMEDIES))


CARRIERS, DELIVERY = FORMS[:2], FORMS[2:]  # 纸质/电子; 当场查阅/邮寄/电子邮件/自行领取


def form_rows() -> list[tuple[str, list[tuple[str, str]]]]:
    """The 申请表's sections and fields (label, what is filled in: blank or check boxes)."""
    boxes = lambda options: "　".join(f"□{o}" for o in options)  # noqa: E731 — a one-line formatter
    return [
        ("申请人信息（公民）", [("姓名", ""), ("证件名称", ""), ("证件号码", ""), ("工作单位", ""), ("联系电话", ""),
                         ("通信地址", ""), ("邮政编码", ""), ("电子邮箱", "")]),
        ("申请人信息（法人或者其他组织）", [("名称", ""), ("统一社会信用代码", ""), ("法定代表人或者负责人", ""),
                               ("联系人姓名", ""), ("联系电话", ""), ("通信地址", ""), ("电子邮箱", "")]),
        ("所需政府信息情况", [("所需政府信息的名称、文号或者便于查询的其他特征性描述", ""),
                       ("信息的载体形式", boxes(CARRIERS)), ("获取信息的方式", boxes(DELIVERY))]),
    ]


FORM_NOTE = ("注：1. 公民申请的，填写“申请人信息（公民）”；法人或者其他组织申请的，填写“申请人信息（法人或者其他组织）”。"
             "2. 请提供身份证明（复印件）。3. 一份申请表只填写一项政府信息为宜。")


def form_page() -> str:
    blocks = ["受理机关：________________________　　[下载 Word 版](application-form.docx)　打印本页即可填写"]
    for section, fields in form_rows():
        blocks.append(f'<table class="form-table"><tr><th colspan="2">{section}</th></tr>' + "".join(
            f"<tr><td>{label}</td><td>{value or '&nbsp;'}</td></tr>" for label, value in fields) + "</table>")
    blocks += ["申请人签名（盖章）：________________　　申请日期：______年____月____日", FORM_NOTE]
    return page("政府信息公开申请表", *blocks)


def form_docx() -> bytes:
    """The 申请表 in Word, byte for byte the same on every run (a zip with fixed dates), so that
    a second `site generate` writes nothing."""
    from core import word  # python-docx only for the commands that write Word (start-up of every other command)

    doc = word.new_document(title="政府信息公开申请表")
    word.title(doc, "政府信息公开申请表")
    word.paragraph(doc, "受理机关：________________________", indent=False)
    for section, fields in form_rows():
        word.table(doc, [[section, ""]] + [[label, value] for label, value in fields], [5.5, 10.1], header_rows=1,
                   merged_first_row=True)
    word.paragraph(doc, "申请人签名（盖章）：____________　申请日期：____年__月__日", indent=False)
    word.paragraph(doc, FORM_NOTE, indent=False)
    raw = io.BytesIO()
    doc.save(raw)
    fixed = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(zipfile.ZipInfo(item.filename, date_time=(2020, 1, 1, 0, 0, 0)), source.read(item.filename),
                            compress_type=zipfile.ZIP_DEFLATED)
    return fixed.getvalue()


def files(records: list[AgencyRecord]) -> dict[str, str | bytes]:
    table = regimes.load()
    regime_of = {r.code: table.for_agency(r.level, r.regime) for r in records}
    office = next((r for r in records if r.contact), None)  # the first body with published contacts
    out: dict[str, str | bytes] = {"guide.md": index(records, regime_of), FORM_PAGE: form_page(), FORM_DOCX: form_docx()}
    for r in records:
        out[f"guide/{r.code}.md"] = body_guide(r, regime_of[r.code], office)
    return out
