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
  // Ranking keys: the words of a name, operationId, path or scope name
  // (split at punctuation and at camelCase humps, lower-cased).
  const words = (s) => (s || "").replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  // Paths are keys too, but a prefix or a run of words inside one (the
  // whole /phone/users/... subtree for "phone users") ranks below those of
  // names.
  const epKeys = D.endpoints.map((e) => [e.n, e.o].filter(Boolean).map(words));
  const epPaths = D.endpoints.map((e) => [e.p, e.p ? (e.m || "") + " " + e.p : ""].filter(Boolean).map(words));
  const scKeys = D.scopes.map((s) => [words(s.n)]);
  const evKeys = D.events.map((e) => [words(e.n)]);

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
  // rank scores how well the query matches one of an item's keys (lower
  // is better): 0 the whole key, 1 the start of a key, 2 a run of whole
  // words inside a key ("phone users" in "List phone users"); paths score
  // 0 for the whole path and 3 or 4 for a start or a run; 5 is anything
  // else the search matches. Ties go to the shorter key.
  // wordsAt reports whether the query words qw match the key words w from
  // w[s] on, each query word one or more whole key words, the last one
  // possibly only the start of a key word ("phone use" matches "phone
  // users", "phone users" does not match "phone user settings").
  function wordsAt(w, qw, s) {
    let wi = s;
    for (let k = 0; k < qw.length; k++) {
      let q = qw[k];
      while (q && wi < w.length && q.startsWith(w[wi])) { q = q.slice(w[wi].length); wi++; }
      if (q && !(k === qw.length - 1 && q === qw[k] && wi < w.length && w[wi].startsWith(q))) return false;
    }
    return true;
  }
  function rank(keys, paths, q) {
    const qw = q.flatMap(words);
    const qs = qw.join("");
    let best = [5, 0];
    if (!qs) return best;
    const score = (w, path) => {
      const all = w.join("");
      let tier = 5;
      if (all === qs) tier = 0;
      else if (wordsAt(w, qw, 0)) tier = path ? 3 : 1;
      else for (let i = 1; i < w.length && tier === 5; i++) if (wordsAt(w, qw, i)) tier = path ? 4 : 2;
      if (tier < best[0] || (tier === best[0] && tier < 5 && all.length < best[1])) best = [tier, all.length];
    };
    for (const w of keys) score(w, false);
    for (const w of paths || []) score(w, true);
    return best;
  }
  // ranked sorts items by rank, then in catalog order.
  function ranked(items, keyOf, idOf, q, pathOf) {
    const r = new Map(items.map((x) => [x, rank(keyOf(x), pathOf && pathOf(x), q)]));
    return items.sort((a, b) => r.get(a)[0] - r.get(b)[0] || r.get(a)[1] - r.get(b)[1] || idOf(a) - idOf(b));
  }
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
    // Exact matches first, then prefix matches, then whole-word runs,
    // then the rest in catalog order.
    const eps = ranked(D.endpoints.filter((e) => endpointVisible(e, f)), (e) => epKeys[e.id], (e) => e.id, f.q, (e) => epPaths[e.id]);
    ranked(scopes, (i) => scKeys[i], (i) => i, f.q);
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
    const evs = ranked(D.events.filter((e) => eventVisible(e, f)), (e) => evKeys[e.id], (e) => e.id, f.q);
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
    const table = adviceTable(e, "advice");
    const label = el("label", { class: "tickline" }, tickBox(id), " Add to plan");
    add(box, head, meta, label, table, notesList(e.no));
    document.title = endpointLabel(e) + " · " + D.title;
  }

  // adviceTable is the per-app-type advice of an endpoint or event: the
  // least privileged scope, the higher privileged ones and the classic ones.
  function adviceTable(e, id) {
    const tbody = el("tbody");
    D.apps.forEach((a, ai) => {
      const classic = e.c.filter((i) => allows(a.id, D.scopes[i].lv));
      tbody.append(el("tr", { "data-app": a.id }, el("th", null, a.id),
        el("td", { class: "best" }, e.b[ai] >= 0 ? scopeLink(e.b[ai]) : el("span", { class: "muted", title: e.w[ai] }, "—")),
        el("td", null, orDash(joinNodes(e.h[ai].map(scopeLink), ", "))),
        el("td", null, orDash(joinNodes(classic.map(scopeLink), ", ")))));
    });
    return el("table", { id: id }, el("thead", null, el("tr", null,
      el("th", null, "App type"), el("th", null, "Least privileged scope"), el("th", null, "Higher privileged scopes"), el("th", null, "Classic scopes"))), tbody);
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
    const table = adviceTable(e, "event-advice");
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
    const copies = [copyBlock("plan-manifest", "Manifest block", planManifest(r)), copyBlock("plan-command", "Command", planCommand(app))];
    if (r.unmapped.length) {
      out.append(el("h3", null, "Not covered"), el("ul", { id: "plan-unmapped", class: "list" },
        r.unmapped.map((u) => el("li", null, u.id < 0 ? "?" : u.kind === "event" ? eventLink(u.id) : endpointLink(u.id),
          el("span", { class: "muted" }, " " + u.reason)))));
    }
    add(out, copies.flat());
  }

  // ---- plan as a manifest block and as a command ---------------------
  // callSpec is a --call spec that resolves to exactly endpoint id: its
  // doc link when no other endpoint has it, else METHOD /path, else its
  // operationId, each only when it names that endpoint alone.
  const docLink = (l) => l.replace(/%(2[027-9]|3[CE]|5[BCDE]|60|7[BCD])/gi, (m) => decodeURIComponent(m));
  const countOf = (keys) => { const m = new Map(); for (const k of keys) if (k) m.set(k, (m.get(k) || 0) + 1); return m; };
  const reqKey = (e) => (e.p ? (e.m || "") + " " + e.p.replace(/\{[^}]*\}/g, "{}") : "");
  let specCounts = null;
  function callSpec(id) {
    const e = D.endpoints[id];
    if (!specCounts) specCounts = { l: countOf(D.endpoints.map((x) => x.l && docLink(x.l))), p: countOf(D.endpoints.map(reqKey)), o: countOf(D.endpoints.map((x) => x.o)) };
    if (e.l && specCounts.l.get(docLink(e.l)) === 1) return docLink(e.l);
    if (e.p && e.m && specCounts.p.get(reqKey(e)) === 1) return e.m + " " + e.p;
    if (e.o && specCounts.o.get(e.o) === 1) return e.o;
    return e.l ? docLink(e.l) : e.p ? (e.m || "") + " " + e.p : e.o || e.n;
  }
  // shellWord quotes a word for a POSIX shell.
  const shellWord = (s) => (/^[A-Za-z0-9_@%+=:,.\/-]+$/.test(s) ? s : "'" + s.replace(/'/g, "'\\''") + "'");
  function planCommand(app) {
    return ["scopeplan", "plan", "--app", app].concat(
      ticked.flatMap((id) => ["--call", callSpec(id)]).map(shellWord),
      tickedEvents.flatMap((id) => ["--event", D.events[id].n]).map(shellWord)).join(" ") + "\n";
  }
  // yamlScalar writes a string as YAML the way scopeplan's YAML encoder
  // does for names: plain when that reads back as the same string,
  // single-quoted when only an indicator character prevents it, else
  // double-quoted (a JSON string is a YAML one).
  function yamlScalar(s) {
    const other = /^(~|null|true|false|yes|no|on|off|y|n|[-+]?(\.?[0-9][0-9_.]*([eE][-+]?[0-9]+)?|\.inf|\.nan|0x[0-9a-f_]+|0o?[0-7_]+)|[0-9]{4}-[0-9]{2}-[0-9]{2}.*)$/i;
    if (s === "" || other.test(s) || /[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]/.test(s)) return JSON.stringify(s);
    if (/^[-?:,[\]{}#&*!|>'"%@`\s]/.test(s) && !/^[-?:][^\s]/.test(s) || /: |:$| #|\s$/.test(s)) return "'" + s.replace(/'/g, "''") + "'";
    return s;
  }
  const commentLine = (s) => String(s).replace(/[\r\n\u2028\u2029]/g, " ");
  // planManifest is the plan as scopeplan plan --format manifest writes it.
  function planManifest(r) {
    const lines = [];
    if (r.unmapped.length) {
      lines.push("# scopeplan: " + r.unmapped.length + " call(s) or event(s) could not be mapped; the scopes below do not cover them:");
      for (const u of r.unmapped) {
        const name = u.id < 0 ? "?" : u.kind === "event" ? "event " + D.events[u.id].n : callSpec(u.id);
        lines.push("#   " + commentLine(name) + ": " + commentLine(u.reason));
      }
    }
    if (!r.granular.length) lines.push("scopes: []");
    else lines.push("scopes:", ...r.granular.flatMap((g) => ["  - scope: " + yamlScalar(g), "    optional: false"]));
    if (r.events.length) {
      lines.push("features:", "  event_subscription:", "    events:", ...r.events.map((e) => "      - " + yamlScalar(D.events[e.id].n)));
    }
    return lines.join("\n") + "\n";
  }
  // copyBlock shows text in a <pre> with a button that selects it and
  // copies it to the clipboard where the browser allows.
  function copyBlock(id, title, text) {
    const pre = el("pre", { id, class: "copy", tabindex: "0" }, text);
    const status = el("span", { class: "muted", id: id + "-status", "aria-live": "polite" });
    const button = el("button", { type: "button", class: "copy", "data-copy": id }, "Copy");
    button.addEventListener("click", () => {
      const range = document.createRange();
      range.selectNodeContents(pre);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      const fallback = () => {
        let ok = false;
        try { ok = document.execCommand("copy"); } catch (_) { ok = false; }
        status.textContent = ok ? "Copied." : "Selected: press Ctrl+C to copy.";
      };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(pre.textContent).then(() => { status.textContent = "Copied."; }, fallback);
      else fallback();
    });
    return [el("h3", null, title, " ", button, " ", status), pre];
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
