/* zongjie Chinese search: a Web Worker that speaks Material for MkDocs' search-worker protocol.

   Material's bundle starts this worker (see zongjie-search/config.html), sends SETUP with the
   settings from search/search_index.json, waits for READY, then sends the query text on every
   change and renders each RESULT in its own result list. The index is the static files under
   search/zongjie/ written by zongjie.search.shards at build time:

     query → normalized terms → character bigrams → fetch the few postings shards they live in
           → segments holding every bigram of a term → pages → fetch the shown segments' text
           → check the exact phrase, rank, cut a highlighted excerpt.

   Normalization is the same per-character rule as zongjie/search/normalize.py: NFKC, lower
   case, Traditional → Simplified (OpenCC's character table), keep letters and digits only.
   No Intl.Segmenter, no modules, no network beyond this site; index files are inflated with
   DecompressionStream (Chromium 80+, Firefox 113+, so every supported Firefox ESR).
   Filters (campaign, unit, organisation) and the total count travel on a BroadcastChannel named after the
   tab id in this worker's URL fragment, so two open tabs never mix. */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var MAX_RESULTS = 20;      /* pages in one result list */
var MAX_FETCH = 32;        /* part files (~8 KB each) fetched to verify and excerpt one query */
var FIRST_BATCH = 10;      /* pages checked before a first answer is shown */
var SEGS_PER_TERM = 3;     /* candidate segments checked per term and page */
var BEFORE = 24, LENGTH = 110;   /* excerpt window, in characters */
var LONG_TERM = 8;         /* terms longer than this are looked up by every other bigram */

var root = new URL("../../../", self.location.href);
var tabMatch = /tab=([\w-]+)/.exec(self.location.hash);
var channel = null;
try {
  channel = tabMatch && typeof BroadcastChannel !== "undefined"
    ? new BroadcastChannel("zongjie-search:" + tabMatch[1]) : null;
} catch (e) { channel = null; }

var base = null, version = "", meta = null, segPage = null, partStart = null;
var t2s = new Map();
var files = new Map();      /* file path → Promise of parsed JSON */
var postings = new Map();   /* key → Int32Array of segment ids */
var filter = { campaign: 0, unit: 0, org: 0 };
var inOrg = null;           /* with an organisation picked: 1 for its node and each below it */
var lastQuery = "", seq = 0;

/* ---------------------------------------------------------------- normalization */

var KEEP = /^[\p{L}\p{N}]$/u;
var normCache = new Map();

function normChar(ch) {
  var out = normCache.get(ch);
  if (out !== undefined) return out;
  out = "";
  for (var c of ch.normalize("NFKC").toLowerCase()) {
    var s = t2s.get(c) || c;
    if (KEEP.test(s)) out += s;
  }
  normCache.set(ch, out);
  return out;
}

function normalize(text) {
  var out = "";
  for (var ch of text) out += normChar(ch);
  return out;
}

/* Normalized text plus, for each UTF-16 unit of it, the span of the original it came from. */
function normalizeWithMap(text) {
  var out = "", starts = [], ends = [], i = 0;
  for (var ch of text) {
    var n = normChar(ch);
    for (var k = 0; k < n.length; k++) { starts.push(i); ends.push(i + ch.length); }
    out += n;
    i += ch.length;
  }
  return { text: out, starts: starts, ends: ends };
}

function queryTerms(query) {
  var terms = [];
  query.split(/\s+/).forEach(function (word) {
    var norm = normalize(word);
    if (norm && !terms.some(function (t) { return t.norm === norm; }))
      terms.push({ raw: word, norm: norm, chars: Array.from(norm) });
  });
  return terms;
}

/* The bigrams a term is looked up by. A long term (a sentence pasted from a report) needs only
   every other bigram, plus the last: together they still cover each of its characters, the
   phrase itself is checked in the text anyway, and half as many postings files are fetched. */
function keysOf(term) {
  var chars = term.chars, n = chars.length;
  if (n === 1) return [chars[0]];
  var step = n > LONG_TERM ? 2 : 1, keys = [];
  for (var i = 0; i + 1 < n; i += step) add(i);
  add(n - 2);
  function add(at) {
    var key = chars[at] + chars[at + 1];
    if (keys.indexOf(key) < 0) keys.push(key);
  }
  return keys;
}

