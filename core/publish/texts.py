"""What the site publishes — the catalogue entries and gazette documents whose 保密审查 is
complete for their very text — and those texts as `authenticity` compares a circulating copy
against them. The site, `gongkai verify` and the browser's 核对 page use this one selection."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from core.publish import authenticity, catalogue
from core.publish.authenticity import Official
from core.publish.gazette import store
from core.review import rules as review
from core.review import store as reviews
from core.store import audit
from core.store.db import write_transaction


@dataclass(frozen=True)
class Skipped:
    """An item left off the site, and why (保密审查 missing, unfinished or stale)."""

    kind: str  # catalogue / gazette / report
    ref: str  # 索引号, gazette file, or report CODE/YYYY
    title: str
    reason: str

    def as_json(self) -> dict:
        return {"kind": self.kind, "ref": self.ref, "title": self.title, "reason": self.reason}


@dataclass(frozen=True)
class Selection:
    all_entries: list  # every catalogue entry (a gazette document shows its entry's 索引号)
    entries: list  # the published ones
    documents: list  # published gazette documents
    cleared: dict  # kind → {ref: latest review steps}
    skipped: list[Skipped]

    def reviewed(self, kind: str, ref: str, title: str, text: str) -> bool:
        """保密制度: only an item the database holds a completed review of, of this very text, is
        published (the record in the item's file is a copy for people, never trusted)."""
        reason = review.blocked(self.cleared[kind].get(ref), authenticity.text_hash(text))
        if reason:
            self.skipped.append(Skipped(kind, ref, title, reason))
        return reason is None


def select() -> Selection:
    cleared = {kind: reviews.latest_steps(kind) for kind in ("catalogue", "gazette", "report")}
    chosen = Selection(catalogue.load_all(), [], [], cleared, [])
    chosen.entries.extend(e for e in chosen.all_entries if chosen.reviewed("catalogue", e.index_no, e.title, e.body))
    chosen.documents.extend(d for d in store.all_documents()
                            if chosen.reviewed("gazette", f"{d.path.parent.name}/{d.path.name}", d.title, d.body))
    return chosen


def page_of_entry(entry) -> str:
    return f"catalogue/{entry.index_no.replace('/', '-')}.html"


def page_of_document(doc) -> str:
    return f"gazette/{doc.path.parent.name}/{doc.path.stem}.html"


def published(chosen: Selection | None = None) -> list[Official]:
    chosen = chosen or select()
    return ([Official(d.title, d.doc_no, d.body, page_of_document(d)) for d in chosen.documents]
            + [Official(e.title, e.doc_no, e.body, page_of_entry(e)) for e in chosen.entries])


def stamp_publication(chosen: Selection, actor: str, today: dt.date) -> list[dict]:
    """Record on each published entry the day it went out (发布日期) and the day a recorded change
    went out (更新日期: its text approved again on or after the 变更日期), in its file and in the
    system chain: what the 主动公开 windows are measured by."""
    stamped = []
    for entry in chosen.entries:
        if entry.published is None:
            changes = {"发布日期": today}
        elif entry.changed and entry.changed > (entry.updated or entry.published) and \
                _approved_on(entry.index_no) >= entry.changed:
            changes = {"更新日期": today}
        else:
            continue
        catalogue.update_head(entry.path, changes)
        stamped.append({"index_no": entry.index_no, **{k: v.isoformat() for k, v in changes.items()},
                        "sha256": hashlib.sha256(entry.path.read_bytes()).hexdigest()})
    if stamped:
        with write_transaction():
            audit.system_event(actor, "catalogue_publish", {"entries": stamped})
    return stamped


def _approved_on(index_no: str) -> dt.date:
    view = reviews.for_subject("catalogue", index_no)
    return view.steps[-1]["at"].date()
