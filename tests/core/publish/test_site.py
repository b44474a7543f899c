"""The public site, built for real and read as HTML."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest

from core import demo
from core.organisation import users
from core.publish import authenticity, catalogue
from core.publish.gazette.store import all_documents
from core.requests import service as requests
from core.requests.intake import Intake
from tests import REPO, SEEDS
from tests.conftest import connect_as
from tests.reviewing import sign_all

SEED = SEEDS / "000_dbad44c754599aa5.txt"


@pytest.fixture
def built(db, env, cli, tmp_path, monkeypatch):
    monkeypatch.setenv("GONGKAI_TODAY", "2025-12-01")
    # An applicant whose name must never reach the site.
    requests.create(Intake(agency="YXSZFB", received=dt.date(2025, 11, 3),
                                    channel="当面", applicant_type="自然人", applicant_name="司马相如",
                                    applicant_id="11010519491231002X", applicant_phone="13912345678",
                                    content="政务云经费"), users.get("admin"), dt.date(2025, 12, 1))
    demo.fill()
    added = []
    for title, text in (("关于<b>春节</b>办公安排的公告", "公告正文<script>alert('x')</script>**不是粗体**"),
                        ("关于清明节办公安排的公告", "清明节放假三天。"), ("关于端午节办公安排的公告", "端午节放假三天。")):
        body = tmp_path / "body.txt"
        body.write_text(text + "\n", encoding="utf-8")
        code, out, err = cli("catalog", "add", "--title", title, "--class", "业务及服务", "--agency", "YXZWFWJ",
                             "--body", str(body), "--json")
        assert code == 0, err
        added.append(json.loads(out))
    today = dt.date(2025, 12, 1)
    sign_all(added[0]["review_id"], today)  # approved: published
    sign_all(added[2]["review_id"], today)  # approved, then its text edited: held back
    path = catalogue.find(added[2]["index_no"]).path
    path.write_text(path.read_text(encoding="utf-8").replace("放假三天", "放假一天"), encoding="utf-8")
    out = tmp_path / "site"
    code, report, err = cli("site", "build", "--out", str(out), "--json")
    assert (code, err) == (0, "")
    assert json.loads(report)["skipped"] == [
        {"kind": "catalogue", "ref": "YXZWFWJ/2025-00002", "title": "关于清明节办公安排的公告",
         "reason": "保密审查未完成（待承办人拟定意见）"},
        {"kind": "catalogue", "ref": "YXZWFWJ/2025-00003", "title": "关于端午节办公安排的公告",
         "reason": "审查后文本已修改，须重新保密审查"}]
    return out


def read(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def test_document_pages_carry_header_table_and_article_anchors(built):
    page = read(built, "gazette/2025-09/02-01.html")
    assert 'id="第一章"' in page and 'id="第十五条"' in page and 'id="第一百二十五条"' in page
    assert page.count('class="article"') == 125
    notice = read(built, "gazette/2025-09/01.html")
    assert "玉政发〔2025〕7号" in notice and "2025-09-10" in notice


def test_search_index_finds_chinese_words(built):
    index = json.loads(read(built, "search/search_index.json"))
    assert index["config"]["lang"] == ["zh"]
    assert any("政务云" in doc["text"] for doc in index["docs"])


def test_no_request_leaves_the_page(built):
    for page in built.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        # A canonical link names the page's public address; nothing is fetched from it.
        external = re.findall(r'(?:src|href)="(https?://[^"]+)"', re.sub(r'<link rel="canonical"[^>]*>', "", html))
        assert external == [], f"{page} loads {external}"
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_no_personal_data_and_text_is_escaped(built):
    everything = "".join(p.read_text(encoding="utf-8", errors="ignore") for p in built.rglob("*") if p.is_file()
                         and p.suffix in (".html", ".json", ".xml"))
    for secret in ("司马相如", "11010519491231002X", "13912345678"):
        assert secret not in everything
    page = read(built, "catalogue/YXZWFWJ-2025-00001.html")
    assert "<script>alert" not in page and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    # The title reads as typed, in the tab as on the page, and opens no tag.
    assert "<b>春节</b>" not in page and "＜" not in page
    assert "<title>关于&lt;b&gt;春节&lt;/b&gt;办公安排的公告 - 玉溪市人民政府信息公开</title>" in page
    assert '>关于&#60;b&#62;春节&#60;/b&#62;办公安排的公告</h1>' in page


def test_manifest_publishes_each_documents_hash(built):
    manifest = json.loads(read(built, "manifest.json"))["documents"]
    regulation = next(d for d in all_documents() if d.title == "玉溪市电子政务运维管理办法(试行)")
    entry = next(m for m in manifest if m["path"] == "gazette/2025-09/02-01.html")
    assert entry["sha256"] == authenticity.text_hash(regulation.body)
    assert {m["doc_no"] for m in manifest} >= {"玉政发〔2025〕7号", "玉政办发〔2025〕15号", "玉政办通〔2025〕33号",
                                                "玉医保规〔2025〕1号"}


def test_generate_twice_writes_nothing_the_second_time(built, cli):
    code, out, _ = cli("site", "generate", "--json")
    report = json.loads(out)
    assert (report["written"], report["removed"], len(report["skipped"])) == ([], [], 2)


def test_the_committed_site_src_is_what_the_generator_makes(tmp_path, db):
    from core.publish.site.generate import generate

    demo.fill()  # the shipped gazette issue reviewed in the database
    committed = REPO / "site_src"
    fresh = tmp_path / "fresh"
    shutil.copytree(committed, fresh)
    report = generate(fresh)
    assert (report.written, report.removed) == ((), ()), "run `gongkai site generate` and commit site_src/"


def test_the_same_config_builds_with_zensical(tmp_path, db):
    """Material for MkDocs reaches end of life on 2027-05-05; its successor must
    build the site from the same mkdocs.yml."""
    import subprocess
    import sys

    from core.publish.site.generate import generate

    demo.fill()
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    generate(project / "site_src")
    zensical = Path(sys.executable).with_name("zensical")
    result = subprocess.run([str(zensical), "build", "-f", str(project / "mkdocs.yml")], capture_output=True,
                            text=True, cwd=project, timeout=300)
    assert result.returncode == 0, result.stderr
    page = (project / "site_build" / "gazette" / "2025-09" / "02-01.html").read_text(encoding="utf-8")
    assert 'id="第十五条"' in page and "玉溪市电子政务运维管理办法(试行)" in page


def test_only_the_approved_entry_is_published(built):
    assert (built / "catalogue" / "YXZWFWJ-2025-00001.html").is_file()
    for held_back in ("YXZWFWJ-2025-00002", "YXZWFWJ-2025-00003"):
        assert not (built / "catalogue" / f"{held_back}.html").exists()
        assert held_back.replace("-2025", "/2025") not in read(built, "catalogue/index.html")
    manifest = json.loads(read(built, "manifest.json"))["documents"]
    assert [m["title"] for m in manifest if m["path"].startswith("catalogue/")] == ["关于<b>春节</b>办公安排的公告"]


def test_a_review_record_in_a_file_publishes_nothing_the_database_has_not_approved(db, env, cli):
    """Adding 送审函: {结论: 同意公开} to a file published it while the database showed 待承办人拟定意见."""
    from core.publish.gazette import store

    records = store.reviews_of(env["catalogs"] / "gazette" / "2025-09")
    assert all(r["状态"] == "审查通过" for r in records.values())  # the copies say approved
    code, out, _ = cli("site", "generate", "--json")
    skipped = json.loads(out)["skipped"]
    assert len(skipped) == 7 and {s["reason"] for s in skipped} == {"未经保密审查"}
    connect_as(None)  # the demo signs for its officers: the training database's owner runs it
    demo.fill()  # the demo officers review the shipped issue in the database
    code, out, _ = cli("site", "generate", "--json")
    assert json.loads(out)["skipped"] == []
    assert (env["home"] / "site_src" / "gazette" / "2025-09" / "02-01.md").exists()
    document = env["catalogs"] / "gazette" / "2025-09" / "02-01.md"
    document.write_text(document.read_text(encoding="utf-8") + "\n本办法另有补充规定。\n", encoding="utf-8")
    code, out, _ = cli("site", "generate", "--json")
    assert json.loads(out)["skipped"] == [{"kind": "gazette", "ref": "2025-09/02-01.md",
                                           "title": "玉溪市电子政务运维管理办法(试行)",
                                           "reason": "审查后文本已修改，须重新保密审查"}]
    toc = (env["home"] / "site_src" / "gazette" / "2025-09" / "index.md").read_text(encoding="utf-8")
    assert "(02.md)" in toc and "02-01" not in toc


def test_catalogue_by_class_agency_and_year_with_a_local_sort_script(built):
    front = read(built, "catalogue/index.html")
    assert '<a href="class-5.html">业务及服务</a>（1条）' in front
    assert '<a href="agency-YXZWFWJ.html">玉溪市政务服务管理局</a>（1条）' in front
    assert '<a href="year-2025.html">2025年</a>（1条）' in front
    for page in ("catalogue/class-5.html", "catalogue/agency-YXZWFWJ.html", "catalogue/year-2025.html"):
        html = read(built, page)
        assert "YXZWFWJ/2025-00001" in html and "<thead>" in html and "共 1 条" in html
    assert 'src="../assets/tablesort.js"' in front
    assert not (built / "catalogue" / "class-1.html").exists()  # no entries of 机构职能: no empty listing


def test_the_navigation_holds_sections_only(built):
    """Documents are reached through the listings: a page's sidebar does not grow with the catalogue."""
    page = read(built, "gazette/2025-09/02-01.html")
    sidebar = page[page.index('<nav class="md-nav md-nav--primary"'):page.index("</nav>", page.index(
        '<nav class="md-nav md-nav--primary"'))]
    assert re.findall(r'class="md-nav__link[^"]*"[^>]*>\s*<span class="md-ellipsis">\s*([^<]+?)\s*</span>', sidebar) == [
        "首页", "政府信息公开指南", "主动公开目录", "政府公报", "年度报告", "核对文件真伪", "审计检查点"]