/* ---------------------------------------------------------------- index files */

function shardOf(key) {
  var h = 0x811c9dc5;
  for (var i = 0; i < key.length; i++) {
    h = (h ^ key.charCodeAt(i)) >>> 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % meta.shards;
}

function load(path) {
  var p = files.get(path);
  if (!p) {
    p = fetch(new URL(path + "?v=" + version, base).href).then(function (r) {
      if (!r.ok) throw new Error(r.status + " " + path);
      /* .bin: zlib-compressed JSON (zongjie.search.shards.pack) */
      return new Response(r.body.pipeThrough(new DecompressionStream("deflate"))).json();
    });
    p.catch(function () { files.delete(path); });
    files.set(path, p);
  }
  return p;
}

/* Ascending numbers stored as gaps from the previous one (meta.bin's lists). */
function undelta(list) {
  var out = new Int32Array(list.length), value = 0;
  for (var i = 0; i < out.length; i++) { value += list[i]; out[i] = value; }
  return out;
}

/* A postings string: base64 of the gaps between ascending segment ids as LEB128 varints
   (zongjie.search.shards.encode_postings). */
function decodePostings(text) {
  var bytes = atob(text || ""), out = new Int32Array(bytes.length);
  var n = 0, value = 0, gap = 0, scale = 1;
  for (var i = 0; i < bytes.length; i++) {
    var b = bytes.charCodeAt(i);
    gap += (b & 0x7f) * scale;
    if (b & 0x80) { scale *= 128; continue; }
    value += gap;
    out[n++] = value;
    gap = 0;
    scale = 1;
  }
  return out.subarray(0, n);
}

function getPostings(key) {
  if (postings.has(key)) return Promise.resolve(postings.get(key));
  var heavy = Object.prototype.hasOwnProperty.call(meta.heavy, key);
  var path = heavy ? "k/h" + meta.heavy[key] + ".bin" : "k/" + shardOf(key) + ".bin";
  return load(path).then(function (data) {
    var list = decodePostings(heavy ? data : data[key]);
    postings.set(key, list);
    return list;
  });
}

/* Segment sid, from the part file (consecutive segments of one page) that holds it. */
function getSegment(sid) {
  var lo = partOf(sid);
  return load("s/" + Math.floor(lo / meta.partsPerDir) + "/" + lo + ".bin").then(function (part) {
    var key = "seg" + sid, seg = part[key];
    if (!seg) {
      var row = part.s[sid - partStart[lo]], p = segPage[sid];
      var page = part.pages.find(function (info) { return info[0] === p; });
      seg = part[key] = { sid: sid, p: p, u: page[1], t: page[2], m: page[3],
                          a: row[0], h: row[1], x: row[2], norm: normalizeWithMap(row[2]) };
    }
    return seg;
  });
}

function intersect(a, b) {
  var out = [], i = 0, j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { out.push(a[i]); i++; j++; }
    else if (a[i] < b[j]) i++;
    else j++;
  }
  return out;
}

/* ---------------------------------------------------------------- search */

function allowed(page) {
  return (!filter.campaign || meta.pageCampaign[page] === filter.campaign) &&
         (!filter.unit || meta.pageUnit[page] === filter.unit) &&
         (!filter.org || inOrg[meta.pageOrg[page]] === 1);
}

/* The organisation ``org`` (a node number, from 1) and every node below it: a node is in it
   when following its parents (meta.orgParent, 0 at the top) reaches ``org``. Parents are
   numbered before their children, so one pass in order settles every node. */
function nodesUnder(org) {
  var parents = meta.orgParent || [], out = new Uint8Array(parents.length + 1);
  out[org] = 1;
  for (var n = org + 1; n <= parents.length; n++) if (out[parents[n - 1]]) out[n] = 1;
  return out;
}

