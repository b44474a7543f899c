"""Benchmark: the public site at 200 and at 2,000 catalogue entries, and at 200 and 2,000
gazette documents — every item reviewed in the database, so every page is really published.

Baseline: the same work at 200 items in the same run. Figures: build time (generate + MkDocs
+ post-processing, as `gongkai site build` does it) and its 2,000/200 ratio (target ≤ 11); the
mean size of a document page and the largest page of the site at 2,000 against 200 (target
≤ 1.2×); and, on the catalogue, adding one entry (what `gongkai catalog add` does: the file and
its review) and signing one review, at 200 and 2,000 entries (target ≤ 0.5 s at 2,000).
Checks: the number of published item pages equals the items made, and the built search index
holds each of them; the benchmark fails otherwise, or when a target is missed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED_ISSUE = ROOT / "catalogs" / "gazette" / "2025-09"
GONGKAI = [sys.executable, "-m", "core.cli.main"]
SIZES = (200, 2000)
CLASSES = ("机构职能", "法律依据", "发展规划", "行政执法", "业务及服务", "其他")


def _bodies() -> list[str]:
    """Real official text in pieces of 400–3,000 characters (the seed issue's documents)."""
    texts = [p.read_text(encoding="utf-8").split("\n---\n", 1)[-1] for p in sorted(SEED_ISSUE.glob("*.md"))]
    pieces = []
    for text in texts:
        paragraphs = [p for p in text.split("\n\n") if p.strip() and not p.startswith("#")]
        for start in range(0, len(paragraphs), 6):
            piece = "\n\n".join(paragraphs[start:start + 6 + start % 5])
            if len(piece) >= 400:
                pieces.append(piece[:3000])
    return pieces


def make_catalogue(target: Path, entries: int) -> None:
    """`entries` catalogue files, half of them the 市政府办公室's, over classes and seven years."""
    agencies = [line.split(":", 1)[1].strip() for line in (ROOT / "catalogs" / "agencies.yaml").read_text(
        encoding="utf-8").splitlines() if line.strip().startswith("- code:") or line.strip().startswith("code:")]
    others = [a for a in agencies if a != "YXSZFB"] or ["YXSZFB"]
    bodies = _bodies()
    serials: dict[tuple[str, int], int] = {}
    for n in range(entries):
        agency = "YXSZFB" if n % 2 == 0 else others[n % len(others)]
        year = 2019 + n % 7
        serials[agency, year] = serial = serials.get((agency, year), 0) + 1
        index_no = f"{agency}/{year}-{serial:05d}"
        folder = target / "catalogue" / agency
        folder.mkdir(parents=True, exist_ok=True)
        head = (f"索引号: {index_no}\n信息名称: 关于第{n + 1}项工作的通知（{CLASSES[n % 6]}）\n内容概述: 第{n + 1}项\n"
                f"发布机构: {agency}\n成文日期: {year}-{1 + n % 12:02d}-{1 + n % 28:02d}\n文号: 玉政办发〔{year}〕{serial}号\n"
                f"主题分类: {CLASSES[n % 6]}\n公开方式: 主动公开\n有效性: 有效\n")
        (folder / f"{index_no.replace('/', '-')}.md").write_text(f"---\n{head}---\n\n{bodies[n % len(bodies)]}\n",
                                                                 encoding="utf-8")


def make_gazette(target: Path, documents: int) -> None:
    """Issues copied from the seed issue, titles numbered, until `documents` documents exist."""
    files = sorted(SEED_ISSUE.glob("*.md"))
    made, issue = 0, 0
    while made < documents:
        issue += 1
        year, month = 2000 + (issue - 1) // 12, (issue - 1) % 12 + 1
        folder = target / "gazette" / f"{year}-{month:02d}"
        folder.mkdir(parents=True)
        meta = (SEED_ISSUE / "issue.yaml").read_text(encoding="utf-8")
        (folder / "issue.yaml").write_text(meta.replace("year: 2025", f"year: {year}")
                                           .replace("month: 9", f"month: {month}"), encoding="utf-8")
        for f in files[:documents - made]:
            text = f.read_text(encoding="utf-8").replace("title: ", f"title: （{issue}）", 1)
            (folder / f.name).write_text(text, encoding="utf-8")
            made += 1


def approve_everything() -> int:
    """In the benchmark's database: three officers, and a completed three-level review of the
    current text of every catalogue entry and gazette document (set-up, not measured)."""
    import datetime as dt

    from core.organisation import roles, users
    from core.publish import authenticity, catalogue
    from core.publish.gazette import store
    from core.review import rules
    from core.session import start
    from core.store.db import write_transaction
    from core.store.models import Review, ReviewStep

    start()
    signers = [users.add(f"bench{i}", f"审查人{i}", "YXSZFB", [role])
               for i, role in enumerate((roles.CLERK, roles.OFFICE_DIRECTOR, roles.LEADER))]
    subjects = [("catalogue", e.index_no, e.title, e.body) for e in catalogue.load_all()]
    subjects += [("gazette", f"{d.path.parent.name}/{d.path.name}", d.title, d.body) for d in store.all_documents()]
    now = dt.datetime(2025, 12, 1, 9)
    with write_transaction():
        for kind, ref, title, body in subjects:
            digest = authenticity.text_hash(body)
            row = Review.create(subject_kind=kind, subject_ref=ref, title=title[:200], content_hash=digest,
                                state=rules.APPROVED)
            ReviewStep.insert_many([
                {"review": row.id, "seq": i + 1, "kind": "sign", "login": s.login, "role": s.roles[0],
                 "judgement": "不涉密" if i == 0 else None, "content_hash": digest, "at": now}
                for i, s in enumerate(signers)]).execute()
    return len(subjects)


def add_and_sign() -> dict:
    """One `catalog add` (entry file + its review) and one clerk's signature, timed in-process."""
    import datetime as dt

    from core.organisation import users
    from core.publish import catalogue
    from core.review import store as reviews
    from core.session import start

    actor = start()
    today = dt.date(2025, 12, 1)
    t0 = time.perf_counter()
    entry = catalogue.add("关于基准测试新增条目的公告", "其他", "YXSZFB", "新增条目正文。", None, today, actor=actor)
    review = reviews.create("catalogue", entry.index_no, actor, today)
    catalogue.find(entry.index_no)
    t1 = time.perf_counter()
    reviews.act(review.id, "sign", users.get("bench0"), today, opinion="不涉及国家秘密", judgement="不涉密")
    t2 = time.perf_counter()
    return {"add": t1 - t0, "sign": t2 - t1}


def helper(mode: str, env: dict) -> dict | int:
    """Run one of this module's set-up or timing steps in a fresh process on the benchmark's tree."""
    code = f"import sys, json; sys.path.insert(0, {str(ROOT)!r}); import bench.site as b; print(json.dumps(b.{mode}()))"
    result = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"{mode} failed: {result.stderr[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def run(kind: str, items: int, work: Path) -> dict:
    tree = work / "tree"
    shutil.copytree(ROOT / "catalogs", tree / "catalogs", ignore=shutil.ignore_patterns("gazette", "catalogue"))
    (tree / "catalogs" / "gazette").mkdir()
    shutil.copy(ROOT / "mkdocs.yml", tree / "mkdocs.yml")
    (make_catalogue if kind == "catalogue" else make_gazette)(tree / "catalogs", items)
    env = {**os.environ, "GONGKAI_HOME": str(tree), "GONGKAI_DB": f"sqlite:///{work / 'bench.db'}",
           "GONGKAI_USER": "admin", "GONGKAI_TODAY": "2025-12-01"}
    subprocess.run(GONGKAI + ["init", "--training"], env=env, check=True, cwd=ROOT, capture_output=True)
    reviewed = helper("approve_everything", env)
    out = work / "site"
    t0 = time.perf_counter()
    result = subprocess.run(GONGKAI + ["site", "build", "--out", str(out), "--json"], env=env, cwd=ROOT,
                            capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    if result.returncode:
        raise SystemExit(f"site build failed: {result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    pages = list(out.rglob("*.html"))
    item_pages = [p for p in pages if (kind == "catalogue" and p.parent.name == "catalogue" and "/" not in p.stem
                                       and p.stem.count("-") == 2 and p.stem[-5:].isdigit())
                  or (kind == "gazette" and p.parent.parent.name == "gazette" and p.stem != "index")]
    indexed = {d["location"] for d in json.loads((out / "search" / "search_index.json").read_text(
        encoding="utf-8"))["docs"]}
    missing = [p for p in item_pages if p.relative_to(out).as_posix() not in indexed]
    if len(item_pages) != items or report["skipped"] or missing or reviewed != items:
        raise SystemExit(f"{kind} {items}: {len(item_pages)} item pages published of {items} "
                         f"({len(report['skipped'])} held back, {len(missing)} not in the search index)")
    figures = {"kind": kind, "items": items, "pages": len(pages), "build": seconds,
               "generate": report["generate_seconds"],
               "mean_item_page": sum(p.stat().st_size for p in item_pages) / len(item_pages),
               "largest_page": max(p.stat().st_size for p in pages),
               "site_bytes": sum(p.stat().st_size for p in out.rglob("*") if p.is_file()),
               "index_bytes": (out / "search" / "search_index.json").stat().st_size}
    if kind == "catalogue":
        figures.update(helper("add_and_sign", env))
    return figures


def main() -> None:
    failures = []
    for kind in ("catalogue", "gazette"):
        results = []
        for n in SIZES:
            with tempfile.TemporaryDirectory() as tmp:
                results.append(run(kind, n, Path(tmp)))
        small, large = results
        print(f"site, {kind}: every item reviewed and published (`gongkai site build`)")
        for r in results:
            extra = f", add {r['add'] * 1000:.0f} ms, sign {r['sign'] * 1000:.0f} ms" if "add" in r else ""
            print(f"  {r['items']:>5} items, {r['pages']:>5} pages: build {r['build']:.1f} s (generate "
                  f"{r['generate']:.2f} s), item page {r['mean_item_page'] / 1024:.1f} KiB, largest page "
                  f"{r['largest_page'] / 1024:.1f} KiB, site {r['site_bytes'] / 2**20:.1f} MiB, search index "
                  f"{r['index_bytes'] / 2**20:.1f} MiB{extra}")
        ratios = {"build 2000/200": (large["build"] / small["build"], 11),
                  "item page 2000/200": (large["mean_item_page"] / small["mean_item_page"], 1.2),
                  "largest page 2000/200": (large["largest_page"] / small["largest_page"], 1.2)}
        if kind == "catalogue":
            ratios["add at 2000 (s)"] = (large["add"], 0.5)
            ratios["sign at 2000 (s)"] = (large["sign"], 0.5)
        for name, (value, limit) in ratios.items():
            ok = value <= limit
            print(f"  {name}: {value:.2f}  (target ≤ {limit}){'' if ok else '  MISSED'}")
            if not ok:
                failures.append(f"{kind} {name}")
    if failures:
        raise SystemExit("targets missed: " + ", ".join(failures))


if __name__ == "__main__":
    main()
