// GuideBuilder search: loads the site's search-index.json once, then filters as you type.
(function () {
  "use strict";
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  if (!input || !list) return;
  var root = input.getAttribute("data-root") || "";
  var index = null, loading = null;

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

  function render(query) {
    var terms = query.toLowerCase().split(/\s+/).filter(function (t) { return t.length > 0; });
    list.textContent = "";
    if (terms.length === 0) { list.hidden = true; return; }
    var hits = index.map(function (item) { return { item: item, s: score(item, terms) }; })
      .filter(function (h) { return h.s > 0; })
      .sort(function (a, b) { return b.s - a.s; })
      .slice(0, 10);
    if (hits.length === 0) {
      var none = document.createElement("li");
      none.className = "none";
      none.textContent = "No guides match “" + query + "”.";
      none.style.padding = ".5rem .75rem";
      list.appendChild(none);
    }
    hits.forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + h.item.e.u;
      a.textContent = h.item.e.t;
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
  }

  input.addEventListener("input", function () {
    var q = input.value.trim();
    load().then(function () { render(q); });
  });
  input.addEventListener("focus", load);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { input.value = ""; render(""); }
    if (ev.key === "ArrowDown") { var first = list.querySelector("a"); if (first) { ev.preventDefault(); first.focus(); } }
  });
  list.addEventListener("keydown", function (ev) {
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var i = links.indexOf(document.activeElement);
    if (ev.key === "ArrowDown" && i < links.length - 1) { ev.preventDefault(); links[i + 1].focus(); }
    if (ev.key === "ArrowUp") { ev.preventDefault(); if (i > 0) links[i - 1].focus(); else input.focus(); }
    if (ev.key === "Escape") { input.focus(); input.value = ""; render(""); }
  });
})();
