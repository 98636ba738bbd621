// GuideBuilder serve: reloads the page after each rebuild and shows the site's diagnostics.
// Injected only by `guidebuilder serve`; never part of a built site. The overlay lives in a shadow
// root so the site's styles and the overlay's styles cannot touch each other.
(() => {
  const base = "/__guidebuilder/";
  const id = "gb-diagnostics";

  const css = `
    :host { all: initial; position: fixed; left: 1rem; right: 1rem; bottom: 1rem; z-index: 2147483647;
      display: block; max-width: 60rem; margin: 0 auto; }
    .panel { --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --err: #cf222e; --err-bg: #ffebe9;
      --warn: #9a6700; --warn-bg: #fff8c5; --code-bg: #f6f8fa;
      background: var(--bg); color: var(--fg); border: 1px solid var(--line); border-left: 5px solid var(--accent);
      border-radius: 8px; box-shadow: 0 8px 32px rgba(0,0,0,.18); max-height: 45vh; display: flex; flex-direction: column;
      font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
    @media (prefers-color-scheme: dark) {
      .panel { --bg: #1c2128; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --err: #ff7b72; --err-bg: #3c1618;
        --warn: #e3b341; --warn-bg: #3b2e0a; --code-bg: #262c36; box-shadow: 0 8px 32px rgba(0,0,0,.6); }
    }
    header { display: flex; align-items: center; gap: .75rem; padding: .6rem .75rem .6rem 1rem; border-bottom: 1px solid var(--line); }
    h2 { margin: 0; font-size: 15px; font-weight: 600; flex: 1; }
    .count { font-weight: 600; }
    .count.error { color: var(--err); }
    .count.warning { color: var(--warn); }
    .brand { color: var(--muted); font-weight: 400; }
    button { font: inherit; font-size: 20px; line-height: 1; width: 2rem; height: 2rem; border-radius: 6px; border: 1px solid transparent;
      background: none; color: var(--muted); cursor: pointer; }
    button:hover, button:focus-visible { color: var(--fg); border-color: var(--line); outline: none; }
    ol { list-style: none; margin: 0; padding: .25rem 0; overflow: auto; }
    li { display: grid; grid-template-columns: auto 1fr; gap: .15rem .6rem; padding: .45rem 1rem; border-top: 1px solid var(--line); }
    li:first-child { border-top: 0; }
    .sev { grid-row: span 2; align-self: start; font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: .03em;
      padding: .05rem .45rem; border-radius: 999px; margin-top: .15rem; }
    .sev.error { color: var(--err); background: var(--err-bg); }
    .sev.warning { color: var(--warn); background: var(--warn-bg); }
    .where { font: 13px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--fg); overflow-wrap: anywhere; }
    .where code { background: var(--code-bg); padding: 0 .3rem; border-radius: 4px; }
    .rule { color: var(--muted); margin-left: .4rem; }
    .msg { overflow-wrap: anywhere; }
    .more { color: var(--muted); padding: .45rem 1rem; }
  `;

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function render(report) {
    document.getElementById(id)?.remove();
    const problems = (report.diagnostics || []).filter(d => d.severity === "error" || d.severity === "warning");
    if (problems.length === 0 || sessionStorage.getItem(id) === String(report.version)) return;

    const host = el("aside");
    host.id = id;
    host.setAttribute("role", "alert");
    host.setAttribute("aria-label", "GuideBuilder diagnostics");
    const root = host.attachShadow({ mode: "open" });
    root.appendChild(el("style", null, css));
    const errors = problems.filter(p => p.severity === "error").length;
    const warnings = problems.length - errors;
    const panel = el("div", "panel");
    panel.style.setProperty("--accent", errors > 0 ? "var(--err)" : "var(--warn)");

    const head = el("header");
    const title = el("h2");
    const parts = [];
    if (errors > 0) parts.push(el("span", "count error", `${errors} error${errors === 1 ? "" : "s"}`));
    if (warnings > 0) parts.push(el("span", "count warning", `${warnings} warning${warnings === 1 ? "" : "s"}`));
    parts.forEach((p, i) => { if (i > 0) title.append(" · "); title.append(p); });
    title.append(el("span", "brand", " — GuideBuilder"));
    const close = el("button", null, "×");
    close.type = "button";
    close.title = "Hide until the next change";
    close.setAttribute("aria-label", "Hide diagnostics until the next change");
    close.onclick = () => { sessionStorage.setItem(id, String(report.version)); host.remove(); };
    head.append(title, close);

    const ol = el("ol");
    for (const d of problems.slice(0, 200)) {
      const li = el("li");
      li.append(el("span", "sev " + d.severity, d.severity));
      const where = el("div", "where");
      if (d.file) {
        where.append(el("code", null, `${d.file}:${d.line}:${d.column}`));
        where.append(el("span", "rule", d.rule || d.code || ""));
      } else {
        where.append(el("span", "rule", "site.yml"));
      }
      li.append(where, el("div", "msg", d.message));
      ol.appendChild(li);
    }
    if (problems.length > 200) ol.appendChild(el("li", "more", `…and ${problems.length - 200} more (see the console running serve)`));
    panel.append(head, ol);
    root.appendChild(panel);
    document.body.appendChild(host);
  }

  function refresh() {
    fetch(base + "diagnostics.json", { cache: "no-store" }).then(r => r.json()).then(render).catch(() => {});
  }

  refresh();
  const events = new EventSource(base + "events");
  // The build this page came from: an edit made before the event stream connects still reloads it.
  let seen = document.querySelector('meta[name="guidebuilder-version"]')?.content ?? null;
  events.addEventListener("version", e => {
    if (seen !== null && e.data !== seen) location.reload();
    seen = e.data;
  });
})();