/* Answer one query; ``early`` receives a first answer while the rest is still checked. */
async function search(query, early) {
  var terms = queryTerms(query);
  if (!terms.length) return { items: [], total: 0, exact: 0 };
  var npages = meta.pageStart.length;

  /* 1. Postings of every key of every term (a few shard files). */
  var termKeys = terms.map(keysOf);
  var lists = await Promise.all(termKeys.map(function (keys) {
    return Promise.all(keys.map(getPostings));
  }));

  /* 2. Per term: segments holding all its keys (grouped by page), and key coverage per page. */
  var perTerm = terms.map(function (term, t) {
    var sorted = lists[t].slice().sort(function (a, b) { return a.length - b.length; });
    var segs = sorted.length ? Array.from(sorted[0]) : [];
    for (var k = 1; k < sorted.length && segs.length; k++) segs = intersect(segs, sorted[k]);
    var pages = new Map();
    segs.forEach(function (sid) {
      var p = segPage[sid];
      if (!allowed(p)) return;
      var list = pages.get(p);
      if (!list) pages.set(p, list = []);
      list.push(sid);
    });
    var coverage = new Uint16Array(npages), seen = new Int32Array(npages).fill(-1);
    var firstSeg = new Map();
    lists[t].forEach(function (list, k) {
      for (var i = 0; i < list.length; i++) {
        var p = segPage[list[i]];
        if (seen[p] !== k) { seen[p] = k; coverage[p]++; if (!firstSeg.has(p)) firstSeg.set(p, list[i]); }
      }
    });
    return { pages: pages, coverage: coverage, nkeys: lists[t].length, firstSeg: firstSeg };
  });

  /* 3. Candidate pages with a first score from the index alone. */
  var candidates = new Map();
  perTerm.forEach(function (pt, t) {
    pt.coverage.forEach(function (count, p) {
      if (!count || !allowed(p)) return;
      var c = candidates.get(p);
      if (!c) candidates.set(p, c = { page: p, matched: 0, cover: 0, title: 0, segs: 0 });
      var segs = pt.pages.get(p);
      if (segs) {
        c.matched++;
        c.cover += 1;
        c.segs += Math.min(segs.length, 10);
        if (segs[0] === meta.pageStart[p]) c.title++;
      } else {
        c.cover += count / Math.max(1, pt.nkeys) * 0.9;
      }
    });
  });
  var nterms = terms.length;
  var full = 0;
  var ranked = [];
  candidates.forEach(function (c) {
    if (c.matched === nterms) full++;
    if (c.matched === nterms || c.cover >= Math.max(0.6, nterms - 1)) {
      c.pre = c.matched * 1000 + c.title * 100 + c.cover * 10 + c.segs;
      ranked.push(c);
    }
  });
  ranked.sort(function (a, b) { return b.pre - a.pre || a.page - b.page; });

  /* 4. Check the exact phrase in the text of the best candidates, in batches. */
  var shown = [], exact = 0, at = 0, budget = { files: MAX_FETCH };
  function answer() {
    var top = shown.slice().sort(function (a, b) { return b.score - a.score || a.page - b.page; })
      .slice(0, MAX_RESULTS);
    return {
      items: top.map(function (r) { return [item(r, terms)]; }),
      total: Math.max(full, exact),
      exact: top.filter(function (r) { return r.exact; }).length
    };
  }
  while (at < ranked.length && exact < MAX_RESULTS && budget.files > 0) {
    var batch = ranked.slice(at, at + (at ? MAX_RESULTS - exact + 2 : FIRST_BATCH));
    at += batch.length;
    var checked = await Promise.all(batch.map(function (c) {
      return checkPage(c, perTerm, terms, budget);
    }));
    checked.forEach(function (r) { if (r.exact) exact++; shown.push(r); });
    if (early && exact >= FIRST_BATCH && at < ranked.length) { early(answer()); early = null; }
  }
  return answer();
}

function partOf(sid) {
  var lo = 0, hi = partStart.length - 1;
  while (lo < hi) {
    var mid = (lo + hi + 1) >> 1;
    if (partStart[mid] <= sid) lo = mid; else hi = mid - 1;
  }
  return lo;
}

/* Fetch as little of a page as proves (or disproves) each term: one candidate segment per
   term first (body before title), more only for a term not found yet. Candidates that sit in
   a part file already fetched are checked for free. */
