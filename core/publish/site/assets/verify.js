/* 核对文件真伪 in the browser: core/publish/authenticity.py, line for line, so that a citizen gets
   the verdict `gongkai verify` gives. Strings are handled as arrays of code points, as Python
   indexes them. Nothing leaves the browser and nothing is loaded from the internet. */
(function () {
  "use strict";

  var SIMILARITY = 0.5, SHORT_COPY = 200, MORE_WORDING = 0.2, CANDIDATES = 10;
  var NUMERAL = "零〇一二两三四五六七八九十百千";
  var ARTICLE_START = new RegExp("^第([" + NUMERAL + "]+)条");
  var CHAPTER_LINE = new RegExp("^第[" + NUMERAL + "]+章");
  var ANNEX_HEADING = /^附件([0-9]+(?:\.[0-9]+)*)?$/;
  var LIST_MARK = /^[ \t]*(?:[-+][ \t]+|[•●▪◦][ \t]*)/gm;
  // Python's \s for str (JavaScript's differs: it has \ufeff, lacks \x1c-\x1f and \x85).
  var SPACE = /[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;
  var LINES = /\r\n|[\n\v\f\r\x1c-\x1e\x85\u2028\u2029]/;
  var BLOCK_TAGS = ["p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table"];
  var DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9};
  var UNITS = {"十": 10, "百": 100, "千": 1000};

  function chars(s) { return Array.from(s); }

  function canonical(text) {
    text = text.normalize("NFKC").replace(LIST_MARK, "").replace(/[*#|>`]/g, "");
    return text.replace(SPACE, "");
  }

  function toInt(text) {
    var total = 0, digit = null;
    for (var ch of text) {
      if (ch in DIGITS) { digit = DIGITS[ch]; } else { total += (digit === null ? 1 : digit) * UNITS[ch]; digit = null; }
    }
    return total + (digit || 0);
  }

  function unescapeEntities(text) {
    if (text.indexOf("&") < 0) return text;
    var doc = new DOMParser().parseFromString(text.replace(/</g, "&lt;"), "text/html");
    return doc.body.textContent;
  }

  function plainText(text) {
    if (!/<(p|div|html|body|br|span)\b/i.test(text)) return text;
    var doc = new DOMParser().parseFromString(text, "text/html");
    var parts = [];
    (function walk(node) {
      for (var child = node.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === 3) { parts.push(child.data); continue; }
        if (child.nodeType !== 1) continue;
        var tag = child.localName;
        if (tag === "script" || tag === "style") continue;
        var block = BLOCK_TAGS.indexOf(tag) >= 0;
        if (block) parts.push("\n");
        walk(tag === "template" ? child.content : child);
        if (block) parts.push("\n");
      }
    })(doc);
    return unescapeEntities(parts.join(""));
  }

  function segments(text) {
    var result = [], article = null;
    for (var line of plainText(text).split(LINES)) {
      var c = canonical(line);
      if (!c || CHAPTER_LINE.test(c)) continue;
      var m = ARTICLE_START.exec(c), annex = ANNEX_HEADING.test(c);
      if (annex) { article = c; } else if (m && typeof article !== "string") { article = toInt(m[1]); }
      result.push([article, c]);
    }
    return result;
  }

  function grams(cs) {  // cs: code points
    var out = new Set();
    for (var i = 0; i < Math.max(cs.length - 3, 1); i++) out.add(cs.slice(i, i + 4).join(""));
    return out;
  }

  function score(shared, officialGrams, copyGrams, copyLength) {
    var coverage = shared / (officialGrams || 1);
    return copyLength >= SHORT_COPY ? Math.max(coverage, shared / (copyGrams || 1)) : coverage;
  }

  /* difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() */
  function opcodes(a, b) {
    var b2j = new Map();
    b.forEach(function (c, j) { if (!b2j.has(c)) b2j.set(c, []); b2j.get(c).push(j); });
    function longest(alo, ahi, blo, bhi) {
      var besti = alo, bestj = blo, bestsize = 0, j2len = new Map();
      for (var i = alo; i < ahi; i++) {
        var next = new Map(), js = b2j.get(a[i]) || [];
        for (var n = 0; n < js.length; n++) {
          var j = js[n];
          if (j < blo) continue;
          if (j >= bhi) break;
          var k = (j2len.get(j - 1) || 0) + 1;
          next.set(j, k);
          if (k > bestsize) { besti = i - k + 1; bestj = j - k + 1; bestsize = k; }
        }
        j2len = next;
      }
      while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) { besti--; bestj--; bestsize++; }
      while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] === b[bestj + bestsize]) bestsize++;
      return [besti, bestj, bestsize];
    }
    var queue = [[0, a.length, 0, b.length]], blocks = [];
    while (queue.length) {
      var q = queue.pop(), x = longest(q[0], q[1], q[2], q[3]);
      if (x[2]) {
        blocks.push(x);
        if (q[0] < x[0] && q[2] < x[1]) queue.push([q[0], x[0], q[2], x[1]]);
        if (x[0] + x[2] < q[1] && x[1] + x[2] < q[3]) queue.push([x[0] + x[2], q[1], x[1] + x[2], q[3]]);
      }
    }
    blocks.sort(function (p, r) { return p[0] - r[0] || p[1] - r[1] || p[2] - r[2]; });
    var merged = [], i1 = 0, j1 = 0, k1 = 0;
    blocks.forEach(function (blk) {
      if (i1 + k1 === blk[0] && j1 + k1 === blk[1]) { k1 += blk[2]; } else {
        if (k1) merged.push([i1, j1, k1]);
        i1 = blk[0]; j1 = blk[1]; k1 = blk[2];
      }
    });
    if (k1) merged.push([i1, j1, k1]);
    merged.push([a.length, b.length, 0]);
    var out = [], i = 0, j = 0;
    merged.forEach(function (m) {
      var tag = i < m[0] && j < m[1] ? "replace" : i < m[0] ? "delete" : j < m[1] ? "insert" : "";
      if (tag) out.push([tag, i, m[0], j, m[1]]);
      i = m[0] + m[2]; j = m[1] + m[2];
      if (m[2]) out.push(["equal", m[0], i, m[1], j]);
    });
    return out;
  }

  function phraseChanges(article, official, copy) {
    var a = chars(official), b = chars(copy), groups = [];
    opcodes(a, b).forEach(function (op) {
      if (op[0] === "equal") return;
      var last = groups[groups.length - 1];
      if (last && op[1] - last[1] < 2 && op[3] - last[3] < 2) { last[1] = op[2]; last[3] = op[4]; }
      else groups.push([op[1], op[2], op[3], op[4]]);
    });
    return groups.map(function (g) {
      var kind = g[1] > g[0] && g[3] > g[2] ? "substituted" : g[1] > g[0] ? "missing" : "added";
      return {kind: kind, article: article, official: a.slice(g[0], g[1]).join(""), copy: b.slice(g[2], g[3]).join("")};
    });
  }

  function byArticle(segs) {  // a Map keeps the order of first appearance, as a Python dict does
    var grouped = new Map();
    segs.forEach(function (s) { grouped.set(s[0], (grouped.get(s[0]) || "") + s[1]); });
    return grouped;
  }

  function compare(official, copy) {
    var ours = segments(official.body), theirs = segments(copy), changes = [];
    if (ours.some(function (s) { return s[0] !== null; })) {
      var a = byArticle(ours), b = byArticle(theirs);
      if (!a.has(null)) b.delete(null);
      var order = Array.from(new Set(ours.map(function (s) { return s[0]; })));
      var keys = Array.from(b.keys()), last = keys.length ? keys[keys.length - 1] : null;
      order.concat(keys.filter(function (n) { return !a.has(n); })).forEach(function (number) {
        if (!b.has(number)) { changes.push({kind: "missing", article: number, official: a.get(number), copy: ""}); }
        else if (!a.has(number)) { changes.push({kind: "added", article: number, official: "", copy: b.get(number)}); }
        else if (a.get(number) !== b.get(number)) {
          var found = phraseChanges(number, a.get(number), b.get(number));
          if (number === last && found.length && found[found.length - 1].kind === "added" &&
              b.get(number).startsWith(a.get(number))) found.pop();
          changes.push.apply(changes, found);
        }
      });
    } else {
      var officialText = ours.map(function (s) { return s[1]; }).join("");
      var copyText = theirs.map(function (s) { return s[1]; }).join("");
      var start = officialText ? copyText.indexOf(chars(officialText).slice(0, 20).join("")) : -1;
      var rest = copyText.slice(Math.max(start, 0));  // the same text from the same characters on
      var found = phraseChanges(null, officialText, rest);
      if (found.length && found[found.length - 1].kind === "added" && rest.startsWith(officialText)) found.pop();
      changes.push.apply(changes, found);
    }
    return changes;
  }

  function loadText(number) {
    var texts = window.GONGKAI_TEXTS || (window.GONGKAI_TEXTS = {});
    if (number in texts) return Promise.resolve(texts[number]);
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = "verify/texts/" + number + ".js";
      script.onload = function () { resolve(texts[number]); };
      script.onerror = function () { reject(new Error("无法读取正式文本 " + number)); };
      document.head.appendChild(script);
    });
  }
  window.GONGKAI_TEXT = function (number, body) { (window.GONGKAI_TEXTS || (window.GONGKAI_TEXTS = {}))[number] = body; };

  /* The few published texts the verdict can name, by their gram samples: those carrying the
     most of the copy's wording (the text it is a version of, the largest found whole in it) and
     the closest few (whose similarity a "no match" reports). */
  function candidates(text) {
    var copyGrams = grams(chars(text)), long = chars(text).length >= SHORT_COPY;
    var scored = window.GONGKAI_PUBLISHED.map(function (doc, number) {
      var shared = doc.sample.filter(function (g) { return copyGrams.has(g); }).length;
      var coverage = shared / (doc.sample.length || 1), mass = shared * doc.grams / (doc.sample.length || 1);
      return {number: number, mass: mass, estimate: long ? Math.max(coverage, mass / (copyGrams.size || 1)) : coverage};
    });
    var closest = scored.slice().sort(function (p, r) { return r.estimate - p.estimate || p.number - r.number; });
    var heaviest = scored.filter(function (s) { return s.estimate >= 0.3; })
      .sort(function (p, r) { return r.mass - p.mass || p.number - r.number; });
    var picked = new Map();
    heaviest.slice(0, CANDIDATES).concat(closest.slice(0, 3)).forEach(function (s) { picked.set(s.number, s); });
    return Array.from(picked.values());
  }

  async function sha256(text) {
    var bytes = new TextEncoder().encode(text);
    if (!(window.crypto && crypto.subtle)) return null;  // not a secure context: the check shows no digest
    var digest = await crypto.subtle.digest("SHA-256", bytes);
    return Array.from(new Uint8Array(digest)).map(function (x) { return x.toString(16).padStart(2, "0"); }).join("");
  }

  /* The verdict, in the form `gongkai verify --json` prints. */
  async function verify(copy) {
    var text = canonical(plainText(copy));
    if (!window.GONGKAI_PUBLISHED.length || !text) return verdict(null, false, [], null, 0);
    // In published order, as Python's max() meets them: the first of equals wins alike.
    var picked = candidates(text).sort(function (p, r) { return p.number - r.number; }), loaded = [];
    for (var c of picked) {
      var body = await loadText(c.number);
      loaded.push({doc: window.GONGKAI_PUBLISHED[c.number], body: body, canon: canonical(body)});
    }
    // Of the texts the copy is similar enough to, the one it carries the most wording of; but
    // the text found whole in it, unless that one carries MORE_WORDING of the copy beyond it.
    var theirs = grams(chars(text)), length = chars(text).length, best = null, whole = null, top = 0;
    loaded.forEach(function (o) {
      var ours = grams(chars(o.canon));
      o.shared = 0;
      ours.forEach(function (g) { if (theirs.has(g)) o.shared++; });
      o.score = score(o.shared, ours.size, theirs.size, length);
      top = Math.max(top, o.score);
      if (o.score >= SIMILARITY && (!best || o.shared > best.shared)) best = o;
      if (o.canon && text.indexOf(o.canon) >= 0 && (!whole || chars(o.canon).length > chars(whole.canon).length)) whole = o;
    });
    if (!best) return verdict(null, false, [], null, top);
    if (whole && best.shared - whole.shared < MORE_WORDING * theirs.size) best = whole;
    if (best.canon && text.indexOf(best.canon) >= 0) return verdict(best, true, [], await sha256(best.canon), 1.0);
    var changes = compare({body: best.body}, copy);
    return verdict(best, !changes.length, changes, await sha256(best.canon), best.score);
  }

  function verdict(official, identical, changes, digest, score) {
    return {match: official ? {title: official.doc.title, doc_no: official.doc.doc_no} : null, identical: identical,
            changes: changes, official_sha256: official ? official.doc.sha256 : null,
            similarity: Math.round(score * 1000) / 1000, page: official ? official.doc.page : null,
            computed_sha256: digest};
  }
  window.gongkaiVerify = verify;

  /* The page: the verdict in words, every changed phrase marked. */
  var KIND_NAMES = {substituted: "改动", missing: "缺失", added: "增加"};

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; });
  }

  function where(article) {
    return typeof article === "string" ? article : article ? "第" + article + "条" : "正文";
  }

  function detail(c) {
    if (typeof c.article === "string" && (c.kind === "missing" || c.kind === "added"))
      return "整个" + esc(c.article) + "（" + chars(c.official || c.copy).length + " 字）";
    if (c.kind === "substituted") return "“<del>" + esc(c.official) + "</del>”被改为“<ins>" + esc(c.copy) + "</ins>”";
    if (c.kind === "missing") return "缺少“<del>" + esc(c.official) + "</del>”";
    return "多出“<ins>" + esc(c.copy) + "</ins>”";
  }

  function show(v) {
    var name = v.match ? "《" + esc(v.match.title) + "》" + (v.match.doc_no ? "（" + esc(v.match.doc_no) + "）" : "") : "";
    var link = v.page ? ' <a href="' + esc(v.page) + '">查看正式文本</a>' : "";
    if (!v.match) {
      return '<div class="admonition failure"><p class="admonition-title">未找到对应的正式文件</p><p>' +
        "未找到与该副本对应的正式文件（与最接近的正式文件相似度 " + Math.round(v.similarity * 100) + "%，低于 " +
        Math.round(SIMILARITY * 100) + "%）：它不是本网站公布的任何文件的版本。</p></div>";
    }
    if (v.identical) {
      var proof = v.computed_sha256 === v.official_sha256 ? "副本中正式文本的 SHA-256 校验值 <code>" + v.computed_sha256 +
        "</code> 与本站公布的一致。" : "本站公布的 SHA-256 校验值：<code>" + esc(v.official_sha256) + "</code>。";
      return '<div class="admonition success"><p class="admonition-title">与正式文本一致</p><p>与正式文本' + name +
        "一致。" + link + "</p><p>" + proof + "</p></div>";
    }
    return '<div class="admonition danger"><p class="admonition-title">与正式文本不一致</p><p>与正式文本' + name +
      "不一致，共 " + v.changes.length + " 处（相似度 " + Math.round(v.similarity * 100) + "%）：" + link + "</p><ol>" +
      v.changes.map(function (c) {
        return '<li class="gk-' + c.kind + '">' + where(c.article) + " " + KIND_NAMES[c.kind] + "：" + detail(c) + "</li>";
      }).join("") + "</ol></div>";
  }

  function start() {
    var box = document.getElementById("gk-copy"), out = document.getElementById("gk-result");
    if (!box || !out) return;
    document.getElementById("gk-check").addEventListener("click", async function () {
      out.innerHTML = "<p>正在核对……</p>";
      try { out.innerHTML = show(await verify(box.value)); } catch (e) { out.innerHTML = "<p>核对失败：" + esc(e.message) + "</p>"; }
    });
    document.getElementById("gk-file").addEventListener("change", function (event) {
      var file = event.target.files[0];
      if (file) file.text().then(function (t) { box.value = t; });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
