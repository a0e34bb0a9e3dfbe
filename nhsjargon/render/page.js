// The exported glossary page's script (nhsjargon/render/html.py inlines it).
// Ranking as nhsjargon.search.search does: a relation question's answer, or exact hits (the
// query, or an acronym in it) first,
// then idf x field weight per word, x1.5 when every word is found, +6 per word for the phrase
// in the name. Query words are folded as knowledge.index.search_words folds them.
(function () {
  "use strict";
  var PAGE = /*PAGE*/50;
  var index = JSON.parse(document.getElementById("index").textContent);
  var input = document.getElementById("q"), count = document.getElementById("count");
  var list = document.getElementById("terms"), more = document.getElementById("more");
  var answer = document.getElementById("answer");
  var articles = Array.prototype.slice.call(list.querySelectorAll("article"));
  var byNumber = [], original = new Map(), stop = new Set(index.stop), total = articles.length;
  articles.forEach(function (a) { byNumber[+a.getAttribute("data-n")] = a; });
  var shown = PAGE, order = articles, words = [];

  function fold(s) { return s.normalize("NFKC").toLowerCase().replace(/&/g, " and ")
    .replace(/ization/g, "isation").replace(/izing/g, "ising").replace(/ize/g, "ise")
    .replace(/[-\u2010-\u2015_/.,'\u2019()]/g, " "); }
  function compact(s) { return fold(s).replace(/[^a-z0-9]/g, ""); }
  function plural(w) {
    if (w.length > 4 && /ies$/.test(w)) { return w.slice(0, -3) + "y"; }
    if (w.length > 3 && /s$/.test(w) && !/(ss|us|is)$/.test(w)) { return w.slice(0, -1); }
    return w;
  }
  function searchWords(s) {
    return (fold(s).match(/[0-9a-z]+/g) || []).filter(function (w) {
      return !stop.has(w) && (w.length > 1 || /^[0-9]$/.test(w));
    }).map(plural);
  }
  function exact(query) {
    var found = [], seen = new Set();
    function add(key) {
      (index.keys[key] || []).forEach(function (n) { if (!seen.has(n)) { seen.add(n); found.push(n); } });
    }
    var whole = compact(query);
    add(whole);
    if (!found.length && /s$/.test(whole)) { add(whole.slice(0, -1)); }
    query.split(/\s+/).forEach(function (w) {
      w = w.replace(/^[,;:.!()]+|[,;:.!()]+$/g, "");
      if ((w.match(/[A-Z]/g) || []).length >= 2 && w !== query.trim()) {
        var key = compact(w.replace(/(['\u2019]s|s)$/, function (m) { return index.keys[compact(w)] ? m : ""; }));
        add(key);
      }
    });
    return found;
  }
  function lookup(term) {
    var key = compact(term), found = index.keys[key] || [];
    if (!found.length && /s$/.test(key)) { found = index.keys[key.slice(0, -1)] || []; }
    return found;
  }
  function question(query) {
    var q = index.questions, text = query.replace(/\?/g, " ").replace(/’/g, "'").split(/\s+/)
      .filter(Boolean).join(" "), low = text.toLowerCase();
    var asks = q.after.map(function (p) { return ["after", p]; })
      .concat(q.before.map(function (p) { return ["before", p]; }));
    for (var i = 0; i < asks.length; i++) {
      var kind = asks[i][0], prefix = asks[i][1];
      if (low.indexOf(prefix + " ") !== 0) { continue; }
      var rest = text.slice(prefix.length + 1).split(" "), ending = rest[rest.length - 1].toLowerCase();
      if (q.became.indexOf(prefix) >= 0) {
        kind = q.ends_after.indexOf(ending) >= 0 ? "after" : (q.ends_before.indexOf(ending) >= 0 ? "before" : "");
        if (!kind) { continue; }
      }
      if (prefix === "where did") { kind = "before"; }
      while (rest.length && q.leading.indexOf(rest[0].toLowerCase()) >= 0) { rest.shift(); }
      while (rest.length && q.trailing.indexOf(rest[rest.length - 1].toLowerCase()) >= 0) { rest.pop(); }
      var term = rest.join(" "), asked = lookup(term);
      var answered = asked.filter(function (n) { return (index[kind][n] || []).length; });
      asked = answered.length ? answered : asked.slice(0, 1);
      if (asked.length) {
        var found = [];
        asked.forEach(function (n) {
          (index[kind][n] || []).forEach(function (m) { if (found.indexOf(m) < 0) { found.push(m); } });
        });
        return { kind: kind, asked: asked, found: found, term: term };
      }
    }
    return null;
  }
  function label(n) { return index.labels[n]; }
  function full(n) { return index.full[n]; }
  function answerText(q) {  // as the CLI words it
    var asked = q.asked.map(full).join(" / "), verb = q.kind === "after" ? "became" : "came from";
    return q.found.length ? asked + " " + verb + ": " + q.found.map(full).join(", ")
                          : "The glossary records nothing that " + asked + " " + verb + ".";
  }
  function rank(query) {
    var asked = question(query);
    var ws = Array.from(new Set(searchWords(asked ? asked.term : query))).slice(0, 32);
    var scores = new Map(), matched = new Map();
    ws.forEach(function (w) {
      var postings = index.words[w];
      if (!postings) { return; }
      var entries = new Set(postings.map(function (v) { return v >> 3; }));
      var idf = Math.log(1 + (total - entries.size + 0.5) / (entries.size + 0.5));
      postings.forEach(function (v) {
        var n = v >> 3;
        scores.set(n, (scores.get(n) || 0) + idf * index.weights[v & 7]);
      });
      entries.forEach(function (n) { matched.set(n, (matched.get(n) || 0) + 1); });
    });
    if (ws.length > 1) {
      var phrase = ws.join(" ");
      scores.forEach(function (score, n) {
        if (matched.get(n) === ws.length) { score *= 1.5; }
        if (index.names[n].indexOf(phrase) >= 0) { score += 6 * ws.length; }
        scores.set(n, score);
      });
    }
    scores.forEach(function (score, n) { scores.set(n, Math.round(score * 10) / 10); });
    var hits = asked ? Array.from(new Set(asked.found.concat(asked.asked))) : exact(query), taken = new Set(hits);
    var rest = Array.from(scores.keys()).filter(function (n) { return !taken.has(n); });
    function before(x, y) { return x < y ? -1 : (x > y ? 1 : 0); }
    rest.sort(function (a, b) {  // as the CLI: score, then label, then id
      return scores.get(b) - scores.get(a) || before(label(a).toLowerCase(), label(b).toLowerCase()) ||
        before(index.ids[a], index.ids[b]);
    });
    return { numbers: hits.concat(rest), words: ws, answer: asked ? answerText(asked) : "" };
  }
  function unmark(a) { if (original.has(a)) { a.innerHTML = original.get(a); original.delete(a); } }
  function markWords(a, ws) {
    if (!ws.length) { return; }
    original.set(a, a.innerHTML);
    var re = new RegExp("(^|[^A-Za-z0-9])(" + ws.map(function (w) {
      return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("|") + ")", "gi");
    a.querySelectorAll("h2, .summary, .body").forEach(function (el) {
      var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT), nodes = [];
      while (walker.nextNode()) { nodes.push(walker.currentNode); }
      nodes.forEach(function (node) {
        var text = node.nodeValue, last = 0, frag = document.createDocumentFragment(), m;
        re.lastIndex = 0;
        while ((m = re.exec(text))) {
          var start = m.index + m[1].length;
          frag.appendChild(document.createTextNode(text.slice(last, start)));
          var mark = document.createElement("mark");
          mark.textContent = text.slice(start, start + m[2].length);
          frag.appendChild(mark);
          last = start + m[2].length;
        }
        if (last) { frag.appendChild(document.createTextNode(text.slice(last))); node.replaceWith(frag); }
      });
    });
  }
  function draw() {
    articles.forEach(function (a) { unmark(a); a.hidden = true; });
    order.slice(0, shown).forEach(function (a) { list.appendChild(a); a.hidden = false; markWords(a, words); });
    more.hidden = order.length <= shown;
    more.textContent = "Show " + Math.min(PAGE, order.length - shown) + " more";
  }
  function showQuery(query) {
    shown = PAGE;
    answer.hidden = true;
    if (!query.trim()) {
      order = articles; words = [];
      count.textContent = total + " terms";
    } else {
      var result = rank(query);
      order = result.numbers.map(function (n) { return byNumber[n]; });
      words = result.words;
      count.textContent = order.length + " of " + total + " terms match";
      answer.textContent = result.answer;
      answer.hidden = !result.answer;
    }
    draw();
  }
  function follow() {
    var hash = location.hash.slice(1), m = /^q=(.*)$/.exec(hash);
    if (m) {
      try { input.value = decodeURIComponent(m[1]); } catch (e) { input.value = m[1]; }
      showQuery(input.value);
      return;
    }
    var target = hash && document.getElementById(decodeURIComponent(hash));
    if (target && target.tagName === "ARTICLE") {
      input.value = "";
      order = [target]; words = []; shown = PAGE; answer.hidden = true;
      count.textContent = "1 of " + total + " terms: " + target.getAttribute("data-label");
      draw();
      target.scrollIntoView();
      return;
    }
    if (!target) { input.value = ""; showQuery(""); }
  }
  input.addEventListener("input", function () {
    showQuery(input.value);
    try { history.replaceState(null, "", input.value ? "#q=" + encodeURIComponent(input.value) : "#"); }
    catch (e) {}
  });
  more.addEventListener("click", function () { shown += PAGE; draw(); });
  window.addEventListener("hashchange", follow);
  if (location.hash.length > 1) { follow(); } else { showQuery(""); }
})();
