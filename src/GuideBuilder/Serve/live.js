// GuideBuilder serve: reloads the page after each rebuild and shows the site's diagnostics.
// Injected only by `guidebuilder serve`; never part of a built site.
(() => {
  const base = "/__guidebuilder/";
  const id = "gb-diagnostics";

  function render(report) {
    document.getElementById(id)?.remove();
    const list = (report.diagnostics || []).filter(d => d.severity === "error" || d.severity === "warning");
    const problems = (report.config ? [{ severity: "error", message: report.config }] : []).concat(list);
    if (problems.length === 0 || sessionStorage.getItem(id) === String(report.version)) return;
    const panel = document.createElement("aside");
    panel.id = id;
    panel.setAttribute("role", "alert");
    panel.style.cssText = "position:fixed;left:1rem;right:1rem;bottom:1rem;max-height:45vh;overflow:auto;z-index:2147483647;" +
      "background:#1e1e1e;color:#eee;font:13px/1.45 ui-monospace,Consolas,monospace;padding:.75rem 1rem;border-radius:6px;" +
      "box-shadow:0 4px 24px rgba(0,0,0,.4);border-left:4px solid " + (problems.some(p => p.severity === "error") ? "#e5484d" : "#f5a524");
    const head = document.createElement("div");
    head.style.cssText = "display:flex;justify-content:space-between;gap:1rem;margin-bottom:.5rem;font-weight:bold";
    const s = report.summary || {};
    head.textContent = `GuideBuilder: ${s.errors || 0} error(s), ${s.warnings || 0} warning(s)`;
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "×";
    close.title = "Dismiss until the next change";
    close.style.cssText = "background:none;border:0;color:inherit;font-size:18px;cursor:pointer;line-height:1";
    close.onclick = () => { sessionStorage.setItem(id, String(report.version)); panel.remove(); };
    head.appendChild(close);
    panel.appendChild(head);
    const ul = document.createElement("ul");
    ul.style.cssText = "margin:0;padding:0;list-style:none";
    for (const d of problems.slice(0, 200)) {
      const li = document.createElement("li");
      li.style.color = d.severity === "error" ? "#ff8a8a" : "#ffd27a";
      li.textContent = d.file ? `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message} [${d.rule}]` : d.message;
      ul.appendChild(li);
    }
    panel.appendChild(ul);
    document.body.appendChild(panel);
  }

  function refresh() {
    fetch(base + "diagnostics.json", { cache: "no-store" }).then(r => r.json()).then(render).catch(() => {});
  }

  refresh();
  const events = new EventSource(base + "events");
  let seen = null;
  events.addEventListener("version", e => {
    if (seen !== null && e.data !== seen) location.reload();
    seen = e.data;
  });
})();
