"""核对文件真伪 in the browser gives the verdict `gongkai verify` gives, on the same copies:
faithful copies of every page in three forms, unrelated texts and altered copies."""

from __future__ import annotations

import json
import re

import pytest

from core.publish import authenticity
from core.publish.authenticity import Official, plain_text
from tests import SEEDS


@pytest.fixture(scope="module")
def officials(site) -> list[Official]:
    """The texts the site publishes, in its order (verify/index.js lists them), as the CLI reads them."""
    from core.publish import catalogue
    from core.publish.gazette import store

    tree = site.parent
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GONGKAI_HOME", str(tree))
        by_page = {f"gazette/{d.path.parent.name}/{d.path.stem}.html": (d.title, d.doc_no, d.body)
                   for d in store.all_documents()}
        by_page.update({f"catalogue/{e.index_no.replace('/', '-')}.html": (e.title, e.doc_no, e.body)
                        for e in map(catalogue.parse_entry, catalogue.root().glob("*/*.md"))})
    index = json.loads(re.search(r"=(\[.*\]);", (site / "verify" / "index.js").read_text(encoding="utf-8")).group(1))
    assert len(index) == 9  # the seven documents and the two entries
    return [Official(*by_page[i["page"]], i["page"]) for i in index]


def both(page, base: str, copy: str, officials: list[Official]) -> tuple[dict, dict]:
    page.goto(base + "verify.html") if not page.url.endswith("verify.html") else None
    browser = page.evaluate("copy => gongkaiVerify(copy)", copy)
    cli = authenticity.verify(copy, officials).as_json()
    return cli, browser


def same(cli: dict, browser: dict) -> None:
    assert abs(cli.pop("similarity") - browser.pop("similarity")) < 0.002
    assert cli == {k: browser[k] for k in cli}


def copies(site, page, base) -> list[tuple[str, str]]:
    """(what it is, the copy): each gazette page saved as HTML, copied from the browser, and as text."""
    found = []
    pages = [p for p in sorted(site.glob("gazette/2025-09/*.html")) if p.stem != "index"]
    pages += sorted(site.glob("catalogue/YXSZFB-*.html"))
    for path in pages:
        saved = path.read_text(encoding="utf-8")
        page.goto(base + path.relative_to(site).as_posix())
        found += [(f"{path.stem} saved", saved), (f"{path.stem} copied", page.inner_text("article")),
                  (f"{path.stem} as text", plain_text(saved))]
    return found


def test_every_page_in_three_forms_is_identical_in_the_browser_as_in_the_cli(page, base, site, officials):
    forms = copies(site, page, base)
    assert len(forms) == 27
    titles = {o.page.rsplit("/", 1)[-1].removesuffix(".html"): o.title for o in officials}
    for what, copy in forms:
        cli, browser = both(page, base, copy, officials)
        assert cli["identical"] and browser["identical"], what
        assert cli["match"]["title"] == titles[what.split()[0]], what  # its own document, not one quoted in it
        assert browser["computed_sha256"] == browser["official_sha256"], what  # WebCrypto over the found text
        same(cli, browser)


def test_unrelated_texts_match_no_document_in_either(page, base, officials):
    rules = next(SEEDS.glob("004_*")).read_text(encoding="utf-8")
    for copy in ("今天天气很好，我们去公园散步吧。", rules, "<html><body><p>某某市人民政府关于春季植树的通知</p></body></html>"):
        cli, browser = both(page, base, copy, officials)
        assert cli["match"] is None and browser["match"] is None
        same(cli, browser)


def altered(officials: list[Official]) -> list[tuple[str, str]]:
    regulation = next(o for o in officials if o.title == "玉溪市电子政务运维管理办法(试行)")
    decision = next(o for o in officials if o.doc_no == "玉政发〔2025〕7号")
    body = regulation.body.replace("**", "")
    swapped = (body.replace("逻辑隔离", "物理隔离", 1).replace("统筹规划、统一标准", "统筹规划、分散标准", 1)
               .replace("本办法由市数据局负责解释", "本办法由市财政局负责解释", 1))
    dropped = "\n\n".join(p for p in swapped.split("\n\n") if not p.startswith("第十条"))
    return [("words swapped, an article dropped", "玉溪市电子政务运维管理办法（试行）\n\n" + dropped),
            ("annex 4 dropped", body[:body.index("附件 4")] + "\n\n版权所有：某某新闻网"),
            ("a date changed", f"{decision.title}\n玉政发〔2025〕7号\n" + decision.body.replace("2015年11月13日", "2015年11月30日")),
            ("html with a changed word", "<html><body>" + "".join(f"<p>{p}</p>" for p in body.replace(
                "逻辑隔离", "物理隔离", 1).split("\n\n")) + "</body></html>")]


def test_altered_copies_get_the_same_changes_in_both(page, base, officials):
    for what, copy in altered(officials):
        cli, browser = both(page, base, copy, officials)
        assert cli["match"] and not cli["identical"] and cli["changes"], what
        same(cli, browser)
    # The altered 办法 holds the entry that quotes its 第四条 whole: still a copy of the 办法.
    cli, _ = both(page, base, altered(officials)[0][1], officials)
    assert cli["match"]["title"] == "玉溪市电子政务运维管理办法(试行)"


def test_the_page_shows_an_altered_copy_with_each_change_marked(page, base, officials):
    page.goto(base + "verify.html")
    page.fill("#gk-copy", altered(officials)[0][1])
    page.click("#gk-check")
    page.wait_for_selector("#gk-result .admonition")
    result = page.inner_text("#gk-result")
    assert "与正式文本《玉溪市电子政务运维管理办法(试行)》不一致，共 4 处" in result
    assert "第6条 改动：“逻辑”被改为“物理”" in result and "第10条 缺失" in result
    assert page.locator("#gk-result del").first.inner_text() == "统一"
    assert page.locator("#gk-result ins").first.inner_text() == "分散"
