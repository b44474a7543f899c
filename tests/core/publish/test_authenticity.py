"""`gongkai verify`: a copy with words swapped and an article dropped is caught."""

from __future__ import annotations

import json

import pytest

from core.publish.authenticity import canonical
from core.publish.gazette.store import all_documents


@pytest.fixture
def regulation(catalogs):
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


def test_a_document_without_articles_is_compared_paragraph_text(catalogs, cli, tmp_path):
    decision = next(d for d in all_documents() if d.doc_no == "玉政发〔2025〕7号")
    copy = tmp_path / "decision.txt"
    copy.write_text(f"{decision.title}\n玉政发〔2025〕7号\n" + decision.body.replace("2015年11月13日", "2015年11月30日"),
                    encoding="utf-8")
    code, out, _ = cli("verify", str(copy), "--json")
    result = json.loads(out)
    assert result["match"]["doc_no"] == "玉政发〔2025〕7号"
    assert result["changes"] == [{"kind": "substituted", "article": None, "official": "13", "copy": "30"}]
