"""Benchmark: parsing a gazette document grows linearly with its size.

Two 2.6 MB inputs: the seed issue's documents repeated (ordinary paragraphs), and
one long unpunctuated text in blank-line separated pieces (the shape a page-broken
scan produces, which was quadratic: 0.8 MB in 31 s). Baseline: splitting the same
text into paragraphs and joining them again, the least any parser must do.
Target: each parse of 2.6 MB in under 3 s; checks that no text was dropped."""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.publish.document import elements
from core.publish.gazette import parse

SEED = ROOT.parent / "shared" / "seeds" / "000_dbad44c754599aa5.txt"
SIZE = 2_600_000


def inputs() -> dict[str, str]:
    sentence = "本办法所称政务信息系统包括各类业务系统和基础设施以及相关的数据资源"
    broken = "玉溪市政务信息系统管理办法\n\n第一条　" + "\n\n".join(
        sentence for _ in range(SIZE // len(sentence.encode())))
    made = {"page-broken text": broken}
    if SEED.is_file():
        seed = SEED.read_text(encoding="utf-8")
        made["seed issue repeated"] = seed * (SIZE // len(seed.encode()) + 1)
    return made


def chars(text: str) -> int:
    return len(re.sub(r"\s", "", text))


def main() -> None:
    failed = False
    for name, text in inputs().items():
        t0 = time.perf_counter()
        "".join(p.strip() for p in text.split("\n\n"))
        baseline = time.perf_counter() - t0
        t0 = time.perf_counter()
        parsed = parse.parse_issue(text) if parse.is_issue(text) else parse.from_elements(elements.parse(text))
        elapsed = time.perf_counter() - t0
        kept = chars("".join(parsed.body)) if name == "page-broken text" else None
        print(f"{name}: {len(text.encode()) / 1e6:.1f} MB parsed in {elapsed:.2f} s "
              f"(baseline {baseline * 1000:.0f} ms, ratio {elapsed / max(baseline, 1e-6):.0f})")
        if kept is not None and kept < chars(text) - chars("玉溪市政务信息系统管理办法第一条"):
            print(f"FAIL: {name}: text dropped ({kept} of {chars(text)} characters kept)")
            failed = True
        if elapsed > 3.0:
            print(f"FAIL: {name}: over 3 s")
            failed = True
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