def test_the_guide_gives_the_windows_and_the_offices_contacts(built):
    office = read(built, "guide/YXSZFB.html")
    assert "自受理申请之日起15个工作日内予以答复" in office and "经分管领导同意" in office
    assert "规定的期限（自收到申请之日起20个工作日）同时适用，以先届满者为准" in office
    assert "玉溪市人民政府办公室政务公开和信息科" in office and "玉溪市红塔区秀山西路7号" in office
    assert "（0877）2025340" in office
    assert "<strong>传真</strong>：将填好的申请表传真至受理机构（以双方确认之日为收到申请之日）" in office
    assert "<strong>电子邮件</strong>" not in office  # the office publishes no e-mail address
    # Fees in plain words, from the figures the fee notices are computed with; remedies with their periods.
    assert "31—100页（含）的部分每页10元；101—200页（含）的部分每页20元；201页以上的部分每页40元" in office
    assert "六十日内依法申请行政复议" in office and "六个月内依法提起行政诉讼" in office


def test_a_county_government_answers_under_the_条例_unless_its_data_says_otherwise(built):
    county = read(built, "guide/YXHTQ.html")
    assert "玉溪市红塔区人民政府执行《中华人民共和国政府信息公开条例（2019）》：自收到申请之日起20个工作日内予以答复" in county
    assert "可向政府信息公开工作主管部门玉溪市人民政府办公室咨询" in county  # no contacts of its own yet
    front = read(built, "guide.html")
    assert '<a href="guide/YXHTQ.html">玉溪市红塔区人民政府</a>：20个工作日（收到申请之日起）' in front
    assert '<a href="guide/YXSZFB.html">玉溪市人民政府办公室</a>：15个工作日（受理之日起）' in front


