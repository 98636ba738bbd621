// GuideBuilder search: loads the site's search-index.json once, then filters as you type.
// Index entries: t title, u url (relative to the site root), d excerpt, h headings, w distinct words.
(function () {
  "use strict";
  var box = document.querySelector(".search[role=search]");
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!box || !input || !list) return;
  var root = box.getAttribute("data-root") || "";
  // The messages in the page's language (labels.yml, written by layout.html); English when a layout leaves them out.
  function word(name, english) { return box.getAttribute("data-" + name) || english; }
  var words = { none: word("none", "No guides match \u201c{q}\u201d."), zero: word("zero", "No results"), one: word("one", "{n} result"), many: word("many", "{n} results") };
  var index = null, loading = null, timer = 0;

  function load() {
    if (index) return Promise.resolve(index);
    if (!loading) {
      loading = fetch(root + "search-index.json")
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (data) {
          index = data.map(function (e) {
            return { e: e, t: e.t.toLowerCase(), h: (e.h || "").toLowerCase(), w: " " + (e.w || "") + " ", d: (e.d || "").toLowerCase() };
          });
          return index;
        })
        .catch(function () { index = []; return index; });
    }
    return loading;
  }

  // Every term must match somewhere; title matches weigh most, then headings, excerpt, body words.
  function score(item, terms) {
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var t = terms[i], s = 0;
      if (item.t.indexOf(t) >= 0) s += 10;
      if (item.h.indexOf(t) >= 0) s += 4;
      if (item.d.indexOf(t) >= 0) s += 2;
      if (item.w.indexOf(" " + t) >= 0) s += 1;
      if (s === 0) return 0;
      total += s;
    }
    return total;
  }

  function say(text) { if (status) status.textContent = text; }

  function close() {
    list.hidden = true;
    list.textContent = "";
  }

  function render(query) {
    var terms = query.toLowerCase().split(/\s+/).filter(function (t) { return t.length > 0; });
    list.textContent = "";
    if (terms.length === 0 || !index) { close(); say(""); return; }
    var hits = index.map(function (item) { return { item: item, s: score(item, terms) }; })
      .filter(function (h) { return h.s > 0; })
      .sort(function (a, b) { return b.s - a.s; })
      .slice(0, 10);
    if (hits.length === 0) {
      var none = document.createElement("li");
      none.className = "none";
      none.textContent = words.none.replace("{q}", query);
      list.appendChild(none);
    }
    hits.forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + h.item.e.u;
      if (h.item.e.l) a.lang = h.item.e.l;
      var title = document.createElement("span");
      title.className = "title";
      title.textContent = h.item.e.t;
      a.appendChild(title);
      if (h.item.e.d) {
        var hint = document.createElement("span");
        hint.className = "hint";
        hint.textContent = h.item.e.d;
        a.appendChild(hint);
      }
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = false;
    say((hits.length === 0 ? words.zero : hits.length === 1 ? words.one : words.many).replace("{n}", String(hits.length)));
  }

  function links() { return Array.prototype.slice.call(list.querySelectorAll("a")); }

  input.addEventListener("input", function () {
    var q = input.value.trim();
    clearTimeout(timer);
    timer = setTimeout(function () { load().then(function () { render(q); }); }, 60);
  });
  input.addEventListener("focus", function () { load(); });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { input.value = ""; close(); say(""); }
    if (ev.key === "ArrowDown") { var first = links()[0]; if (first) { ev.preventDefault(); first.focus(); } }
    if (ev.key === "Enter") {
      // Enter opens the best match.
      ev.preventDefault();
      load().then(function () {
        render(input.value.trim());
        var best = links()[0];
        if (best) window.location.href = best.href;
      });
    }
  });
  list.addEventListener("keydown", function (ev) {
    var all = links();
    var i = all.indexOf(document.activeElement);
    if (ev.key === "ArrowDown" && i < all.length - 1) { ev.preventDefault(); all[i + 1].focus(); }
    if (ev.key === "ArrowUp") { ev.preventDefault(); if (i > 0) all[i - 1].focus(); else input.focus(); }
    if (ev.key === "Escape") { input.focus(); input.value = ""; close(); say(""); }
  });
  // Clicking or tabbing elsewhere closes the results.
  document.addEventListener("click", function (ev) { if (!box.contains(ev.target)) close(); });
  box.addEventListener("focusout", function (ev) { if (ev.relatedTarget && !box.contains(ev.relatedTarget)) close(); });
  // "/" focuses the search box from anywhere on the page, as on many documentation sites.
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var tag = (document.activeElement && document.activeElement.tagName) || "";
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return;
    ev.preventDefault();
    input.focus();
  });
})();