async function checkPage(c, perTerm, terms, budget) {
  var title = meta.pageStart[c.page];
  var lists = perTerm.map(function (pt) {
    return (pt.pages.get(c.page) || []).slice().sort(function (a, b) {
      return (a === title) - (b === title) || a - b;
    });
  });
  var segs = [], tried = new Set(), parts = new Set(), result = null;
  for (var round = 0; round < SEGS_PER_TERM; round++) {
    var want = [];
    lists.forEach(function (list, t) {
      if (result && result.found[t]) return;
      var open = list.filter(function (s) { return !tried.has(s); });
      /* Prefer a segment in a part file this page already needs: one fetch, several terms. */
      var next = open.find(function (s) {
        return parts.has(partOf(s)) || want.some(function (w) { return partOf(w) === partOf(s); });
      });
      if (next === undefined) next = open.find(function (s) {
        return lists.every(function (l) { return l.some(function (o) { return partOf(o) === partOf(s); }); });
      });
      if (next === undefined) next = open[0];
      if (next !== undefined && want.indexOf(next) < 0) want.push(next);
    });
    if (!want.length) break;
    var before = parts.size;
    want.forEach(function (s) { parts.add(partOf(s)); });
    budget.files -= parts.size - before;
    lists.forEach(function (list) {
      list.forEach(function (s) { if (parts.has(partOf(s)) && want.indexOf(s) < 0 && !tried.has(s)) want.push(s); });
    });
    want.forEach(function (s) { tried.add(s); });
    segs = segs.concat(await Promise.all(want.map(getSegment)));
    result = verify(c, segs, terms);
    if (result.exact || budget.files <= 0) return result;
  }
  if (!segs.length) {
    var first = perTerm.map(function (pt) { return pt.firstSeg.get(c.page); })
      .filter(function (s) { return s !== undefined; });
    budget.files -= 1;
    segs = [await getSegment(first.length ? first[0] : title)];
  }
  return verify(c, segs, terms);
}

/* Which terms really occur (as a run of normalized characters) in the page's fetched text. */
function verify(c, segs, terms) {
  var found = terms.map(function () { return null; });
  var title = segs[0].t, best = null, bestCount = -1;
  segs.forEach(function (seg, i) {
    var count = 0;
    terms.forEach(function (term, t) {
      var at = seg.norm.text.indexOf(term.norm);
      if (at < 0) return;
      count++;
      if (!found[t]) found[t] = seg.x.slice(seg.norm.starts[at], seg.norm.ends[at + term.norm.length - 1]);
    });
    var body = meta.pageStart[c.page] !== seg.sid;
    var weight = count * 2 + (body ? 1 : 0);
    if (weight > bestCount) { best = seg; bestCount = weight; }
  });
  var hits = found.filter(Boolean).length;
  var whole = terms.length > 1 && segs.some(function (seg) {
    return seg.norm.text.indexOf(terms.map(function (t) { return t.norm; }).join("")) >= 0;
  });
  /* Typed exactly as printed (punctuation included, e.g. "5+2", "83.3%"): ranks first. */
  var literal = terms.filter(function (t) {
    return t.raw !== t.norm && segs.some(function (seg) { return seg.x.indexOf(t.raw) >= 0; });
  }).length;
  var normTitle = normalize(title);
  var inTitle = terms.filter(function (t) { return normTitle.indexOf(t.norm) >= 0; }).length;
  return {
    page: c.page, seg: best, found: found, exact: hits === terms.length,
    score: (hits === terms.length ? 1e6 : 0) + hits * 1e4 + literal * 8e3 + (whole ? 5e3 : 0) + inTitle * 1e3 +
           Math.min(c.segs, 20) * 10 + c.cover
  };
}

/* ---------------------------------------------------------------- result items */

function escapeHTML(s) {
  return s.replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
  });
}

