"""The 核对文件真伪 page: a citizen pastes a circulating copy and the browser — no server, nothing
from the internet — gives the verdict `gongkai verify` gives (assets/verify.js is the same
algorithm as core/publish/authenticity.py, line for line).

The page loads a small index (`verify/index.js`: each published text's title, 文号, page,
SHA-256 and a sample of its four-character grams); the sample picks the few texts a copy can be
a version of, and only their full texts (`verify/texts/N.js`) are loaded. Scripts, not fetched
JSON: a page opened from a folder (file://) may load scripts but not fetch files."""

from __future__ import annotations

import json

from core.publish import authenticity
from core.publish.authenticity import Official
from core.publish.site.render import page

# A gram is in a text's sample when its FNV-1a hash (over code points) is 0 modulo SAMPLE;
# a text with fewer than ALL_BELOW grams is sampled whole. verify.js reads the samples from the index.
SAMPLE = 16
ALL_BELOW = 256


def fnv1a(text: str) -> int:
    h = 2166136261
    for ch in text:
        h = ((h ^ ord(ch)) * 16777619) & 0xFFFFFFFF
    return h


def sample(canonical_text: str) -> tuple[int, list[str]]:
    """(number of distinct grams, the sampled grams in order of first appearance)."""
    grams = list(dict.fromkeys(canonical_text[i:i + 4] for i in range(0, max(len(canonical_text) - 3, 1))))
    if len(grams) < ALL_BELOW:
        return len(grams), grams
    return len(grams), [g for g in grams if fnv1a(g) % SAMPLE == 0]


def _script(value) -> str:
    # JSON is valid JavaScript; "</" is escaped so no text can close a <script> element.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def files(published: list[Official]) -> dict[str, str]:
    index = []
    out = {}
    for number, official in enumerate(published):
        count, grams = sample(authenticity.canonical(official.body))
        index.append({"title": official.title, "doc_no": official.doc_no, "page": official.page,
                      "sha256": authenticity.text_hash(official.body), "grams": count, "sample": grams})
        out[f"verify/texts/{number}.js"] = f"GONGKAI_TEXT({number},{_script(official.body)});\n"
    out["verify/index.js"] = f"var GONGKAI_PUBLISHED={_script(index)};\n"
    out["verify.md"] = page(
        "核对文件真伪",
        "网上流传的政府文件，可在此与本站公布的正式文本逐字核对。将副本全文粘贴到下框（也可粘贴网页源代码，或选择保存的文件），"
        "点击“核对”：本页在您的浏览器中比对，不上传任何内容。",
        '<div class="gk-verify">\n'
        '<textarea id="gk-copy" rows="12" aria-label="副本全文" placeholder="将副本全文粘贴到这里"></textarea>\n'
        '<p><button id="gk-check" class="md-button md-button--primary" type="button">核对</button>　'
        '<label>或选择文件：<input type="file" id="gk-file" accept=".txt,.md,.html,.htm"></label></p>\n'
        '<div id="gk-result" aria-live="polite"></div>\n'
        "</div>\n"
        '<script src="verify/index.js"></script>\n<script src="assets/verify.js"></script>',
        f"比对规则：全角与半角字符视为相同，空白、换行和排版符号不计；与任何正式文本的相似度低于 "
        f"{authenticity.SIMILARITY:.0%} 时，判定为“未找到对应的正式文件”。每份正式文本的 SHA-256 校验值见 "
        "[manifest.json](manifest.json)；机关工作人员也可用 `gongkai verify` 得出同样的结论。")
    return out
