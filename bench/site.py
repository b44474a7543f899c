"""Benchmark: the public site with 200 and with 2,000 gazette documents.

Synthetic issues are made from the seed issue's own documents (copied with
their titles numbered), the site is generated and built with MkDocs, and the
run prints time per page, site size per page, the 2,000/200 build-time ratio
and the generator's share of the build."""

from __future__ import annotations

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


def make_catalogs(target: Path, documents: int) -> int:
    shutil.copytree(ROOT / "catalogs", target, ignore=shutil.ignore_patterns("gazette"))
    files = sorted(p for p in SEED_ISSUE.glob("*.md"))
    made, issue = 0, 0
    while made < documents:
        issue += 1
        year, month = 2000 + (issue - 1) // 12, (issue - 1) % 12 + 1
        folder = target / "gazette" / f"{year}-{month:02d}"
        folder.mkdir(parents=True)
        meta = (SEED_ISSUE / "issue.yaml").read_text(encoding="utf-8")
        (folder / "issue.yaml").write_text(meta.replace("year: 2025", f"year: {year}")
                                           .replace("month: 9", f"month: {month}"), encoding="utf-8")
        for f in files:
            text = f.read_text(encoding="utf-8").replace("title: ", f"title: （{issue}）", 1)
            (folder / f.name).write_text(text, encoding="utf-8")
            made += 1
    return made


def run(documents: int, work: Path) -> dict:
    catalogs, out = work / "catalogs", work / "site"
    count = make_catalogs(catalogs, documents)
    shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    env = {**os.environ, "GONGKAI_HOME": str(work),
           "GONGKAI_DB": f"sqlite:///{work / 'bench.db'}", "GONGKAI_USER": "admin"}
    # A training database: GONGKAI_USER picks the officer only there.
    subprocess.run([sys.executable, "-m", "core.cli.main", "init", "--training"], env=env, check=True, cwd=ROOT,
                   capture_output=True)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "core.cli.main", "site", "generate"], env=env, check=True, cwd=ROOT,
                   capture_output=True)
    t1 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "core.cli.main", "site", "build", "--out", str(out)], env=env, check=True,
                   cwd=ROOT, capture_output=True)
    t2 = time.perf_counter()
    pages = list(out.rglob("*.html"))
    size = sum(p.stat().st_size for p in pages)
    doc_pages = [p for p in pages if "/gazette/" in p.as_posix() and p.parent.name[0].isdigit()
                 and "-" not in p.parent.name[:3]]
    return {"documents": count, "pages": len(pages), "generate": t1 - t0, "build": t2 - t1,
            "bytes_per_page": size / len(pages),
            "largest_page": max(p.stat().st_size for p in doc_pages) if doc_pages else 0}


def main() -> None:
    results = []
    for n in (200, 2000):
        with tempfile.TemporaryDirectory() as tmp:
            results.append(run(n, Path(tmp)))
    small, large = results
    print("site: generate + MkDocs build (the build step includes a second, no-op generate)")
    for r in results:
        print(f"  {r['documents']:>5} documents, {r['pages']:>5} pages: generate {r['generate']:.2f} s, build "
              f"{r['build']:.2f} s, {r['build'] / r['pages'] * 1000:.1f} ms/page, "
              f"{r['bytes_per_page'] / 1024:.1f} KiB/page")
    print(f"  ratio build 2000/200: {large['build'] / small['build']:.2f}  (target ≤ 12)")
    share = large["generate"] / (large["generate"] + large["build"])
    print(f"  generator share of the 2000-document build: {share * 100:.1f} %  (target ≤ 10 %)")


if __name__ == "__main__":
    main()
