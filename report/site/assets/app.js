// scopeplan explorer. Every text that comes from the documents is data:
// it reaches the page only through textContent and createElement, never
// as markup. Plans come from the planner itself (package planner,
// compiled to WebAssembly), run over the catalog restored from this data.
"use strict";

(() => {
  const dataText = document.getElementById("scopeplan-data").textContent;
  const D = JSON.parse(dataText);
  D.events = D.events || [];
  const $ = (id) => document.getElementById(id);
  const LIMIT = 100;

  // el builds an element: attrs are set as attributes (text only), and
  // children are nodes or strings (added as text nodes).
  function el(tag, attrs, ...children) {
    const n = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      n.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat()) {
      if (c === undefined || c === null || c === false) continue;
      n.append(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return n;
  }
  const clear = (n) => { while (n.firstChild) n.removeChild(n.firstChild); return n; };
  // add appends children, skipping absent ones (null, undefined, false).
  const add = (parent, ...children) => { for (const c of children.flat()) if (c) parent.append(c); return parent; };

  // ---- indexes -------------------------------------------------------
  const appIndex = new Map(D.apps.map((a, i) => [a.id, i]));
  const allows = (app, level) => D.apps[appIndex.get(app)].levels.includes(level);
  const granularByName = new Map();
  const classicByName = new Map();
  D.scopes.forEach((s, i) => (s.k === "g" ? granularByName : classicByName).set(s.n, i));
  const scopeProducts = D.scopes.map((s) => new Set(s.e.map((id) => D.endpoints[id].pr).concat((s.ev || []).map((id) => D.events[id].pr))));
  const eventByName = new Map(D.events.map((e) => [e.n, e.id]));
  const epText = D.endpoints.map((e) =>
    [e.n, e.m, e.p, (e.m || "") + " " + (e.p || ""), e.o, D.products[e.pr], e.s].filter(Boolean).join("\n").toLowerCase());
  const scText = D.scopes.map((s) => [s.n, s.gr, s.d].filter(Boolean).join("\n").toLowerCase());
  const evText = D.events.map((e) => [e.n, e.su, D.products[e.pr]].filter(Boolean).join("\n").toLowerCase());

  // ---- links and routes ----------------------------------------------
  function scopeHash(i) {
    const s = D.scopes[i];
    const route = s.k === "c" && granularByName.has(s.n) ? "classic-scope/" : "scope/";
    return "#" + route + encodeURIComponent(s.n);
  }
  const endpointHash = (id) => "#endpoint/" + id;
  function scopeLink(i) {
    const s = D.scopes[i];
    return el("a", { href: scopeHash(i), class: "scope " + s.k, "data-scope": s.n }, el("code", null, s.n));
  }
  function endpointLabel(e) {
    const name = e.n || ((e.m || "") + " " + (e.p || "")).trim() || "Endpoint " + e.id;
    return e.ma ? name + " (master account)" : name;
  }
  function endpointLink(id) {
    const e = D.endpoints[id];
    return el("a", { href: endpointHash(id), class: "endpoint", "data-endpoint": id }, endpointLabel(e));
  }
  const eventHash = (id) => "#event/" + encodeURIComponent(D.events[id].n);
  function eventLink(id) {
    return el("a", { href: eventHash(id), class: "event", "data-event": id }, el("code", null, D.events[id].n));
  }
  function request(e) {
    return e.p ? el("code", { class: "req" }, (e.m || "") + " " + e.p) : null;
  }
  function noteBadge(notes) {
    if (!notes || !notes.length) return null;
    const worst = notes.map((i) => D.notes[i].sv).includes("error") ? "error" : notes.map((i) => D.notes[i].sv).includes("warning") ? "warning" : "info";
    return el("span", { class: "badge " + worst, title: notes.length + " lint finding(s)" }, "⚠ " + notes.length);
  }
  function tickBox(id) {
    const box = el("input", { type: "checkbox", class: "tick", "data-id": id, "aria-label": "Add to plan: " + endpointLabel(D.endpoints[id]) });
    box.checked = ticked.includes(id);
    box.addEventListener("change", () => toggleTick(id, box.checked));
    return box;
  }

  function eventTickBox(id) {
    const box = el("input", { type: "checkbox", class: "tick-event", "data-event": id, "aria-label": "Add to plan: event " + D.events[id].n });
    box.checked = tickedEvents.includes(id);
    box.addEventListener("change", () => toggleEvent(id, box.checked));
    return box;
  }

  // ---- filters and search --------------------------------------------
  function filters() {
    return {
      q: $("q").value.trim().toLowerCase().split(/\s+/).filter(Boolean),
      product: $("product").value === "" ? -1 : Number($("product").value),
      app: $("app").value,
    };
  }
  const matches = (text, q) => q.every((t) => text.includes(t));
  function endpointVisible(e, f) {
    if (f.product >= 0 && e.pr !== f.product) return false;
    if (f.app && e.b[appIndex.get(f.app)] < 0) return false;
    return matches(epText[e.id], f.q);
  }
  function scopeVisible(i, f) {
    const s = D.scopes[i];
    if (f.product >= 0 && !scopeProducts[i].has(f.product)) return false;
    if (f.app && !allows(f.app, s.lv)) return false;
    return matches(scText[i], f.q);
  }

  function eventVisible(e, f) {
    if (f.product >= 0 && e.pr !== f.product) return false;
    if (f.app && e.b[appIndex.get(f.app)] < 0) return false;
    return matches(evText[e.id], f.q);
  }

  function renderResults() {
    const f = filters();
    const box = clear($("results"));
    const scopes = [];
    for (let i = 0; i < D.scopes.length; i++) if (scopeVisible(i, f)) scopes.push(i);
    const eps = D.endpoints.filter((e) => endpointVisible(e, f));
    // Exact scope-name matches first, then the rest in catalog order.
    const q = f.q.join(" ");
    scopes.sort((a, b) => (D.scopes[b].n.toLowerCase() === q) - (D.scopes[a].n.toLowerCase() === q) || a - b);
    box.append(el("h2", null, "Endpoints ", el("span", { class: "count", id: "endpoint-count" }, String(eps.length))));
    const ul = el("ul", { id: "endpoint-results", class: "list" });
    for (const e of eps.slice(0, LIMIT)) {
      add(ul, el("li", null, tickBox(e.id), " ", endpointLink(e.id), " ", noteBadge(e.no), el("br"), request(e),
        el("span", { class: "muted" }, " " + D.products[e.pr])));
    }
    box.append(ul);
    if (eps.length > LIMIT) box.append(el("p", { class: "muted" }, "… and " + (eps.length - LIMIT) + " more; refine the search."));
    box.append(el("h2", null, "Scopes ", el("span", { class: "count", id: "scope-count" }, String(scopes.length))));
    const sl = el("ul", { id: "scope-results", class: "list" });
    for (const i of scopes.slice(0, LIMIT)) {
      const s = D.scopes[i];
      sl.append(el("li", null, scopeLink(i), " ", noteBadge(s.no), " ",
        el("span", { class: "muted" }, s.lv + " · " + s.e.length + " endpoint" + (s.e.length === 1 ? "" : "s") +
          (s.ev && s.ev.length ? " · " + s.ev.length + " event" + (s.ev.length === 1 ? "" : "s") : ""))));
    }
    box.append(sl);
    if (scopes.length > LIMIT) box.append(el("p", { class: "muted" }, "… and " + (scopes.length - LIMIT) + " more; refine the search."));
    if (!D.events.length) return;
    const evs = D.events.filter((e) => eventVisible(e, f));
    // Exact event-name matches first.
    evs.sort((a, b) => (b.n.toLowerCase() === q) - (a.n.toLowerCase() === q) || a.id - b.id);
    box.append(el("h2", null, "Events ", el("span", { class: "count", id: "event-count" }, String(evs.length))));
    const evList = el("ul", { id: "event-results", class: "list" });
    for (const e of evs.slice(0, LIMIT)) {
      evList.append(el("li", null, eventTickBox(e.id), " ", eventLink(e.id), el("br"),
        e.su ? el("span", null, e.su + " ") : null, el("span", { class: "muted" }, D.products[e.pr])));
    }
    box.append(evList);
    if (evs.length > LIMIT) box.append(el("p", { class: "muted" }, "… and " + (evs.length - LIMIT) + " more; refine the search."));
  }

  // ---- detail views --------------------------------------------------
  function notesList(notes) {
    if (!notes || !notes.length) return null;
    return el("section", { class: "notes" }, el("h3", null, "Lint findings (" + notes.length + ")"),
      el("ul", null, notes.map((i) => {
        const n = D.notes[i];
        return el("li", { class: n.sv }, el("span", { class: "badge " + n.sv }, n.sv), " ", el("code", null, n.r), " ", n.m,
          n.sg ? el("div", { class: "muted" }, "Suggestion: " + n.sg) : null,
          n.f ? el("div", { class: "muted" }, n.f + (n.ln ? ":" + n.ln : "")) : null);
      })));
  }
  const joinNodes = (nodes, sep) => nodes.flatMap((n, i) => (i ? [sep, n] : [n]));
  const orDash = (nodes) => (nodes.length ? nodes : "—");

  function showEndpoint(id) {
    const e = D.endpoints[id];
    const box = clear($("detail"));
    if (!e) { box.append(el("p", null, "No such endpoint.")); return; }
    const head = el("h2", { id: "detail-title" }, endpointLabel(e));
    const meta = el("dl", null,
      e.p ? [el("dt", null, "Request"), el("dd", null, request(e))] : null,
      el("dt", null, "Product"), el("dd", null, D.products[e.pr] + (e.s ? " › " + e.s : "")),
      e.o ? [el("dt", null, "Operation ID"), el("dd", null, el("code", null, e.o))] : null,
      e.l ? [el("dt", null, "Reference"), el("dd", null, el("a", { href: e.l, rel: "noreferrer noopener", target: "_blank" }, e.l))] : null);
    const tbody = el("tbody");
    D.apps.forEach((a, ai) => {
      const classic = e.c.filter((i) => allows(a.id, D.scopes[i].lv));
      tbody.append(el("tr", { "data-app": a.id }, el("th", null, a.id),
        el("td", { class: "best" }, e.b[ai] >= 0 ? scopeLink(e.b[ai]) : el("span", { class: "muted", title: e.w[ai] }, "—")),
        el("td", null, orDash(joinNodes(e.h[ai].map(scopeLink), ", "))),
        el("td", null, orDash(joinNodes(classic.map(scopeLink), ", ")))));
    });
    const table = el("table", { id: "advice" }, el("thead", null, el("tr", null,
      el("th", null, "App type"), el("th", null, "Least privileged scope"), el("th", null, "Higher privileged scopes"), el("th", null, "Classic scopes"))), tbody);
    const label = el("label", { class: "tickline" }, tickBox(id), " Add to plan");
    add(box, head, meta, label, table, notesList(e.no));
    document.title = endpointLabel(e) + " · " + D.title;
  }

  function showScope(i) {
    const s = D.scopes[i];
    const box = clear($("detail"));
    if (s === undefined) { box.append(el("p", null, "No such scope.")); return; }
    const apps = D.apps.filter((a) => a.levels.includes(s.lv)).map((a) => a.id);
    add(box, el("h2", { id: "detail-title" }, el("code", null, s.n)),
      el("dl", null,
        el("dt", null, "Kind"), el("dd", null, s.k === "g" ? "granular" : "classic"),
        el("dt", null, "Level"), el("dd", null, s.lv),
        el("dt", null, "Requestable by"), el("dd", null, apps.length ? apps.join(", ") + " apps" : "—"),
        s.gr ? [el("dt", null, "Group"), el("dd", null, s.gr)] : null,
        s.d ? [el("dt", null, "Description"), el("dd", null, s.d)] : null,
        el("dt", null, "Listed on a scopes page"), el("dd", null, s.df ? "yes" : "no")),
      notesList(s.no),
      el("h3", null, "Endpoints it grants (" + s.e.length + ")"));
    const tbody = el("tbody");
    for (const id of s.e) {
      const e = D.endpoints[id];
      const least = D.apps.filter((a, ai) => e.b[ai] === i).map((a) => a.id);
      tbody.append(el("tr", null, el("td", null, tickBox(id)), el("td", null, endpointLink(id), " ", noteBadge(e.no)),
        el("td", null, request(e) || "—"), el("td", null, D.products[e.pr]), el("td", null, least.join(", ") || "—")));
    }
    box.append(el("table", { id: "scope-endpoints" }, el("thead", null, el("tr", null, el("th", null, "Plan"), el("th", null, "Endpoint"),
      el("th", null, "Request"), el("th", null, "Product"), el("th", null, "Least privileged for"))), tbody));
    if (s.ev && s.ev.length) {
      const etbody = el("tbody");
      for (const id of s.ev) {
        const e = D.events[id];
        const least = D.apps.filter((a, ai) => e.b[ai] === i).map((a) => a.id);
        etbody.append(el("tr", null, el("td", null, eventTickBox(id)), el("td", null, eventLink(id)),
          el("td", null, D.products[e.pr]), el("td", null, least.join(", ") || "—")));
      }
      box.append(el("h3", null, "Events it allows (" + s.ev.length + ")"),
        el("table", { id: "scope-events" }, el("thead", null, el("tr", null, el("th", null, "Plan"), el("th", null, "Event"),
          el("th", null, "Product"), el("th", null, "Least privileged for"))), etbody));
    }
    // The other kind's scopes that grant the same endpoints.
    const count = new Map();
    for (const id of s.e) for (const j of (s.k === "g" ? D.endpoints[id].c : D.endpoints[id].g)) count.set(j, (count.get(j) || 0) + 1);
    const eq = [...count.entries()].sort((a, b) => b[1] - a[1] || (D.scopes[a[0]].n < D.scopes[b[0]].n ? -1 : 1));
    box.append(el("h3", null, (s.k === "g" ? "Classic" : "Granular") + " equivalents (" + eq.length + ")"),
      eq.length ? el("ul", { class: "list" }, eq.map(([j, k]) => el("li", null, scopeLink(j), el("span", { class: "muted" }, " " + k + " of " + s.e.length + " endpoints")))) : el("p", { class: "muted" }, "None."));
    document.title = s.n + " · " + D.title;
  }

  function showEvent(id) {
    const e = D.events[id];
    const box = clear($("detail"));
    if (!e) { box.append(el("p", null, "No such event.")); return; }
    const meta = el("dl", null,
      e.su ? [el("dt", null, "Summary"), el("dd", null, e.su)] : null,
      el("dt", null, "Product"), el("dd", null, D.products[e.pr]),
      el("dt", null, "Granular scopes"), el("dd", null, orDash(joinNodes(e.g.map(scopeLink), ", "))),
      el("dt", null, "Classic scopes"), el("dd", null, orDash(joinNodes(e.c.map(scopeLink), ", "))),
      el("dt", null, "Source"), el("dd", null, orDash(joinNodes((e.src || []).map((x) => el("code", null, x)), ", "))));
    const tbody = el("tbody");
    D.apps.forEach((a, ai) => {
      const classic = e.c.filter((i) => allows(a.id, D.scopes[i].lv));
      tbody.append(el("tr", { "data-app": a.id }, el("th", null, a.id),
        el("td", { class: "best" }, e.b[ai] >= 0 ? scopeLink(e.b[ai]) : el("span", { class: "muted", title: e.w[ai] }, "—")),
        el("td", null, orDash(joinNodes(e.h[ai].map(scopeLink), ", "))),
        el("td", null, orDash(joinNodes(classic.map(scopeLink), ", ")))));
    });
    const table = el("table", { id: "event-advice" }, el("thead", null, el("tr", null,
      el("th", null, "App type"), el("th", null, "Least privileged scope"), el("th", null, "Higher privileged scopes"), el("th", null, "Classic scopes"))), tbody);
    const label = el("label", { class: "tickline" }, eventTickBox(id), " Subscribe in the plan");
    add(box, el("h2", { id: "detail-title" }, el("code", null, e.n)), el("p", { class: "muted" }, "Event subscription (webhook)"), meta, label, table);
    document.title = e.n + " · " + D.title;
  }

  function showHome() {
    const box = clear($("detail"));
    box.append(el("h2", { id: "detail-title" }, D.title),
      el("p", null, D.endpoints.length + " endpoints in " + D.products.length + " products, " +
        D.scopes.filter((s) => s.k === "g").length + " granular and " + D.scopes.filter((s) => s.k === "c").length + " classic scopes" +
        (D.events.length ? ", " + D.events.length + " events." : ".")),
      el("p", { class: "muted" }, D.events.length ?
        "Search as you type, filter by product and app type, open an endpoint, a scope or an event, and tick endpoints and events to build a plan." :
        "Search as you type, filter by product and app type, open an endpoint or a scope, and tick endpoints to build a plan."));
    document.title = D.title;
  }

  function route() {
    const h = location.hash.slice(1);
    const slash = h.indexOf("/");
    const kind = slash < 0 ? h : h.slice(0, slash);
    let arg = "";
    try { arg = slash < 0 ? "" : decodeURIComponent(h.slice(slash + 1)); } catch (_) { arg = ""; }
    if (kind === "endpoint" && /^\d+$/.test(arg)) return showEndpoint(Number(arg));
    if (kind === "scope") {
      const i = granularByName.has(arg) ? granularByName.get(arg) : classicByName.get(arg);
      return showScope(i === undefined ? -1 : i);
    }
    if (kind === "classic-scope") { const i = classicByName.get(arg); return showScope(i === undefined ? -1 : i); }
    if (kind === "event") { const i = eventByName.get(arg); return showEvent(i === undefined ? -1 : i); }
    showHome();
  }

  // ---- plan builder --------------------------------------------------
  const ticked = [];
  const tickedEvents = [];
  let planner = null;
  let plannerError = "";

  function toggleTick(id, on) {
    const at = ticked.indexOf(id);
    if (on && at < 0) ticked.push(id);
    if (!on && at >= 0) ticked.splice(at, 1);
    for (const box of document.querySelectorAll("input.tick")) {
      if (Number(box.getAttribute("data-id")) === id) box.checked = on;
    }
    renderPlan();
  }
  function toggleEvent(id, on) {
    const at = tickedEvents.indexOf(id);
    if (on && at < 0) tickedEvents.push(id);
    if (!on && at >= 0) tickedEvents.splice(at, 1);
    for (const box of document.querySelectorAll("input.tick-event")) {
      if (Number(box.getAttribute("data-event")) === id) box.checked = on;
    }
    renderPlan();
  }

  const scopeNodes = (list, byName) => list.map((n) => byName.has(n) ? scopeLink(byName.get(n)) : el("code", null, n));

  function renderPlan() {
    const list = clear($("plan-ticked"));
    for (const id of ticked) {
      const rm = el("button", { type: "button", class: "remove", "aria-label": "Remove" }, "×");
      rm.addEventListener("click", () => toggleTick(id, false));
      list.append(el("li", { "data-id": id }, rm, " ", endpointLink(id)));
    }
    for (const id of tickedEvents) {
      const rm = el("button", { type: "button", class: "remove", "aria-label": "Remove" }, "×");
      rm.addEventListener("click", () => toggleEvent(id, false));
      list.append(el("li", { "data-event": id }, rm, " ", eventLink(id)));
    }
    const out = clear($("plan-out"));
    const app = $("plan-app").value;
    if (!ticked.length && !tickedEvents.length) {
      out.append(el("p", { id: "plan-status" }, D.events.length ? "No endpoint or event ticked." : "No endpoint ticked."));
      return;
    }
    if (!planner) { out.append(el("p", { id: "plan-status" }, plannerError || "Loading the planner…")); return; }
    // The planner (planner.ForItems) plans the ticked endpoints and events
    // under one objective, exactly as scopeplan plan does.
    const r = JSON.parse(planner(JSON.stringify({ app, endpoints: ticked, events: tickedEvents })));
    if (r.error) { out.append(el("p", { id: "plan-status", class: "error" }, "Planner error: " + r.error)); return; }
    const art = (app === "admin" ? "an" : "a") + " " + app + " app";
    const what = ticked.length || !tickedEvents.length ? r.calls.length + " of " + ticked.length + " endpoint(s)" : "";
    const evWhat = tickedEvents.length ? r.events.length + " of " + tickedEvents.length + " event(s)" : "";
    out.append(el("p", { id: "plan-status" }, [what, evWhat].filter(Boolean).join(" and ") + " planned for " + art +
      (r.optimal ? "." : " (search limit reached; not proven optimal, gap " + r.gap + ").")),
      el("h3", null, "Granular scopes"),
      el("ul", { id: "plan-granular", class: "list" }, scopeNodes(r.granular, granularByName).map((n) => el("li", null, n))),
      el("p", null, "Over-grant: ", el("strong", { id: "plan-overgrant" }, String(r.overGrant)), " endpoint(s) beyond the ticked ones",
        D.events.length ? [", ", el("strong", { id: "plan-overgrant-events" }, String(r.overGrantEvents)), " event(s) beyond the ticked ones."] : "."),
      el("h3", null, "Classic scopes"),
      r.classic.length ? el("ul", { id: "plan-classic", class: "list" }, scopeNodes(r.classic, classicByName).map((n) => el("li", null, n))) :
        el("p", { id: "plan-classic", class: "muted" }, "None the app type may request."));
    const row = (link, item) => el("tr", null, el("td", null, link),
      el("td", null, orDash(joinNodes(scopeNodes(item.granular, granularByName), ", "))),
      el("td", null, orDash(joinNodes(scopeNodes(item.classic, classicByName), ", "))));
    if (r.calls.length) {
      out.append(el("table", { id: "plan-calls" }, el("thead", null, el("tr", null, el("th", null, "Endpoint"), el("th", null, "Granular"), el("th", null, "Classic"))),
        el("tbody", null, r.calls.map((c) => row(endpointLink(c.id), c)))));
    }
    if (r.events.length) {
      out.append(el("table", { id: "plan-events" }, el("thead", null, el("tr", null, el("th", null, "Event"), el("th", null, "Granular"), el("th", null, "Classic"))),
        el("tbody", null, r.events.map((e) => row(eventLink(e.id), e)))));
      const notes = r.events.flatMap((e) => e.notes.map((n) => el("li", null, el("code", null, D.events[e.id].n), " " + n)));
      if (notes.length) out.append(el("ul", { id: "plan-event-notes", class: "list muted" }, notes));
    }
    if (r.unmapped.length) {
      out.append(el("h3", null, "Not covered"), el("ul", { id: "plan-unmapped", class: "list" },
        r.unmapped.map((u) => el("li", null, u.id < 0 ? "?" : u.kind === "event" ? eventLink(u.id) : endpointLink(u.id),
          el("span", { class: "muted" }, " " + u.reason)))));
    }
  }

  async function loadPlanner() {
    const b64 = document.getElementById("scopeplan-wasm").textContent.replace(/\s+/g, "");
    const bin = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
    const stream = new Blob([bin]).stream().pipeThrough(new DecompressionStream("gzip"));
    const buf = await new Response(stream).arrayBuffer();
    const go = new Go();
    const { instance } = await WebAssembly.instantiate(buf, go.importObject);
    go.run(instance); // main registers scopeplanLoad and scopeplanPlan, then waits
    if (typeof globalThis.scopeplanLoad !== "function" || typeof globalThis.scopeplanPlan !== "function") throw new Error("the planner did not start");
    const err = globalThis.scopeplanLoad(dataText);
    if (err) throw new Error(err);
    return globalThis.scopeplanPlan;
  }

  // ---- start ---------------------------------------------------------
  D.products.forEach((p, i) => $("product").append(el("option", { value: i }, p)));
  if (D.events.length) {
    $("q").setAttribute("placeholder", "Search endpoints, scopes and events");
    $("q").setAttribute("aria-label", "Search endpoints, scopes and events");
    $("plan").querySelector(".hint").textContent = "Tick endpoints and events to see the least privileged scopes that cover them, as scopeplan plan computes them.";
  }
  const footer = $("footer");
  footer.append(el("span", null, "Data: " + D.documents.length + " document(s)" + (D.generated ? ", generated " + D.generated : "")));
  $("q").addEventListener("input", renderResults);
  $("product").addEventListener("change", renderResults);
  $("app").addEventListener("change", renderResults);
  $("plan-app").addEventListener("change", renderPlan);
  window.addEventListener("hashchange", route);
  renderResults();
  route();
  renderPlan();
  loadPlanner().then((f) => { planner = f; document.body.setAttribute("data-solver", "ready"); renderPlan(); },
    (err) => { plannerError = "The planner could not start: " + err.message; document.body.setAttribute("data-solver", "error"); renderPlan(); });
})();
