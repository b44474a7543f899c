"""告知书 and 答复书: filled from the request, citing the legal basis."""

from __future__ import annotations

import datetime as dt

import docx
import pytest

from core import demo
from core.errors import DataFileError, IllegalTransition, InvalidInput
from core.organisation import users
from core.requests import letters
from core.requests import service as requests
from core.requests.intake import Intake
from core.requests.lifecycle import Params
from core.store.models import User

D = dt.date
TODAY = D(2025, 12, 31)


def log(applicant_type="自然人", applicant_name="张三", regime=None):
    """A request to 市自然资源和规划局, received 2025-09-29 online, logged by 赵敏."""
    return requests.create(Intake(agency="YXZRZYJ", received=D(2025, 9, 29), channel="网络", regime=regime,
                                  applicant_type=applicant_type, applicant_name=applicant_name,
                                  content="2024年建设用地规划条件"), users.get("zhaomin"), TODAY)


@pytest.fixture
def request_view(db):
    demo.fill()
    # These letters are 市自然资源和规划局's: the demo officers work there for this file.
    User.update(agency="YXZRZYJ").where(User.login.in_(["zhaomin", "qianli", "sunhong"])).execute()
    return log(), users.get("zhaomin")


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
    # yuxi's own extension rule is cited, not the 条例's (seed 004 依申请公开制度第六条（五）3).
    assert "依据：《玉溪市政府办公室信息依申请公开制度》第六条（五）3。" in text


def test_a_national_extension_notice_cites_article_33(request_view):
    view, clerk = request_view
    view = log(regime="national-2019")
    step(view, clerk, "accept", date=D(2025, 9, 30))
    view = requests.act(view.id, "extend", Params(date=D(2025, 10, 27), reason="需向档案馆调取原件"),
                        users.get("qianli"), TODAY)
    assert "依据：《中华人民共和国政府信息公开条例》第三十三条第二款。" in letters.compose(view, "延期", TODAY).paragraphs


def test_suspension_and_resumption_are_each_notified_in_writing(request_view):
    view, clerk = request_view
    step(view, clerk, "accept", date=D(2025, 9, 30))
    view = step(view, clerk, "suspend", date=D(2025, 10, 14), reason="所需档案因山洪灾害无法调取")
    letter = letters.compose(view, None, TODAY)
    assert letter.title == "政府信息公开申请答复期限中止告知书"
    assert ("本机关于2025年9月29日收到您提出的政府信息公开申请（编号：YXZRZYJ-2025-0001）。因所需档案因山洪灾害无法调取，"
            "本机关不能在规定的期限内作出答复，答复期限自2025年10月14日起中止，障碍消除后恢复计算，届时本机关将书面告知您。"
            ) in letter.paragraphs
    assert letter.paragraphs[-1] == "依据：《玉溪市政府办公室信息依申请公开制度》第六条（五）4。"
    view = step(view, clerk, "resume", date=D(2025, 10, 20))
    letter = letters.compose(view, None, TODAY)
    assert letter.title == "政府信息公开申请答复期限恢复告知书"
    # 5 working days used to 10-14 (09-30 → 10-14 across 国庆); the remaining 10 run from 10-20 to 11-03.
    assert ("本机关于2025年9月29日收到您提出的政府信息公开申请（编号：YXZRZYJ-2025-0001），其答复期限已中止。"
            "现中止的事由已经消除，答复期限自2025年10月20日起恢复计算，本机关将于2025年11月3日前作出答复。"
            ) in letter.paragraphs
    assert letter.paragraphs[-1] == "依据：《玉溪市政府办公室信息依申请公开制度》第六条（五）4。"


