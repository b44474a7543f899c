"""告知书 and 答复书: filled from the request, citing the legal basis."""

from __future__ import annotations

import datetime as dt

import docx
import pytest

from core import demo
from core.errors import DataFileError, IllegalTransition
from core.organisation import users
from core.requests import letters
from core.requests import service as requests
from core.requests.lifecycle import Params

D = dt.date
TODAY = D(2025, 12, 31)


@pytest.fixture
def request_view(db):
    demo.fill()
    clerk = users.get("zhaomin")
    view = requests.create(requests.Intake(agency="YXZRZYJ", received=D(2025, 9, 29), channel="网络",
                                           applicant_type="自然人", applicant_name="张三",
                                           content="2024年建设用地规划条件"), clerk, TODAY)
    return view, clerk


def step(view, clerk, action, **params):
    who = users.get("sunhong") if action == "extend" else clerk
    return requests.act(view.id, action, Params(**params), who, TODAY)


def test_correction_notice_lists_every_item_and_the_period(request_view):
    view, clerk = request_view
    view = step(view, clerk, "correct", date=D(2025, 9, 30), items=("请写明文件名称或文号", "请提供身份证明"),
                period_days=10)
    letter = letters.compose(view, None, TODAY)
    assert letter.title == "政府信息公开申请补正告知书"
    assert letter.paragraphs[0] == "张三："
    assert "1. 请写明文件名称或文号\n2. 请提供身份证明" in letter.paragraphs
    assert "请您自收到本告知书之日起10个工作日内补正。" in letter.paragraphs[3]
    assert letter.paragraphs[-1] == "依据：《中华人民共和国政府信息公开条例》第三十条。"
    assert (letter.signer, letter.date) == ("玉溪市自然资源和规划局", D(2025, 9, 30))


def test_extension_notice_gives_the_new_date_and_reason(request_view):
    view, clerk = request_view
    step(view, clerk, "accept", date=D(2025, 9, 30))
    view = step(view, clerk, "extend", date=D(2025, 10, 27), reason="需向档案馆调取原件")
    text = letters.compose(view, "延期", TODAY).as_text()
    assert ("因需向档案馆调取原件，不能在规定期限内作出答复，经批准，答复期限延长15个工作日，"
            "本机关将于2025年11月18日前作出答复。") in text
    assert text.splitlines()[-2:] == [" " * 38 + "玉溪市自然资源和规划局", " " * 46 + "2025年10月27日"]


@pytest.mark.parametrize("outcome, code, sentence, basis", [
    ("予以公开", None, "您申请获取的政府信息属于公开范围，本机关予以公开，现将该信息提供给您。",
     "《中华人民共和国政府信息公开条例》第三十六条第（二）项"),
    ("不予公开", 4, "本机关决定不予公开，理由：4.保护第三方合法权益。", "《中华人民共和国政府信息公开条例》第十五条"),
    ("无法提供", 2, "本机关无法提供该信息，理由：2.没有现成信息需要另行制作。", "《中华人民共和国政府信息公开条例》第三十八条"),
])
def test_reply_states_the_decision_and_cites_its_basis(request_view, outcome, code, sentence, basis):
    view, clerk = request_view
    step(view, clerk, "accept", date=D(2025, 9, 30))
    view = step(view, clerk, "decide", date=D(2025, 10, 20), outcome=outcome, reason_code=code)
    letter = letters.compose(view, None, TODAY)
    assert letter.title == "政府信息公开申请答复书"
    assert f"经审查，现答复如下：{sentence}" in letter.paragraphs
    assert f"依据：{basis}。" in letter.paragraphs
    assert letter.date == D(2025, 10, 20)


def test_a_decline_names_the_agency_to_apply_to(request_view):
    view, clerk = request_view
    view = step(view, clerk, "decline", date=D(2025, 9, 30), agency="玉溪市住房和城乡建设局")
    letter = letters.compose(view, None, TODAY)
    assert ("经审查，现答复如下：本机关无法提供该信息，理由：1.本机关不掌握相关政府信息。"
            "负责公开该信息的机关为玉溪市住房和城乡建设局，您可以向该机关申请。") in letter.paragraphs


def test_fee_notice_states_the_amount_and_payment_window(request_view):
    view, clerk = request_view
    step(view, clerk, "accept", date=D(2025, 9, 30))
    view = step(view, clerk, "fee", date=D(2025, 10, 9), method="按量", pages=250)
    assert ("本机关于2025年9月29日收到您（单位）提出的政府信息公开申请（编号：YXZRZYJ-2025-0001）。"
            "根据有关规定，您的申请按量计收（共250页），应缴纳信息处理费人民币4700元。") in letters.compose(
        view, None, TODAY).paragraphs


def test_docx_has_the_title_body_and_chinese_fonts(request_view, tmp_path):
    view, clerk = request_view
    step(view, clerk, "accept", date=D(2025, 9, 30))
    view = step(view, clerk, "decide", date=D(2025, 10, 20), outcome="予以公开")
    path = tmp_path / "reply.docx"
    letters.compose(view, None, TODAY).save_docx(path)
    document = docx.Document(path)
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "政府信息公开申请答复书" and texts[-1] == "2025年10月20日"
    east_asian = document.paragraphs[2].runs[0]._element.rPr.rFonts.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
    assert east_asian == "仿宋_GB2312"
    assert round(document.sections[0].page_width.cm, 1) == 21.0


def test_no_letter_before_anything_needs_one(request_view):
    view, _ = request_view
    with pytest.raises(IllegalTransition) as err:
        letters.compose(view, None, TODAY)
    assert err.value.message == "申请 YXZRZYJ-2025-0001 尚无需要出具的告知书（尚未作出决定）"


def test_a_template_with_an_unknown_field_is_named(catalogs):
    path = catalogs / "letters" / "补正.md"
    path.write_text(path.read_text(encoding="utf-8").replace("{period_days}", "{period}"), encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        letters.load_template("补正")
    assert str(err.value).startswith("catalogs/letters/补正.md 第11行 字段 period：未知的填充字段 {period}")