function excerpt(seg, terms) {
  var norm = seg.norm, text = seg.x, ranges = [];
  terms.forEach(function (term) {
    var from = 0, at;
    while ((at = norm.text.indexOf(term.norm, from)) >= 0) {
      ranges.push([norm.starts[at], norm.ends[at + term.norm.length - 1]]);
      from = at + term.norm.length;
    }
  });
  ranges.sort(function (a, b) { return a[0] - b[0]; });
  var start = 0;
  if (ranges.length) start = Math.max(0, ranges[0][0] - BEFORE);
  if (start > 0 && /[\uDC00-\uDFFF]/.test(text[start])) start--;
  var end = Math.min(text.length, start + LENGTH);
  if (end < text.length && /[\uDC00-\uDFFF]/.test(text[end])) end++;
  var html = start > 0 ? "…" : "", pos = start;
  ranges.forEach(function (r) {
    var s = Math.max(r[0], pos), e = Math.min(r[1], end);
    if (e <= s) return;
    html += escapeHTML(text.slice(pos, s)) + "<mark>" + escapeHTML(text.slice(s, e)) + "</mark>";
    pos = e;
  });
  html += escapeHTML(text.slice(pos, end)) + (end < text.length ? "…" : "");
  return html;
}

function item(r, terms) {
  var seg = r.seg, m = seg.m || ["", "", ""];
  var where = [m[0], m[1], m[2]].filter(Boolean).map(function (s) {
    return "<span>" + escapeHTML(s) + "</span>";
  }).join('<span class="zj-search-sep"> · </span>');
  var section = seg.h && seg.h !== seg.t ? '<span class="zj-search-section">' + escapeHTML(seg.h) + "</span>" : "";
  var matched = {};
  terms.forEach(function (term, t) {
    matched[r.found[t] ? r.found[t].replace(/\s+/g, "") || term.norm : term.raw] = !!r.found[t];
  });
  return {
    location: seg.u,
    title: escapeHTML(seg.t),
    text: (where ? '<p class="zj-search-where">' + where + "</p>" : "") +
          '<p class="zj-search-excerpt">' + section + excerpt(seg, terms) + "</p>",
    score: r.score / 1e4,
    terms: matched
  };
}

/* ---------------------------------------------------------------- protocol */

async function run(query) {
  var mine = ++seq;
  lastQuery = query;
  function post(result) {
    if (mine !== seq) return;   /* a newer query is running: drop this stale answer */
    self.postMessage({ type: RESULT, data: { items: result.items } });
    if (channel) channel.postMessage({
      type: "total", query: query, total: result.total, exact: result.exact, shown: result.items.length
    });
  }
  try {
    post(await search(query, post));
  } catch (err) {
    console.error("zongjie search:", err);
    post({ items: [], total: 0, exact: 0 });
  }
}

async function setup(data) {
  var settings = (data && data.config && data.config.zongjie) || {};
  base = new URL(settings.index || "search/zongjie/", root);
  version = settings.v || "";
  var loaded = await Promise.all([load("meta.bin"), load("t2s.bin")]);
  meta = loaded[0];
  var pairs = Array.from(loaded[1]);
  for (var i = 0; i + 1 < pairs.length; i += 2) t2s.set(pairs[i], pairs[i + 1]);
  meta.pageStart = Array.from(undelta(meta.pageStart));
  partStart = undelta(meta.partStart);
  segPage = new Int32Array(meta.segments);
  for (var p = 0; p < meta.pageStart.length; p++) {
    var end = p + 1 < meta.pageStart.length ? meta.pageStart[p + 1] : meta.segments;
    for (var s = meta.pageStart[p]; s < end; s++) segPage[s] = p;
  }
  self.postMessage({ type: READY });
}

var ready = null;
self.addEventListener("message", function (ev) {
  var message = ev.data || {};
  if (message.type === SETUP) ready = setup(message.data);
  else if (message.type === QUERY) (ready || Promise.resolve()).then(function () { return run(message.data); });
});

if (channel) channel.addEventListener("message", function (ev) {
  var message = ev.data || {};
  if (message.type !== "filter" || !meta) return;
  filter.campaign = meta.campaigns.indexOf(message.campaign) + 1;
  filter.unit = meta.units.indexOf(message.unit) + 1;
  filter.org = message.org ? (meta.orgs || []).indexOf(message.org) + 1 : 0;
  inOrg = filter.org ? nodesUnder(filter.org) : null;
  if (message.org && !filter.org) { filter.org = -1; inOrg = new Uint8Array(1); }  /* unknown: nothing */
  if (lastQuery) run(lastQuery);
});
