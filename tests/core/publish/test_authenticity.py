"""`gongkai verify`: a copy with words swapped and an article dropped is caught."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from core import demo
from core.publish.authenticity import canonical
from core.publish.gazette.store import all_documents
from tests import SEEDS
from tests.reviewing import sign_all


@pytest.fixture
def issue(db):
    """The shipped gazette issue, reviewed and so published: what copies are checked against."""
    demo.fill()


@pytest.fixture
def regulation(issue):
    return next(d for d in all_documents() if d.title == "玉溪市电子政务运维管理办法(试行)")


def to_full_width(text: str) -> str:
    return text.replace(",", "，").replace("(", "（").replace(")", "）").replace(":", "：")


def test_an_exact_copy_in_html_with_other_widths_is_identical(regulation, cli, tmp_path):
    paragraphs = regulation.body.replace("**", "").split("\n\n")
    page = "<html><body><h1>玉溪市电子政务运维管理办法（试行）</h1>" + "".join(
        f"<p>　　{to_full_width(p)}</p>" for p in paragraphs) + "<script>var x = 1;</script></body></html>"
    copy = tmp_path / "copy.html"
    copy.write_text(page, encoding="utf-8")
    code, out, _ = cli("verify", str(copy), "--json")
    result = json.loads(out)
    assert code == 0
    assert result["match"] == {"title": "玉溪市电子政务运维管理办法(试行)", "doc_no": None}
    assert (result["identical"], result["changes"]) == (True, [])


def test_three_swapped_words_and_a_dropped_article_are_each_reported(regulation, cli, tmp_path):
    paragraphs = [p for p in regulation.body.replace("**", "").split("\n\n") if not p.startswith("第十条")]
    text = "玉溪市电子政务运维管理办法（试行）\n\n" + "\n\n".join(paragraphs)
    text = (text.replace("逻辑隔离", "物理隔离", 1).replace("统筹规划、统一标准", "统筹规划、分散标准", 1)
            .replace("本办法由市数据局负责解释", "本办法由市财政局负责解释", 1))
    copy = tmp_path / "copy.txt"
    copy.write_text(to_full_width(text), encoding="utf-8")
    code, out, _ = cli("verify", str(copy), "--json")
    result = json.loads(out)
    assert result["identical"] is False
    assert result["changes"] == [
        {"kind": "substituted", "article": 3, "official": "统一", "copy": "分散"},
        {"kind": "substituted", "article": 6, "official": "逻辑", "copy": "物理"},
        {"kind": "missing", "article": 10,
         "official": canonical("第十条 市、县(市、区)政务外网应当分别建立统一互联网出口,提供互联网服务。"), "copy": ""},
        {"kind": "substituted", "article": 124, "official": "数据", "copy": "财政"},
    ]
    code, out, _ = cli("verify", str(copy))
    assert out.splitlines()[0] == "与正式文本《玉溪市电子政务运维管理办法(试行)》不一致，共 4 处："
    assert out.splitlines()[2] == "  第6条 改动：“逻辑”被改为“物理”"


def test_a_document_without_articles_is_compared_paragraph_text(issue, cli, tmp_path):
    decision = next(d for d in all_documents() if d.doc_no == "玉政发〔2025〕7号")
    copy = tmp_path / "decision.txt"
    copy.write_text(f"{decision.title}\n玉政发〔2025〕7号\n" + decision.body.replace("2015年11月13日", "2015年11月30日"),
                    encoding="utf-8")
    code, out, _ = cli("verify", str(copy), "--json")
    result = json.loads(out)
    assert result["match"]["doc_no"] == "玉政发〔2025〕7号"
    assert result["changes"] == [{"kind": "substituted", "article": None, "official": "13", "copy": "30"}]


def test_text_that_is_no_official_document_is_said_to_match_none(issue, cli, tmp_path):
    """An unrelated sentence and the city's disclosure rules (not in the gazette) were reported as
    altered copies of whatever document was nearest (45 changes; 玉政发〔2025〕7号)."""
    rules = next(SEEDS.glob("004_*")).read_text(encoding="utf-8")
    for text in ("今天天气很好，我们去公园散步吧。", rules):
        copy = tmp_path / "copy.txt"
        copy.write_text(text, encoding="utf-8")
        code, out, _ = cli("verify", str(copy))
        assert code == 2
        assert out.startswith("未找到与该副本对应的正式文件（与最接近的正式文件相似度 ")
        assert out.rstrip().endswith("低于 50%）：它不是本网站公布的任何文件的版本")


def test_a_copy_inside_another_sites_page_is_identical_and_a_dropped_annex_is_one_entry(regulation, cli, tmp_path):
    copy = tmp_path / "copy.html"
    copy.write_text("<html><body><div>某某新闻网 首页 &gt; 政策文件</div>"
                    + "".join(f"<p>{p}</p>" for p in regulation.body.split("\n\n"))
                    + "<div>版权所有：某某新闻网 联系我们 网站地图</div></body></html>", encoding="utf-8")
    code, out, _ = cli("verify", str(copy))
    assert (code, out) == (0, "与正式文本《玉溪市电子政务运维管理办法(试行)》一致\n")

    without = regulation.body[:regulation.body.index("附件 4")]
    copy.write_text(without + "\n\n版权所有：某某新闻网", encoding="utf-8")
    code, out, _ = cli("verify", str(copy), "--json")
    changes = json.loads(out)["changes"]
    assert code == 1 and [(c["kind"], c["article"]) for c in changes] == [("missing", "附件4")]
    code, out, _ = cli("verify", str(copy))
    assert out.splitlines()[1].startswith("  附件4 缺失：整个附件4（")


def test_a_verbatim_copy_of_a_catalogue_entry_is_identical(issue, cli, tmp_path):
    body = tmp_path / "body.txt"
    body.write_text("春节期间政务服务大厅暂停现场服务，网上办事大厅照常受理。\n\n- 咨询电话：0877-2012345\n  工作日 9:00–17:00\n",
                    encoding="utf-8")
    code, out, _ = cli("catalog", "add", "--title", "春节办公安排", "--class", "业务及服务", "--agency", "YXSZFB",
                       "--body", str(body), "--json")
    copy = tmp_path / "copy.txt"
    copy.write_text("春节办公安排\n春节期间政务服务大厅暂停现场服务，网上办事大厅照常受理。\n• 咨询电话：0877-2012345 工作日 9:00–17:00",
                    encoding="utf-8")
    # Not yet through its 保密审查, so not published: no official text to match.
    assert cli("verify", str(copy))[0] == 2
    sign_all(json.loads(out)["review_id"], dt.date.today())
    code, out, _ = cli("verify", str(copy))
    assert (code, out) == (0, "与正式文本《春节办公安排》一致\n")