def test_the_application_form_comes_as_word_and_as_a_printable_page(built):
    from docx import Document

    form = Document(str(built / "guide" / "application-form.docx"))
    assert form.paragraphs[0].text == "政府信息公开申请表"
    cells = [c.text for t in form.tables for row in t.rows for c in row.cells]
    assert "所需政府信息的名称、文号或者便于查询的其他特征性描述" in cells and "□纸质　□电子" in cells
    printable = read(built, "guide/application-form.html")
    assert '<table class="form-table"><tr><th colspan="2">申请人信息（公民）</th></tr>' in printable
    assert "□当场查阅　□邮寄　□电子邮件　□自行领取" in printable


def test_a_broken_gazette_file_is_named_not_a_crash(db, env, cli, tmp_path, monkeypatch):
    path = env["catalogs"] / "gazette" / "2025-09" / "03.md"
    path.write_text(path.read_text(encoding="utf-8").replace("title: ", "title: [", 1), encoding="utf-8")
    code, _, err = cli("site", "generate")
    assert code == 1
    assert err.startswith("错误：catalogs/gazette/2025-09/03.md 第")
    assert "YAML 格式错误" in err


def test_no_line_of_a_list_is_dropped():
    """A continuation line and a numbered line inside a `- ` list were silently left out."""
    from core.publish.site.render import body_html

    assert body_html("- 甲\n  续行\n1. 乙\n- 丙") == ["<ul><li>甲<br>续行<br>1. 乙</li><li>丙</li></ul>"]