# Every outcome of the national classification: its sentence with the officer's reasons
# (条例第三十六条第（三）项 说明理由) and its basis, article and paragraph, from catalogs/letters.
@pytest.mark.parametrize("outcome, code, reason, sentence, basis", [
    ('予以公开', None, None,
     '您申请获取的政府信息属于公开范围，本机关予以公开，现将该信息提供给您（见附件）。',
     '《中华人民共和国政府信息公开条例》第三十六条第（二）项'),
    ('部分公开', None, '第3页含第三方个人信息',
     '您申请获取的政府信息中含有不应当公开的内容，本机关对能够区分处理的部分予以公开，其余部分不予公开。理由：第3页含第三方个人信息。',
     '《中华人民共和国政府信息公开条例》第三十七条、第三十六条第（三）项'),
    ('不予公开', 1, '经核查如此',
     '本机关决定不予公开，理由：1.属于国家秘密。经核查如此。',
     '《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项'),
    ('不予公开', 2, '经核查如此',
     '本机关决定不予公开，理由：2.其他法律行政法规禁止公开。经核查如此。',
     '《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项'),
    ('不予公开', 3, '经核查如此',
     '本机关决定不予公开，理由：3.危及“三安全一稳定”。经核查如此。',
     '《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项'),
    ('不予公开', 4, '经核查如此',
     '本机关决定不予公开，理由：4.保护第三方合法权益。经核查如此。',
     '《中华人民共和国政府信息公开条例》第十五条、第三十二条、第三十六条第（三）项'),
    ('不予公开', 5, '经核查如此',
     '本机关决定不予公开，理由：5.属于三类内部事务信息。经核查如此。',
     '《中华人民共和国政府信息公开条例》第十六条第一款、第三十六条第（三）项'),
    ('不予公开', 6, '经核查如此',
     '本机关决定不予公开，理由：6.属于四类过程性信息。经核查如此。',
     '《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项'),
    ('不予公开', 7, '经核查如此',
     '本机关决定不予公开，理由：7.属于行政执法案卷。经核查如此。',
     '《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项'),
    ('不予公开', 8, '经核查如此',
     '本机关决定不予公开，理由：8.属于行政查询事项。经核查如此。',
     '《中华人民共和国政府信息公开条例》第三十六条第（七）项'),
    ('无法提供', 1, '经核查如此',
     '本机关无法提供该信息，理由：1.本机关不掌握相关政府信息。经核查如此。',
     '《中华人民共和国政府信息公开条例》第三十六条第（四）项、第（五）项'),
    ('无法提供', 2, '经核查如此',
     '本机关无法提供该信息，理由：2.没有现成信息需要另行制作。经核查如此。',
     '《中华人民共和国政府信息公开条例》第三十八条'),
    ('无法提供', 3, '经核查如此',
     '本机关无法提供该信息，理由：3.补正后申请内容仍不明确。经核查如此。',
     '《中华人民共和国政府信息公开条例》第三十条'),
    ('不予处理', 1, '经核查如此',
     '本机关对该申请不予处理，理由：1.信访举报投诉类申请。经核查如此。',
     '《中华人民共和国政府信息公开条例》第三十九条第一款'),
    ('不予处理', 2, '经核查如此',
     '本机关对该申请不予处理，理由：2.重复申请。经核查如此。',
     '《中华人民共和国政府信息公开条例》第三十六条第（六）项'),
    ('不予处理', 3, '经核查如此',
     '本机关对该申请不予处理，理由：3.要求提供公开出版物。经核查如此。',
     '《中华人民共和国政府信息公开条例》第三十九条第二款'),
    ('不予处理', 4, '经核查如此',
     '本机关对该申请不予处理，理由：4.无正当理由大量反复申请。经核查如此。',
     '《中华人民共和国政府信息公开条例》第三十五条'),
    ('不予处理', 5, '经核查如此',
     '本机关对该申请不予处理，理由：5.要求行政机关确认或重新出具已获取信息。经核查如此。',
     '《国务院办公厅关于做好政府信息依申请公开工作的意见》（国办发〔2010〕5号）第二部分'),
    ('其他处理', 1, '经核查如此',
     '本机关不再处理该申请，理由：1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请。经核查如此。',
     '《中华人民共和国政府信息公开条例》第三十条'),
    ('其他处理', 2, '经核查如此',
     '本机关不再处理该申请，理由：2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请。经核查如此。',
     '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第七条'),
    ('其他处理', 3, '经核查如此',
     '本机关不再处理该申请，理由：3.其他。经核查如此。',
     '《中华人民共和国政府信息公开条例》第二十七条、第二十九条'),
])
def test_reply_states_the_decision_its_reasons_and_its_basis(request_view, outcome, code, reason, sentence, basis):
    view, clerk = request_view
    step(view, clerk, "accept", date=D(2025, 9, 30))
    view = step(view, clerk, "decide", date=D(2025, 10, 20), outcome=outcome, reason_code=code, reason=reason)
    letter = letters.compose(view, None, TODAY)
    assert letter.title == "政府信息公开申请答复书"
    assert f"经审查，现答复如下：{sentence}" in letter.paragraphs
    assert f"依据：{basis}。" in letter.paragraphs
    assert letter.date == D(2025, 10, 20)


def test_information_already_published_is_answered_with_where_to_find_it(request_view):
    view, clerk = request_view
    step(view, clerk, "accept", date=D(2025, 9, 30))
    view = step(view, clerk, "decide", date=D(2025, 10, 20), outcome="予以公开",
                published="《玉溪市人民政府公报》2025年第9期，或玉溪市人民政府网“政府信息公开”栏目")
    letter = letters.compose(view, None, TODAY)
    assert ("经审查，现答复如下：您申请获取的政府信息已经主动公开，获取方式和途径：《玉溪市人民政府公报》2025年第9期，"
            "或玉溪市人民政府网“政府信息公开”栏目。") in letter.paragraphs
    assert "依据：《中华人民共和国政府信息公开条例》第三十六条第（一）项。" in letter.paragraphs


def test_a_refusal_without_reasons_is_refused(request_view):
    view, clerk = request_view
    step(view, clerk, "accept", date=D(2025, 9, 30))
    with pytest.raises(InvalidInput, match="^理由：“不予公开”须说明具体理由（条例第三十六条），理由将写入答复书$"):
        step(view, clerk, "decide", date=D(2025, 10, 20), outcome="不予公开", reason_code=4)


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
    assert ("本机关于2025年9月29日收到您提出的政府信息公开申请（编号：YXZRZYJ-2025-0001）。"
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


def test_an_organisation_is_addressed_as_such(request_view):
    clerk = users.get("zhaomin")
    view = log("商业企业", "玉溪某建材有限公司")
    view = step(view, clerk, "correct", date=D(2025, 9, 30), items=("请提供营业执照",), period_days=10)
    letter = letters.compose(view, None, TODAY)
    assert ("本机关于2025年9月29日收到贵单位提出的政府信息公开申请（编号：YXZRZYJ-2025-0002）。"
            "经审查，贵单位的申请需要补正以下内容：") in letter.paragraphs
