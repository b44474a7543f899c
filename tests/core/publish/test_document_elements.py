"""GB/T 9704 elements read from official documents in the layouts offices really publish:
the corpus in tests/fixtures/documents/, each text beside the elements it must give."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from core.publish.document import sources
from core.publish.document.elements import parse

CORPUS = Path(__file__).resolve().parents[2] / "fixtures" / "documents"
FORMATS = (".txt", ".docx", ".pdf", ".html")  # the .docx/.pdf/.html are made from the .txt by make_formats.py
CASES = [(path, suffix) for path in sorted(CORPUS.glob("*.txt")) for suffix in FORMATS]


def found(doc, expected: dict) -> dict:
    """What the parser gave for each expected key, in the expectation's terms."""
    got = {"title": doc.title, "doc_no": doc.doc_no, "issuers": doc.issuers,
           "date": doc.date.isoformat() if doc.date else None,
           "addressees": doc.first("主送机关"), "articles": len(doc.articles),
           "chapters": [t for _, t in doc.chapters], "attachments": doc.attachments}
    result = {k: got[k] for k in expected if k in got}
    if "elements" in expected:
        result["elements"] = {name: doc.first(name) for name in expected["elements"]}
    if "documents" in expected:
        result["documents"] = [found(child, want) for child, want in zip(doc.documents, expected["documents"])]
        if len(doc.documents) != len(expected["documents"]):
            result["documents"].append(f"{len(doc.documents)} nested documents")
    return result


def expectation(path: Path) -> dict:
    data = yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8"))

    def normal(value):
        if isinstance(value, dict):
            return {k: normal(v) for k, v in value.items()}
        if isinstance(value, list):
            return [normal(v) for v in value]
        return value.isoformat() if isinstance(value, dt.date) else value

    return normal(data)


@pytest.mark.parametrize("path, suffix", CASES, ids=[f"{p.stem}{s}" for p, s in CASES])
def test_each_document_gives_its_elements_from_each_kind_of_file(path, suffix):
    expected = expectation(path)
    assert found(parse(sources.text_of(path.with_suffix(suffix)).text), expected) == expected


@settings(max_examples=int(os.environ.get("GONGKAI_FUZZ_EXAMPLES", "400")), deadline=None)
@given(st.lists(st.one_of(st.text(max_size=80), st.sampled_from([
    "玉溪市人民政府文件", "玉政发〔2025〕4号", "签发人：李　明", "关于印发《某某办法》的通知", "各县（市、区）人民政府：",
    "第一章　总则", "第一条　为了", "附件：1.某表", "附件1", "二○○六年五月十日", "2025年13月40日", "（此件公开发布）",
    "抄送：市委办公室。", "某某办公室　　2025年1月2日印发", "— 3 —", "某某办法", "\u3000", ""])), max_size=60))
def test_any_text_gives_elements_or_what_is_missing_never_a_crash(lines):
    doc = parse("\n".join(lines))
    assert isinstance(doc.missing, list) and all(e.line >= 1 for e in doc.elements)
    doc.as_json()


@settings(max_examples=int(os.environ.get("GONGKAI_FUZZ_EXAMPLES", "400")) // 4, deadline=None)
@given(st.sampled_from([p for p, _ in CASES[::len(FORMATS)]]), st.floats(0, 1))
def test_a_truncated_document_lists_what_it_lacks(path, share):
    text = path.read_text(encoding="utf-8")
    doc = parse(text[:int(len(text) * share)])
    for name in ("标题", "发文机关署名", "成文日期"):  # what every document calls for: found or listed
        assert (doc.first(name) is None) == (name in doc.missing), name


def test_sections_are_read_within_their_chapters():
    doc = parse((CORPUS / "08-standalone-regulation-sections.txt").read_text(encoding="utf-8"))
    [measures] = doc.documents
    assert measures.sections == [(1, 1, "一般规定"), (1, 2, "投资方向")]
    assert [(a.number, a.chapter) for a in measures.articles] == [(1, 1), (2, 1), (3, 1), (4, 2), (5, 2), (6, 3), (7, 3)]


def test_a_huge_unbroken_text_is_read_in_time():
    doc = parse("为进一步规范管理" * 200_000)  # 1.6 million characters on one line
    assert doc.missing == ["标题", "发文机关署名", "成文日期"]


def test_per_element_accuracy_over_the_corpus(capsys):
    """Every expected element, over every document in every format: the figure the closing note
    quotes (run with -s to see it); all must be found."""
    hits: dict[str, list[int]] = {}
    for path, suffix in CASES:
        expected = expectation(path)
        got = found(parse(sources.text_of(path.with_suffix(suffix)).text), expected)
        for key, want in expected.items():
            if key == "elements":
                for name, value in want.items():
                    hits.setdefault(name, []).append(got["elements"][name] == value)
            elif key == "documents":
                hits.setdefault("nested documents", []).append(got["documents"] == want)
            else:
                hits.setdefault(key, []).append(got[key] == want)
    with capsys.disabled():
        print("\n" + "\n".join(f"  {name}: {sum(h)}/{len(h)}" for name, h in sorted(hits.items())))
    assert all(all(h) for h in hits.values())
