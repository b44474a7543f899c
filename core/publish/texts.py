"""Every text whose hash the site publishes — the gazette's documents and the catalogue's
entries — as `authenticity` compares a circulating copy against them."""

from __future__ import annotations

from core.errors import DataFileError
from core.publish import catalogue
from core.publish.authenticity import Official
from core.publish.gazette.store import all_documents


def published() -> list[Official]:
    found = [Official(d.title, d.doc_no, d.body) for d in all_documents()]
    for path in sorted(catalogue.root().glob("*/*.md")):
        try:
            entry = catalogue.parse_entry(path)
        except DataFileError:  # a broken entry is not published either
            continue
        found.append(Official(entry.title, entry.doc_no, entry.body))
    return found