def test_every_published_text_is_on_its_page_word_for_word(db):
    """The visible text of each gazette document's and catalogue entry's page, canonicalised as
    `verify` does, hashes to the value the manifest publishes for it: nothing dropped, added or
    changed between the stored text and what a citizen reads."""
    from core.publish.authenticity import plain_text, text_hash
    from core.publish.site.render import body_html

    published = [(d.path.name, d.body) for d in all_documents()] + [(e.index_no, e.body) for e in catalogue.load_all()]
    assert len(published) >= 7
    for name, body in published:
        assert text_hash(plain_text("".join(body_html(body)))) == text_hash(body), name


def test_every_page_of_the_site_saved_or_copied_verifies_as_its_official_text(built):
    """A page saved as HTML, or its text as a browser copies it, is the official text: `verify`
    called the site's own pages altered (137 and 24 changes from check boxes, rules and dashes)."""
    from core.publish.authenticity import plain_text, verify
    from core.publish.texts import published

    titles = {d.path.stem: d.title for d in all_documents()}
    pages = sorted(p for p in built.glob("gazette/2025-09/*.html") if p.stem != "index")
    assert len(pages) == 7
    for page in pages:
        saved = page.read_text(encoding="utf-8")
        for copy in (saved, plain_text(saved)):
            verdict = verify(copy, published())
            assert (verdict.title, verdict.identical, verdict.changes) == (titles[page.stem], True, ()), page


def test_the_sitemap_lists_every_published_document_under_the_sites_address(built):
    sitemap = read(built, "sitemap.xml")
    for name in ("01", "02", "02-01", "03", "04", "04-01", "05"):
        assert f"<loc>https://www.yuxi.gov.cn/zwgk/gazette/2025-09/{name}.html</loc>" in sitemap
        assert (f'<link rel="canonical" href="https://www.yuxi.gov.cn/zwgk/gazette/2025-09/{name}.html">'
                in read(built, f"gazette/2025-09/{name}.html"))
    assert "YXZWFWJ-2025-00002" not in sitemap  # held back for its review: not announced either


def test_a_notice_and_the_measures_it_issues_link_to_each_other_and_a_repeal_names_what_it_repeals(built):
    notice, measures = read(built, "gazette/2025-09/02.html"), read(built, "gazette/2025-09/02-01.html")
    assert '随文印发：<a href="02-01.html">玉溪市电子政务运维管理办法(试行)</a>' in notice
    assert ('印发本文件的通知：<a href="02.html">玉溪市人民政府办公室关于印发玉溪市电子政务运维管理办法(试行)的通知</a>'
            '（玉政办发〔2025〕15号）') in measures
    assert "<td>主送</td><td>各县(市、区)人民政府、市直各委、办、局" in notice
    assert '<a href="#第六章">第六章 附则</a>' in measures and 'id="第六章"' in measures  # its contents, linked
    assert "<td>成文日期</td><td>2025-08-22（随印发通知）</td>" in measures  # the notice's date
    decision = read(built, "gazette/2025-09/01.html")
    assert "废止：《玉溪市人民政府关于印发玉溪市行政机关负责人行政诉讼出庭应诉规定的通知》（玉政发〔2015〕168号）" in decision


def test_the_home_page_leads_to_the_newest_documents_the_latest_issue_and_who_runs_the_site(built):
    home = read(built, "index.html")
    newest = home.index("玉溪市人民政府关于废止玉溪市行政机关负责人行政诉讼出庭应诉规定的决定")
    assert newest < home.index("玉溪市人民政府办公室关于调整公布市级行政规范性文件制定主体清单的通知")
    assert '最新一期：<a href="gazette/2025-09/index.html">玉溪市人民政府公报 2025年9月</a>' in home
    # The one approved entry; the held-back ones are not counted.
    assert '<a href="catalogue/class-5.html">业务及服务</a>（1）' in home
    assert "主办单位：玉溪市人民政府办公室" in read(built, "gazette/2025-09/02-01.html")  # every page's footer
