// panelpress search page. The index is a set of script-wrapped shards under search/
// (see docs/search.md), loaded by inserting <script src>: unlike fetch(), that also works
// when the archive is opened straight from disk (file://). A query loads the manifest and
// the document table, the term shards its words need, and the document shards of the
// results it shows. Shards carry their data zlib-compressed, as base64, and are inflated
// here with DecompressionStream (Chrome and Edge 80, Firefox 113, Safari 16.4).
(function () {
  'use strict';
  var form = document.getElementById('search-form');
  if (!form) return;
  var input = document.getElementById('search-q');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var pager = document.getElementById('search-pager');
  var prev = document.getElementById('search-prev');
  var next = document.getElementById('search-next');
  var pageOf = document.getElementById('search-page-of');
  var filters = { body: 'search-body', year: 'search-year', kind: 'search-kind' };
  var PAGE = 20;

  // ---- loading shards ----------------------------------------------------------
  var loaded = new Map();
  var waiting = new Map();

  function load(name, file) {
    if (loaded.has(name)) return Promise.resolve(loaded.get(name));
    if (waiting.has(name)) return waiting.get(name).promise;
    var w = {};
    w.promise = new Promise(function (resolve, reject) { w.resolve = resolve; w.reject = reject; });
    waiting.set(name, w);
    var script = document.createElement('script');
    script.src = form.dataset.index + file;
    script.onerror = function () {
      script.remove();
      fail(name, new Error('could not load ' + file));
    };
    document.head.appendChild(script);
    return w.promise;
  }

  function arrive(name, data) {
    loaded.set(name, data);
    var w = waiting.get(name);
    if (w) { waiting.delete(name); w.resolve(data); }
  }

  function fail(name, error) {
    var w = waiting.get(name);
    if (w) { waiting.delete(name); w.reject(error); }
  }

  // The bytes of a packed payload: base64, then zlib.
  function unpack(b64) {
    var bin = atob(b64), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate'));
    return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
  }

  // A shard's payload arrives packed: it is ready once unpacked and read.
  function arrivePacked(name, b64, read) {
    var p;
    try { p = unpack(b64); } catch (e) { p = Promise.reject(e); }
    p.then(function (bytes) { arrive(name, read(bytes)); }, function (e) { fail(name, e); });
  }

  var utf8 = new TextDecoder();

  // LEB128 varints, as src/search/pack.rs writes them; `at` is [offset], moved on.
  function varint(bytes, at) {
    var v = 0, shift = 0, b;
    do {
      b = bytes[at[0]++];
      v += (b & 0x7f) * Math.pow(2, shift);
      shift += 7;
    } while (b & 0x80);
    return v;
  }

  // A term or position shard: name -> { count, bytes } (the term's runs, read on use).
  function readRuns(withCount) {
    return function (bytes) {
      var out = new Map(), at = [0];
      while (at[0] < bytes.length) {
        var n = varint(bytes, at);
        var name = utf8.decode(bytes.subarray(at[0], at[0] + n));
        at[0] += n;
        var count = withCount ? varint(bytes, at) : 0;
        var len = varint(bytes, at);
        out.set(name, { count: count, bytes: bytes.subarray(at[0], at[0] + len) });
        at[0] += len;
      }
      return out;
    };
  }

  // The document table: each document's length and facet combination.
  function readStats(bytes) {
    var lengths = [], facets = [], at = [0], sum = 0;
    while (at[0] < bytes.length) {
      var l = varint(bytes, at);
      lengths.push(l);
      facets.push(varint(bytes, at));
      sum += l;
    }
    var n = Math.max(1, lengths.length);
    return { lengths: lengths, facets: facets, n: n, avg: Math.max(1, sum / n) };
  }

  window.__ppSearch = {
    manifest: function (m) { arrive('m', m); },
    stats: function (n, b64) { arrivePacked('s', b64, readStats); },
    shard: function (key, b64) { arrivePacked('t:' + key, b64, readRuns(true)); },
    positions: function (key, b64) { arrivePacked('p:' + key, b64, readRuns(false)); },
    docs: function (n, b64) {
      arrivePacked('d:' + n, b64, function (bytes) { return JSON.parse(utf8.decode(bytes)); });
    },
  };

  var keyIndex = null;
  var stats = null;
  // The manifest, with the document table (lengths and facets) loaded beside it.
  function manifest() {
    return Promise.all([load('m', 'manifest.js'), load('s', 'stats.js')]).then(function (both) {
      var m = both[0];
      stats = both[1];
      if (!keyIndex) {
        keyIndex = new Map();
        m.keys.forEach(function (k, i) { keyIndex.set(k, i); });
      }
      return m;
    });
  }

  function termShard(key) { return load('t:' + key, 't/' + keyIndex.get(key) + '.js'); }

  function doc(m, n) {
    var lo = 0, hi = m.starts.length - 1;
    while (lo < hi) { // last shard starting at or before n
      var mid = (lo + hi + 1) >> 1;
      if (m.starts[mid] <= n) lo = mid; else hi = mid - 1;
    }
    return load('d:' + lo, 'd/' + lo + '.js').then(function (docs) { return docs[n - m.starts[lo]]; });
  }

  // ---- words and queries ---------------------------------------------------------
  // The same split and lowercasing as `search::words` in Rust.
  var NOT_WORD = /[^\p{Alphabetic}\p{N}]+/u;
  var WORD = /[\p{Alphabetic}\p{N}]+/gu;
  // Words longer than MAX_TERM_BYTES of UTF-8 are cut there, as the index cut them.
  var MAX_TERM_BYTES = 64;
  function cut(w) {
    var bytes = 0, out = '';
    for (var c of w) {
      var n = c.codePointAt(0);
      bytes += n < 0x80 ? 1 : n < 0x800 ? 2 : n < 0x10000 ? 3 : 4;
      if (bytes > MAX_TERM_BYTES) break;
      out += c;
    }
    return out;
  }
  function words(text) {
    return text.split(NOT_WORD).filter(Boolean).map(function (w) { return cut(w.toLowerCase()); });
  }

  // Words outside quotes and inside them; quoted runs of two or more words are phrases.
  // The last word, when the query ends in it, also matches longer words (as you type).
  function parse(q) {
    var parts = q.split('"');
    var exact = [], phrases = [], prefix = null;
    parts.forEach(function (part, i) {
      var ws = words(part);
      if (i % 2 === 1 && ws.length > 1) phrases.push(ws);
      ws.forEach(function (w) { if (exact.indexOf(w) < 0) exact.push(w); });
    });
    var last = parts.length - 1;
    var tail = words(parts[last]);
    if (last % 2 === 0 && tail.length && /[\p{Alphabetic}\p{N}]$/u.test(q)) {
      var w = tail[tail.length - 1];
      var alsoExact = tail.slice(0, -1).indexOf(w) >= 0 ||
        phrases.some(function (p) { return p.indexOf(w) >= 0; });
      if (Array.from(w).length >= 3 && !alsoExact) {
        prefix = w;
        exact.splice(exact.lastIndexOf(w), 1);
      }
    }
    return { exact: exact, phrases: phrases, prefix: prefix };
  }

  // The longest shard key that starts `term`: the only shard that can hold it.
  function keyFor(term) {
    var cs = Array.from(term);
    for (var n = cs.length; n > 0; n--) {
      var k = cs.slice(0, n).join('');
      if (keyIndex.has(k)) return k;
    }
    return null;
  }

  // BM25 (k1 and b from the manifest), a title word counting three times in the weight,
  // a meeting's score scaled down; rounded as whole numbers, the scale the index was
  // ranked on before scores moved to the browser.
  function score(m, d, weight, idf) {
    var r = m.rank;
    var norm = r.k1 * (1 - r.b + r.b * stats.lengths[d] / stats.avg);
    var bm25 = idf * weight * (r.k1 + 1) / (weight + norm);
    var percent = m.facets[stats.facets[d]][2] === r.meeting ? r.meeting_percent : 100;
    return Math.max(1, Math.round(bm25 * percent));
  }

  // A term's postings, `docDelta, weight * 2 + inTitle` each: doc -> { score, title }.
  function decode(m, entry) {
    var out = new Map(), d = 0, at = [0], bytes = entry.bytes, n = entry.count;
    var idf = Math.log(1 + (stats.n - n + 0.5) / (n + 0.5));
    for (var i = 0; i < n; i++) {
      d += varint(bytes, at);
      var w = varint(bytes, at);
      out.set(d, { score: score(m, d, Math.floor(w / 2), idf), title: w & 1 });
    }
    return out;
  }

  function exactPostings(m, term) {
    var key = keyFor(term);
    if (key === null) return Promise.resolve(new Map());
    return termShard(key).then(function (s) { return s.has(term) ? decode(m, s.get(term)) : new Map(); });
  }

  // Every word that starts with `p`: its own shard plus every longer key under it.
  function prefixPostings(m, p) {
    var keys = m.keys.filter(function (k) { return k.startsWith(p); });
    var own = keyFor(p);
    if (own !== null && keys.indexOf(own) < 0) keys.push(own);
    return Promise.all(keys.map(termShard)).then(function (shards) {
      var out = new Map();
      shards.forEach(function (s) {
        s.forEach(function (entry, t) {
          if (!t.startsWith(p)) return;
          decode(m, entry).forEach(function (v, d) {
            var had = out.get(d);
            if (!had) { out.set(d, v); return; }
            had.score = Math.max(had.score, v.score);
            had.title = had.title | v.title;
          });
        });
      });
      return out;
    });
  }

  function selected(m) {
    var value = function (id) { return document.getElementById(id).value; };
    return {
      body: value(filters.body) ? m.bodies.indexOf(value(filters.body)) : null,
      year: value(filters.year) ? Number(value(filters.year)) : null,
      kind: value(filters.kind) ? m.kinds.indexOf(value(filters.kind)) : null,
    };
  }

  // Documents with every word, filtered; title hits first, then by score.
  function candidates(m, query) {
    var lists = query.exact.map(function (t) { return exactPostings(m, t); });
    if (query.prefix) lists.push(prefixPostings(m, query.prefix));
    var f = selected(m);
    return Promise.all(lists).then(function (maps) {
      maps.sort(function (a, b) { return a.size - b.size; });
      var hits = [];
      maps[0].forEach(function (first, d) {
        var score = 0, titles = 0;
        for (var i = 0; i < maps.length; i++) {
          var p = i === 0 ? first : maps[i].get(d);
          if (!p) return;
          score += p.score;
          titles += p.title;
        }
        var facet = m.facets[stats.facets[d]];
        if (f.body !== null && facet[0] !== f.body) return;
        if (f.year !== null && facet[1] !== f.year) return;
        if (f.kind !== null && facet[2] !== f.kind) return;
        hits.push({ doc: d, score: score, titles: titles });
      });
      hits.sort(function (a, b) { return b.titles - a.titles || b.score - a.score || a.doc - b.doc; });
      return hits;
    });
  }

  // Word positions of `term` in the documents of `only` (a Set): doc -> positions.
  function positionsOf(term, only) {
    var key = keyFor(term);
    if (key === null) return Promise.resolve(new Map());
    return load('p:' + key, 'p/' + keyIndex.get(key) + '.js').then(function (s) {
      // `docDelta, count, firstPosition, positionDelta…` for each document.
      var out = new Map(), entry = s.get(term), d = 0, at = [0];
      var bytes = entry ? entry.bytes : new Uint8Array(0);
      while (at[0] < bytes.length) {
        d += varint(bytes, at);
        var n = varint(bytes, at), keep = only.has(d), p = 0, list = keep ? new Array(n) : null;
        for (var j = 0; j < n; j++) {
          p += varint(bytes, at);
          if (keep) list[j] = p;
        }
        if (keep) out.set(d, list);
      }
      return out;
    });
  }

  // Quoted phrases: their words must stand next to each other, in order.
  function withPhrases(query, hits) {
    if (!query.phrases.length) return Promise.resolve(hits);
    var only = new Set(hits.map(function (h) { return h.doc; }));
    var terms = [];
    query.phrases.forEach(function (p) {
      p.forEach(function (t) { if (terms.indexOf(t) < 0) terms.push(t); });
    });
    return Promise.all(terms.map(function (t) { return positionsOf(t, only); })).then(function (lists) {
      var at = function (t, d) { return lists[terms.indexOf(t)].get(d) || []; };
      return hits.filter(function (h) {
        return query.phrases.every(function (p) {
          var sets = p.map(function (t) { return new Set(at(t, h.doc)); });
          return at(p[0], h.doc).some(function (start) {
            return p.every(function (t, k) { return sets[k].has(start + k); });
          });
        });
      });
    });
  }

  // ---- showing results -----------------------------------------------------------
  function matcher(query) {
    return function (w) {
      w = w.toLowerCase();
      return query.exact.indexOf(w) >= 0 || (query.prefix !== null && w.startsWith(query.prefix));
    };
  }

  // `text` as nodes, words that match wrapped in <mark>.
  function marked(text, matches) {
    var frag = document.createDocumentFragment(), at = 0, m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) !== null) {
      if (!matches(m[0])) continue;
      frag.append(text.slice(at, m.index));
      var mark = document.createElement('mark');
      mark.textContent = m[0];
      frag.append(mark);
      at = m.index + m[0].length;
    }
    frag.append(text.slice(at));
    return frag;
  }

  // About 30 words of the text around the first hit.
  function snippet(text, matches) {
    var m, first = -1;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) !== null) if (matches(m[0])) { first = m.index; break; }
    var start = first < 0 ? 0 : Math.max(0, first - 80);
    if (start > 0) start = text.indexOf(' ', start) + 1 || start;
    var end = Math.min(text.length, start + 220);
    if (end < text.length) end = text.lastIndexOf(' ', end) > start ? text.lastIndexOf(' ', end) : end;
    return (start > 0 ? '… ' : '') + readable(text.slice(start, end)) + (end < text.length ? ' …' : '');
  }

  // Lines of the text (headings, list items, agenda entries) joined so that they still
  // read apart: a line that ends without punctuation gets a separator after it.
  function readable(text) {
    return text.replace(/([^.!?:;·…])[ \t]*\n\s*/g, '$1 · ').replace(/\s+/g, ' ').trim();
  }

  function element(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function result(d, matches) {
    var li = element('li', 'search-result');
    var h = element('h2', 'search-result-title');
    var a = element('a');
    a.href = form.dataset.root + d.u;
    a.append(marked(d.t, matches));
    h.append(a);
    li.append(h);
    var meta = element('p', 'search-result-meta');
    meta.append(element('span', 'tag', d.k), ' ' + d.b + ' · ');
    // Who decided, unless it is the committee (or its name, shortened) again.
    if (d.w && d.b.indexOf(d.w) < 0) meta.append('Decided by ' + d.w + ' · ');
    var time = element('time', null, d.dm);
    time.dateTime = d.d;
    meta.append(time);
    if (d.i) meta.append(' · Item ' + d.i);
    li.append(meta);
    if (d.x) {
      var p = element('p', 'search-result-snippet');
      p.append(marked(snippet(d.x, matches), matches));
      li.append(p);
    }
    return li;
  }

  var state = { seq: 0, hits: [], page: 1, query: null };

  function pages() { return Math.max(1, Math.ceil(state.hits.length / PAGE)); }

  // The address of page `n` of the current results: the query, the filters and the page.
  function address(n) {
    var params = new URLSearchParams();
    if (input.value.trim()) params.set('q', input.value);
    Object.keys(filters).forEach(function (name) {
      var v = document.getElementById(filters[name]).value;
      if (v) params.set(name, v);
    });
    if (n > 1) params.set('page', String(n));
    var search = params.toString();
    return search ? '?' + search : location.pathname;
  }

  function keepInUrl(push) {
    try {
      if (push) history.pushState(null, '', address(state.page));
      else history.replaceState(null, '', address(state.page));
    } catch (e) { /* some browsers refuse this from file://; results still show */ }
  }

  function showPager() {
    var n = pages();
    pager.hidden = n < 2;
    if (n < 2) return;
    pageOf.textContent = 'Page ' + state.page + ' of ' + n;
    prev.hidden = state.page <= 1;
    next.hidden = state.page >= n;
    // Set here, not in the page: without the script there are no pages to link.
    prev.href = address(state.page - 1);
    next.href = address(state.page + 1);
    prev.rel = 'prev';
    next.rel = 'next';
  }

  // Shows page `state.page` of the results, numbered on from the pages before it.
  function showPage(seq, focusFirst) {
    var from = (state.page - 1) * PAGE;
    var slice = state.hits.slice(from, from + PAGE);
    return manifest().then(function (m) {
      return Promise.all(slice.map(function (h) { return doc(m, h.doc); }));
    }).then(function (docs) {
      if (seq !== state.seq) return;
      var matches = matcher(state.query);
      list.replaceChildren.apply(list, docs.map(function (d) { return result(d, matches); }));
      list.start = from + 1;
      showPager();
      if (focusFirst && docs.length) list.querySelector('a').focus();
    });
  }

  function describe(n, q) {
    var what = n === 0 ? 'No results' : n === 1 ? '1 result' : n + ' results';
    var f = [filters.body, filters.year, filters.kind]
      .map(function (id) { return document.getElementById(id).value; })
      .filter(Boolean);
    var page = '';
    if (n > PAGE) {
      var from = (state.page - 1) * PAGE + 1;
      page = ' Page ' + state.page + ' of ' + pages() + ': results ' + from + ' to ' +
        Math.min(n, from + PAGE - 1) + '.';
    }
    return what + ' for “' + q.trim() + '”' + (f.length ? ' (' + f.join(', ') + ')' : '') + '.' + page;
  }

  // `wantPage` is the page asked for (from the address, or a pager link); a new query
  // starts at page 1.
  function run(wantPage, push, focusFirst) {
    var seq = ++state.seq;
    var q = input.value;
    state.page = wantPage || 1;
    var query = parse(q);
    if (!query.exact.length && !query.prefix) {
      keepInUrl(false);
      list.replaceChildren();
      pager.hidden = true;
      status.textContent = '';
      list.dataset.query = q;
      return Promise.resolve();
    }
    return manifest().then(function (m) {
      return candidates(m, query).then(function (hits) { return withPhrases(query, hits); });
    }).then(function (hits) {
      if (seq !== state.seq) return;
      state.hits = hits;
      state.query = query;
      state.page = Math.min(Math.max(1, state.page), pages());
      keepInUrl(push);
      return showPage(seq, focusFirst).then(function () {
        if (seq !== state.seq) return;
        status.textContent = describe(hits.length, q);
        list.dataset.query = q; // what the list shows results for, for scripts and tests
        list.dataset.page = String(state.page);
      });
    }).catch(function () {
      if (seq !== state.seq) return;
      status.textContent = typeof DecompressionStream === 'undefined'
        ? 'Searching needs a newer browser than this one. Try the indexes of meetings, agenda items and decisions instead.'
        : 'The search index could not be loaded. Try the indexes of meetings, agenda items and decisions instead.';
    });
  }

  var timer = null;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(1, false, false); }, 200);
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    clearTimeout(timer);
    run(1, false, false);
  });
  Object.keys(filters).forEach(function (name) {
    document.getElementById(filters[name]).addEventListener('change', function () { run(1, false, false); });
  });
  // The pager's links work as plain links too; here they skip reloading the page and
  // move focus to the first result of the new page.
  [[prev, -1], [next, 1]].forEach(function (p) {
    p[0].addEventListener('click', function (e) {
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      showAt(state.page + p[1], true);
    });
  });

  function showAt(n, push) {
    state.page = Math.min(Math.max(1, n), pages());
    keepInUrl(push);
    var seq = ++state.seq;
    return showPage(seq, true).then(function () {
      if (seq !== state.seq) return;
      status.textContent = describe(state.hits.length, input.value);
      list.dataset.page = String(state.page);
    });
  }

  function fromAddress() {
    var params = new URLSearchParams(location.search);
    input.value = params.get('q') || '';
    Object.keys(filters).forEach(function (name) {
      var v = params.get(name);
      var select = document.getElementById(filters[name]);
      select.value = v && Array.prototype.some.call(select.options, function (o) { return o.value === v; }) ? v : '';
    });
    var n = parseInt(params.get('page') || '1', 10);
    return n > 0 ? n : 1;
  }

  window.addEventListener('popstate', function () {
    var n = fromAddress();
    run(n, false, false);
  });

  var first = fromAddress();
  form.dataset.ready = 'true';
  if (input.value.trim()) run(first, false, false);
})();
