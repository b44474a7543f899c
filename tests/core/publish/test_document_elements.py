"""GB/T 9704 elements read from official documents in the layouts offices really publish:
the corpus in tests/fixtures/documents/, each text beside the elements it must give."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from core.publish.document.elements import parse

CORPUS = Path(__file__).resolve().parents[2] / "fixtures" / "documents"
CASES = sorted(CORPUS.glob("*.txt"))


def found(doc, expected: dict) -> dict:
    """What the parser gave for each expected key, in the expectation's terms."""
    got = {"title": doc.title, "doc_no": doc.doc_no, "issuers": doc.issuers, "date": doc.date,
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


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_each_document_gives_its_elements(path):
    expected = expectation(path)
    doc = parse(path.read_text(encoding="utf-8"))
    got = found(doc, expected)
    got = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in got.items()}
    for child in got.get("documents", []):
        if isinstance(child, dict) and isinstance(child.get("date"), dt.date):
            child["date"] = child["date"].isoformat()
    assert got == expected
