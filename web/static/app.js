// actorgraph explorer. Plain JavaScript, no third-party code: the layout is a
// small force simulation written here, the drawing is SVG. Every request goes
// to the page's own origin.
"use strict";

(function () {
  const SVGNS = "http://www.w3.org/2000/svg";
  const $ = (sel) => document.querySelector(sel);

  // ---- State ---------------------------------------------------------------
  const state = {
    a: null, b: null,               // chosen endpoints {id, name, kind}
    nodes: new Map(),               // id -> node {id, name, kind, x, y, vx, vy, fixed, isNew}
    edges: new Map(),               // id -> edge summary (see edgeOf)
    paths: [],                      // [{actors:[ids], hops:[edge ids], text}]
    activePath: 0,
    expanded: new Set(),
    selected: null,                 // {kind:'node'|'edge', id}
    filters: { asOf: null, minConf: 0, contested: true, types: null },
    view: { x: 0, y: 0, k: 1 },
    vocabulary: [],
    sources: new Map(),
  };

  // ---- API -----------------------------------------------------------------
  // The only place that knows the HTTP API's shapes.
  const api = {
    async get(path) {
      const res = await fetch(path, { headers: { Accept: "application/json" } });
      return api.check(res);
    },
    async check(res) {
      const ct = res.headers.get("Content-Type") || "";
      const body = ct.includes("json") ? await res.json() : await res.text();
      if (!res.ok) {
        const err = new Error((body && (body.detail || body.title)) || res.statusText);
        err.status = res.status; err.body = body;
        throw err;
      }
      return body;
    },
    search: (q, limit) => api.get(`/v1/actors?q=${encodeURIComponent(q)}&limit=${limit || 8}`),
    actor: (id) => api.get(`/v1/actors/${encodeURIComponent(id)}`),
    actorRelations: (id, params) => api.get(`/v1/actors/${encodeURIComponent(id)}/relations?${params}`),
    relation: (id) => api.get(`/v1/relations/${encodeURIComponent(id)}`),
    relationTypes: () => api.get("/v1/relation-types"),
    sources: () => api.get("/v1/sources"),
    paths: (params) => api.get(`/v1/paths?${params}`),
    network: (id, params) => api.get(`/v1/actors/${encodeURIComponent(id)}/network?${params}`),
    async subgraph(body, format) {
      const res = await fetch(`/v1/subgraph${format ? "?format=" + format : ""}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      if (!res.ok) return api.check(res);
      return res.blob();
    },
  };

  // Normalisers from API payloads to the page's own records.
  function nodeOf(a) {
    return { id: a.id, name: a.name, kind: a.kind };
  }
  function edgeOf(r) {
    return {
      id: r.id, type: r.type,
      from: r.from !== undefined ? r.from : r.source,
      to: r.to !== undefined ? r.to : r.target,
      confidence: r.confidence, contested: !!r.contested,
      valid_from: r.valid_from || "", valid_to: r.valid_to || "",
      symmetric: symmetric(r.type),
    };
  }
  function symmetric(type) {
    const t = state.vocabulary.find((v) => v.name === type);
    return !!(t && t.symmetric);
  }
  function list(x, key) { return Array.isArray(x) ? x : (x && x[key]) || []; }

  // ---- Filters -------------------------------------------------------------
  function yearOf(d) { return d ? parseInt(d.slice(0, 4), 10) : null; }
  function edgeVisible(e) {
    const f = state.filters;
    if (!f.contested && e.contested) return false;
    if (e.confidence < f.minConf) return false;
    if (f.types && !f.types.has(e.type)) return false;
    if (f.asOf !== null) {
      const from = yearOf(e.valid_from), to = yearOf(e.valid_to);
      if (from !== null && from > f.asOf) return false;
      if (to !== null && to < f.asOf) return false;
    }
    return true;
  }
  function filterParams(p) {
    const f = state.filters;
    if (f.asOf !== null) p.set("as_of", String(f.asOf));
    if (f.minConf > 0) p.set("min_confidence", String(f.minConf));
    if (!f.contested) p.set("include_contested", "false");
    if (f.types) p.set("types", [...f.types].join(","));
    return p;
  }

  // ---- Graph on screen -------------------------------------------------------
  function addNode(a, near) {
    let n = state.nodes.get(a.id);
    if (n) { n.name = a.name; n.kind = a.kind; return n; }
    const c = near || { x: 0, y: 0 };
    const ang = Math.random() * Math.PI * 2, r = near ? 60 + Math.random() * 40 : Math.random() * 50;
    n = { ...nodeOf(a), x: c.x + Math.cos(ang) * r, y: c.y + Math.sin(ang) * r, vx: 0, vy: 0, fixed: false, isNew: true };
    state.nodes.set(a.id, n);
    return n;
  }
  function addEdge(r) {
    const e = edgeOf(r);
    state.edges.set(e.id, e);
    return e;
  }

  // ---- Layout: a force simulation with label-aware repulsion -------------------
  // New nodes start next to a neighbour and move freely; nodes already placed
  // move much less, so the drawing stays stable as the graph grows.
  function layout(iterations) {
    const nodes = [...state.nodes.values()];
    const edges = [...state.edges.values()].filter((e) => state.nodes.has(e.from) && state.nodes.has(e.to));
    if (nodes.length === 0) return;
    const ideal = 130;
    for (let it = 0; it < iterations; it++) {
      const temp = 1 - it / iterations;
      for (let i = 0; i < nodes.length; i++) {
        const a = nodes[i];
        for (let j = i + 1; j < nodes.length; j++) {
          const b = nodes[j];
          let dx = a.x - b.x, dy = a.y - b.y;
          let d2 = dx * dx + dy * dy;
          if (d2 < 0.01) { dx = Math.random() - 0.5; dy = Math.random() - 0.5; d2 = dx * dx + dy * dy; }
          const d = Math.sqrt(d2);
          // Labels are wide: repel harder horizontally when they would overlap.
          const labelW = (labelWidth(a) + labelWidth(b)) / 2;
          let f = (ideal * ideal) / d2;
          if (Math.abs(dy) < 26 && Math.abs(dx) < labelW) f += 0.6;
          const fx = (dx / d) * f * 6, fy = (dy / d) * f * 6;
          a.vx += fx; a.vy += fy; b.vx -= fx; b.vy -= fy;
        }
      }
      for (const e of edges) {
        const a = state.nodes.get(e.from), b = state.nodes.get(e.to);
        const dx = b.x - a.x, dy = b.y - a.y;
        const d = Math.sqrt(dx * dx + dy * dy) || 1;
        const f = (d - ideal) * 0.04;
        const fx = (dx / d) * f, fy = (dy / d) * f;
        a.vx += fx; a.vy += fy; b.vx -= fx; b.vy -= fy;
      }
      for (const n of nodes) {
        n.vx -= n.x * 0.002; n.vy -= n.y * 0.002; // gentle gravity to the centre
        if (n.fixed) { n.vx = n.vy = 0; continue; }
        const damp = n.isNew ? 1 : 0.15;
        const max = 30 * temp * damp + 0.5;
        const v = Math.sqrt(n.vx * n.vx + n.vy * n.vy);
        const s = v > max ? max / v : 1;
        n.x += n.vx * s * damp; n.y += n.vy * s * damp;
        n.vx *= 0.5; n.vy *= 0.5;
      }
    }
    for (const n of nodes) n.isNew = false;
  }
  function labelWidth(n) { return Math.min(n.name.length, 28) * 6.5 + 10; }

  // ---- Drawing ---------------------------------------------------------------
  const chart = $("#chart"), viewport = $("#viewport"), gEdges = $("#edges"), gNodes = $("#nodes");
  function el(name, attrs, parent) {
    const x = document.createElementNS(SVGNS, name);
    for (const k in attrs) x.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(x);
    return x;
  }
  function shapeFor(kind, g) {
    switch (kind) {
      case "organization": return el("rect", { x: -12, y: -12, width: 24, height: 24, rx: 4, class: "shape kind-organization" }, g);
      case "event": return el("polygon", { points: "0,-15 15,0 0,15 -15,0", class: "shape kind-event" }, g);
      case "place": return el("polygon", { points: "0,-14 13,10 -13,10", class: "shape kind-place" }, g);
      default: return el("circle", { r: 12, class: "shape kind-person" }, g);
    }
  }
  function pathSets() {
    const p = state.paths[state.activePath];
    return { nodes: new Set(p ? p.actors : []), edges: new Set(p ? p.hops : []) };
  }
  function arrowText(e) { return e.symmetric ? `—${e.type}—` : `${e.type} →`; }
  function render() {
    const on = pathSets();
    gEdges.textContent = ""; gNodes.textContent = "";
    // Parallel edges between the same pair are fanned out with curves.
    const pairCount = new Map();
    for (const e of state.edges.values()) {
      if (!state.nodes.has(e.from) || !state.nodes.has(e.to) || !edgeVisible(e)) continue;
      const key = [e.from, e.to].sort().join("\u0000");
      const idx = pairCount.get(key) || 0;
      pairCount.set(key, idx + 1);
      const a = state.nodes.get(e.from), b = state.nodes.get(e.to);
      const onPath = on.edges.has(e.id);
      const cls = ["edge", e.contested ? "contested" : "", onPath ? "onpath" : "",
        state.selected && state.selected.kind === "edge" && state.selected.id === e.id ? "selected" : ""].join(" ");
      const g = el("g", { class: cls, tabindex: 0, role: "button", "data-edge": e.id,
        "aria-label": `${a.name} ${e.type} ${b.name}${e.contested ? ", contested" : ""}. Press Enter for evidence.` }, gEdges);
      const dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
      const bend = idx === 0 ? 0 : (idx % 2 ? 1 : -1) * Math.ceil(idx / 2) * 28;
      const mx = (a.x + b.x) / 2 - (dy / d) * bend, my = (a.y + b.y) / 2 + (dx / d) * bend;
      // Stop the line at the target's rim so the arrowhead shows.
      const ex = b.x - ((b.x - mx) / (Math.hypot(b.x - mx, b.y - my) || 1)) * 16;
      const ey = b.y - ((b.y - my) / (Math.hypot(b.x - mx, b.y - my) || 1)) * 16;
      const dpath = `M${a.x},${a.y} Q${mx},${my} ${ex},${ey}`;
      el("path", { d: dpath, class: "hit" }, g);
      const line = el("path", { d: dpath, class: "line" }, g);
      if (!e.symmetric) line.setAttribute("marker-end", onPath ? "url(#arrow-hl)" : "url(#arrow)");
      const t = el("text", { x: (a.x + 2 * mx + b.x) / 4, y: (a.y + 2 * my + b.y) / 4 - 3, "text-anchor": "middle" }, g);
      t.textContent = arrowText(e) + (e.contested ? " ⚑" : "");
      const title = el("title", {}, g);
      title.textContent = `${a.name} ${e.type} ${b.name}${e.contested ? " (contested)" : ""}, confidence ${e.confidence}`;
    }
    for (const n of state.nodes.values()) {
      const cls = ["node", on.nodes.has(n.id) ? "onpath" : "",
        (state.a && state.a.id === n.id) || (state.b && state.b.id === n.id) ? "endpoint" : "",
        state.selected && state.selected.kind === "node" && state.selected.id === n.id ? "selected" : ""].join(" ");
      const g = el("g", { class: cls, transform: `translate(${n.x},${n.y})`, tabindex: 0, role: "button", "data-node": n.id,
        "aria-label": `${n.name}, ${n.kind}. Enter for details, E to expand.` }, gNodes);
      shapeFor(n.kind, g);
      const t = el("text", { y: 28, "text-anchor": "middle" }, g);
      t.textContent = n.name.length > 32 ? n.name.slice(0, 31) + "…" : n.name;
      const title = el("title", {}, g);
      title.textContent = `${n.name} (${n.kind})`;
    }
    applyView();
    renderPaths();
  }
  function applyView() {
    const v = state.view;
    viewport.setAttribute("transform", `translate(${v.x},${v.y}) scale(${v.k})`);
  }
  function fit() {
    const nodes = [...state.nodes.values()];
    if (!nodes.length) return;
    const r = chart.getBoundingClientRect();
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const n of nodes) { x0 = Math.min(x0, n.x - 80); x1 = Math.max(x1, n.x + 80); y0 = Math.min(y0, n.y - 30); y1 = Math.max(y1, n.y + 40); }
    const k = Math.min(2, Math.max(0.2, Math.min(r.width / (x1 - x0), r.height / (y1 - y0))));
    state.view = { k, x: r.width / 2 - k * (x0 + x1) / 2, y: r.height / 2 - k * (y0 + y1) / 2 };
    applyView();
  }
  function zoomBy(f, cx, cy) {
    const v = state.view, r = chart.getBoundingClientRect();
    if (cx === undefined) { cx = r.width / 2; cy = r.height / 2; }
    const k = Math.min(4, Math.max(0.1, v.k * f));
    v.x = cx - (cx - v.x) * (k / v.k); v.y = cy - (cy - v.y) * (k / v.k); v.k = k;
    applyView();
  }
  function renderPaths() {
    const ol = $("#paths");
    ol.textContent = "";
    state.paths.forEach((p, i) => {
      const li = document.createElement("li");
      if (i === state.activePath) li.className = "active";
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = p.text;
      b.addEventListener("click", () => { state.activePath = i; render(); });
      li.appendChild(b);
      ol.appendChild(li);
    });
  }

  // ---- Interaction: pan, zoom, drag, click -------------------------------------
  let drag = null;
  chart.addEventListener("pointerdown", (ev) => {
    const ng = ev.target.closest("[data-node]");
    chart.setPointerCapture(ev.pointerId);
    if (ng) {
      const n = state.nodes.get(ng.dataset.node);
      drag = { node: n, sx: ev.clientX, sy: ev.clientY, ox: n.x, oy: n.y, moved: false };
    } else {
      drag = { pan: true, sx: ev.clientX, sy: ev.clientY, ox: state.view.x, oy: state.view.y, moved: false };
      chart.classList.add("panning");
    }
  });
  chart.addEventListener("pointermove", (ev) => {
    if (!drag) return;
    const dx = ev.clientX - drag.sx, dy = ev.clientY - drag.sy;
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    if (!drag.moved) return;
    if (drag.pan) { state.view.x = drag.ox + dx; state.view.y = drag.oy + dy; applyView(); }
    else { drag.node.x = drag.ox + dx / state.view.k; drag.node.y = drag.oy + dy / state.view.k; drag.node.fixed = true; render(); }
  });
  chart.addEventListener("pointerup", (ev) => {
    const d = drag;
    drag = null;
    chart.classList.remove("panning");
    if (!d || d.moved) return;
    const eg = ev.target.closest("[data-edge]");
    if (d.node) selectNode(d.node.id);
    else if (eg) selectEdge(eg.dataset.edge);
  });
  chart.addEventListener("dblclick", (ev) => {
    const ng = ev.target.closest("[data-node]");
    if (ng) expand(ng.dataset.node);
  });
  chart.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const r = chart.getBoundingClientRect();
    zoomBy(ev.deltaY < 0 ? 1.15 : 1 / 1.15, ev.clientX - r.left, ev.clientY - r.top);
  }, { passive: false });
  chart.addEventListener("keydown", (ev) => {
    const ng = ev.target.closest && ev.target.closest("[data-node]");
    const eg = ev.target.closest && ev.target.closest("[data-edge]");
    if (ev.key === "Enter" || ev.key === " ") {
      if (ng) { ev.preventDefault(); selectNode(ng.dataset.node); }
      else if (eg) { ev.preventDefault(); selectEdge(eg.dataset.edge); }
    } else if ((ev.key === "e" || ev.key === "E") && ng) {
      ev.preventDefault(); expand(ng.dataset.node);
    } else if (ev.key === "+" || ev.key === "=") zoomBy(1.2);
    else if (ev.key === "-") zoomBy(1 / 1.2);
  });
  $("#zoom-in").addEventListener("click", () => zoomBy(1.25));
  $("#zoom-out").addEventListener("click", () => zoomBy(0.8));
  $("#zoom-fit").addEventListener("click", fit);

  // ---- Status ---------------------------------------------------------------
  function status(msg, isError) {
    const s = $("#status");
    s.textContent = msg;
    s.classList.toggle("error", !!isError);
  }
  function problemText(err) {
    const b = err.body || {};
    let msg = b.detail || err.message;
    if (b.candidates) msg += " Candidates: " + b.candidates.map((c) => c.name || c.id).join(", ");
    return msg;
  }

  // ---- Search pickers --------------------------------------------------------
  function setupPicker(slot) {
    const input = $(`#pick-${slot}`), listEl = $(`#pick-${slot}-list`), chosen = $(`#chosen-${slot}`);
    let items = [], active = -1, timer = null, seq = 0;
    function close() { listEl.hidden = true; input.setAttribute("aria-expanded", "false"); active = -1; input.removeAttribute("aria-activedescendant"); }
    function show() {
      listEl.textContent = "";
      items.forEach((a, i) => {
        const li = document.createElement("li");
        li.id = `pick-${slot}-opt-${i}`;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", i === active ? "true" : "false");
        li.dataset.id = a.id;
        li.textContent = a.name;
        const k = document.createElement("span");
        k.className = "kind";
        k.textContent = `${a.kind}${a.aliases && a.aliases.length ? " · " + a.aliases.slice(0, 2).join(", ") : ""}`;
        li.appendChild(k);
        li.addEventListener("mousedown", (ev) => { ev.preventDefault(); choose(a); });
        listEl.appendChild(li);
      });
      listEl.hidden = items.length === 0;
      input.setAttribute("aria-expanded", items.length ? "true" : "false");
      if (active >= 0) input.setAttribute("aria-activedescendant", `pick-${slot}-opt-${active}`);
    }
    function choose(a) {
      state[slot] = { id: a.id, name: a.name, kind: a.kind };
      input.value = a.name;
      chosen.textContent = `${a.name} (${a.kind}, ${a.id})`;
      close();
      addNode(a);
      layout(60); render(); fit();
      syncURL();
    }
    input.addEventListener("input", () => {
      clearTimeout(timer);
      const q = input.value.trim();
      if (!q) { items = []; close(); return; }
      timer = setTimeout(async () => {
        const my = ++seq;
        try {
          const res = await api.search(q, 8);
          if (my !== seq) return;
          items = list(res, "hits").map((h) => h.actor || h);
          active = items.length ? 0 : -1;
          show();
        } catch (err) { status(problemText(err), true); }
      }, 150);
    });
    input.addEventListener("keydown", (ev) => {
      if (ev.key === "ArrowDown" && items.length) { ev.preventDefault(); active = (active + 1) % items.length; show(); }
      else if (ev.key === "ArrowUp" && items.length) { ev.preventDefault(); active = (active - 1 + items.length) % items.length; show(); }
      else if (ev.key === "Enter" && active >= 0 && !listEl.hidden) { ev.preventDefault(); choose(items[active]); }
      else if (ev.key === "Escape") close();
    });
    input.addEventListener("blur", () => setTimeout(close, 100));
    return { choose };
  }
  const pickers = { a: setupPicker("a"), b: setupPicker("b") };

  // ---- Paths -----------------------------------------------------------------
  function pathText(p, byId) {
    let s = byId(p.actors[0]);
    p.hopDetails.forEach((h) => {
      const sym = symmetric(h.type);
      s += sym ? ` —${h.type}— ` : h.forward ? ` —${h.type}→ ` : ` ←${h.type}— `;
      s += byId(h.to);
    });
    return s;
  }
  async function connect() {
    if (!state.a || !state.b) { status("Choose both actors first.", true); return; }
    const p = filterParams(new URLSearchParams({
      from: state.a.id, to: state.b.id, mode: "k_shortest",
      k: $("#k").value, max_hops: $("#hops").value,
    }));
    status("Searching…");
    try {
      const res = await api.paths(p.toString());
      const paths = list(res, "paths");
      state.paths = paths.map((path) => {
        const actors = list(path, "actors");
        for (const a of actors) addNode(a, state.nodes.get(state.a.id));
        const names = new Map(actors.map((a) => [a.id, a.name]));
        const hopDetails = list(path, "hops").map((h) => {
          const rel = h.relation || h;
          addEdge(rel);
          return { id: rel.id, type: rel.type, from: h.from, to: h.to, forward: h.forward !== undefined ? h.forward : rel.from === h.from };
        });
        const rec = { actors: actors.map((a) => a.id), hops: hopDetails.map((h) => h.id), hopDetails };
        rec.text = path.text || pathText(rec, (id) => names.get(id) || id);
        return rec;
      });
      state.activePath = 0;
      if (!state.paths.length) {
        status(`No path within ${$("#hops").value} hops with these filters.`);
      } else {
        status(`${state.paths.length} path${state.paths.length > 1 ? "s" : ""} found; the highlighted one is the shortest.`);
      }
      layout(200); render(); fit();
      syncURL();
    } catch (err) { status(problemText(err), true); }
  }
  $("#connect").addEventListener("click", connect);

  // ---- Expand ----------------------------------------------------------------
  async function expand(id) {
    const p = filterParams(new URLSearchParams({ depth: "1", limit: "60" }));
    status("Expanding…");
    try {
      const res = await api.network(id, p.toString());
      const center = state.nodes.get(id);
      const nodes = list(res, "nodes"), edges = list(res, "edges");
      for (const a of nodes) addNode(a, center);
      for (const r of edges) addEdge(r);
      state.expanded.add(id);
      status(`${nodes.length - 1} neighbours of ${center ? center.name : id}${res.truncated ? " (capped at 60; filter to see others)" : ""}.`);
      layout(150); render();
      syncURL();
    } catch (err) { status(problemText(err), true); }
  }

  // ---- Details panel -----------------------------------------------------------
  const panel = $("#panel");
  function h(tag, text, cls) {
    const x = document.createElement(tag);
    if (text !== undefined && text !== null) x.textContent = text;
    if (cls) x.className = cls;
    return x;
  }
  function facts(pairs) {
    const dl = h("dl", null, "facts");
    for (const [k, v] of pairs) {
      if (v === undefined || v === null || v === "" || (Array.isArray(v) && !v.length)) continue;
      dl.appendChild(h("dt", k));
      dl.appendChild(h("dd", Array.isArray(v) ? v.join(", ") : String(v)));
    }
    return dl;
  }
  function sourceLine(ev) {
    const s = state.sources.get(ev.source);
    let title = s ? s.title : ev.source, pub = s ? s.publication : "", date = s ? s.date : "";
    if (s && ev.piece && s.pieces) {
      const pc = s.pieces.find((x) => x.id === ev.piece);
      if (pc) { title = pc.title; pub = pc.publication || pub; date = pc.date || date; }
    }
    return [title, pub, date].filter(Boolean).join(" · ");
  }
  function evidenceBlock(ev) {
    const d = h("div", null, "evidence" + (ev.stance === "refutes" ? " refutes" : ""));
    const q = h("blockquote", `“${ev.quote}”`);
    d.appendChild(q);
    d.appendChild(h("div", sourceLine(ev), "meta source"));
    const grade = `${ev.reliability || "?"}${ev.credibility || "?"}`;
    d.appendChild(h("div", `${ev.stance === "refutes" ? "Refutes" : "Supports"} · claimant: ${ev.claimant || "unknown"} · grading ${grade}`, "meta"));
    return d;
  }
  async function selectNode(id) {
    state.selected = { kind: "node", id };
    render();
    try {
      const res = await api.actor(id);
      const a = res.actor || res;
      panel.textContent = "";
      const title = h("h2", a.name);
      panel.appendChild(title);
      panel.appendChild(facts([["Kind", a.kind], ["Id", a.id], ["Aliases", a.aliases], ["Start", a.start], ["End", a.end]]));
      if (a.description) panel.appendChild(h("p", a.description));
      const btns = h("div", null, "buttons");
      const ex = h("button", "Expand neighbours");
      ex.type = "button";
      ex.addEventListener("click", () => expand(id));
      btns.appendChild(ex);
      for (const slot of ["a", "b"]) {
        const b = h("button", slot === "a" ? "Use as From" : "Use as To");
        b.type = "button";
        b.addEventListener("click", () => pickers[slot].choose(a));
        btns.appendChild(b);
      }
      panel.appendChild(btns);
      const rels = await api.actorRelations(id, filterParams(new URLSearchParams()).toString());
      const byType = new Map();
      for (const r of list(rels, "relations")) {
        if (!byType.has(r.type)) byType.set(r.type, []);
        byType.get(r.type).push(r);
      }
      panel.appendChild(h("h3", "Relations by type"));
      for (const [type, rs] of [...byType.entries()].sort()) {
        panel.appendChild(h("h3", `${type} (${rs.length})`));
        const ul = h("ul", null, "rels");
        for (const r of rs) {
          const other = r.from === id ? r.to : r.from;
          const li = h("li");
          const b = h("button", `${r.from === id ? "→" : "←"} ${other}${r.contested ? " (contested)" : ""}`, "linkish");
          b.type = "button";
          b.addEventListener("click", async () => {
            addEdge(r);
            try {
              const o = await api.actor(other);
              addNode(o.actor || o, state.nodes.get(id));
            } catch (err) { status(problemText(err), true); }
            layout(80); render(); selectEdge(r.id);
          });
          li.appendChild(b);
          ul.appendChild(li);
        }
        panel.appendChild(ul);
      }
    } catch (err) { status(problemText(err), true); }
  }
  async function selectEdge(id) {
    state.selected = { kind: "edge", id };
    render();
    try {
      const res = await api.relation(id);
      const r = res.relation || res;
      const from = state.nodes.get(r.from), to = state.nodes.get(r.to);
      panel.textContent = "";
      const t = h("h2", `${from ? from.name : r.from} ${r.type} ${to ? to.name : r.to}`);
      if (r.contested) t.appendChild(h("span", "contested", "badge contested"));
      panel.appendChild(t);
      const vt = state.vocabulary.find((v) => v.name === r.type);
      if (vt) panel.appendChild(h("p", vt.meaning, "meta"));
      panel.appendChild(facts([["Confidence", r.confidence], ["Role", r.role], ["Valid from", r.valid_from], ["Valid to", r.valid_to], ["Id", r.id]]));
      panel.appendChild(h("h3", `Evidence (${(r.evidence || []).length})`));
      for (const ev of r.evidence || []) panel.appendChild(evidenceBlock(ev));
      if (r.contested) await competingClaims(r);
    } catch (err) { status(problemText(err), true); }
  }
  // A contested relation is shown beside the other contested claims of the
  // same type made about the same actor, e.g. the two groups that claimed
  // one attack.
  async function competingClaims(r) {
    const res = await api.actorRelations(r.from, new URLSearchParams({ types: r.type, direction: "out" }).toString());
    const rivals = list(res, "relations").filter((x) => x.id !== r.id);
    if (!rivals.length) return;
    panel.appendChild(h("h3", "Competing claims, side by side"));
    const grid = h("div", null, "claims");
    for (const x of [r, ...rivals]) {
      const c = h("div");
      c.appendChild(h("strong", `${x.type} → ${x.to}${x.contested ? " (contested)" : ""}`));
      const ev = (x.evidence || [])[0];
      if (ev) {
        c.appendChild(h("p", `“${ev.quote}”`));
        c.appendChild(h("p", `${ev.claimant || ""} · ${sourceLine(ev)}`, "meta"));
      }
      grid.appendChild(c);
    }
    panel.appendChild(grid);
  }

  // ---- Filters UI --------------------------------------------------------------
  function readFilters() {
    const y = parseInt($("#asof").value, 10);
    state.filters.asOf = y >= 2026 ? null : y;
    $("#asof-out").textContent = state.filters.asOf === null ? "any date" : String(y);
    $("#asof").setAttribute("aria-valuetext", $("#asof-out").textContent);
    state.filters.minConf = parseFloat($("#minconf").value);
    $("#minconf-out").textContent = state.filters.minConf.toFixed(2);
    state.filters.contested = $("#contested").checked;
    const boxes = [...document.querySelectorAll("#types input")];
    const on = boxes.filter((b) => b.checked).map((b) => b.value);
    state.filters.types = boxes.length && on.length !== boxes.length ? new Set(on) : null;
  }
  function onFilterChange() { readFilters(); render(); syncURL(); }
  $("#asof").addEventListener("input", onFilterChange);
  $("#minconf").addEventListener("input", onFilterChange);
  $("#contested").addEventListener("change", onFilterChange);

  // ---- Export ------------------------------------------------------------------
  function download(blob, name) {
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url; a.download = name;
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
  // The SVG is exported with its styles inlined, so it renders the same
  // anywhere.
  function svgText() {
    const clone = chart.cloneNode(true);
    clone.setAttribute("xmlns", SVGNS);
    const r = chart.getBoundingClientRect();
    clone.setAttribute("width", Math.round(r.width));
    clone.setAttribute("height", Math.round(r.height));
    const src = [...chart.querySelectorAll("*")], dst = [...clone.querySelectorAll("*")];
    const props = ["fill", "stroke", "stroke-width", "stroke-dasharray", "font-size", "font-weight", "font-family", "paint-order", "stroke-linejoin"];
    src.forEach((s, i) => {
      const cs = getComputedStyle(s);
      dst[i].setAttribute("style", props.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(";"));
    });
    const bg = el("rect", { x: 0, y: 0, width: "100%", height: "100%", fill: "#ffffff" });
    clone.insertBefore(bg, clone.firstChild);
    return new XMLSerializer().serializeToString(clone);
  }
  async function exportAs(kind) {
    const base = state.a && state.b ? `${state.a.id}--${state.b.id}` : "actorgraph";
    if (kind === "svg") { download(new Blob([svgText()], { type: "image/svg+xml" }), `${base}.svg`); return; }
    if (kind === "png") {
      const img = new Image();
      const r = chart.getBoundingClientRect();
      img.onload = () => {
        const c = document.createElement("canvas");
        c.width = Math.round(r.width * 2); c.height = Math.round(r.height * 2);
        const ctx = c.getContext("2d");
        ctx.scale(2, 2); ctx.drawImage(img, 0, 0);
        c.toBlob((b) => download(b, `${base}.png`), "image/png");
      };
      img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svgText());
      return;
    }
    // GEXF, GraphML, CSV: the server writes the subgraph induced by what is
    // on screen (depth 0), in the same formats as the API.
    const seeds = [...state.nodes.keys()];
    if (!seeds.length) { status("Nothing on screen to export.", true); return; }
    const f = state.filters;
    const body = { seeds, depth: 0, limit: Math.max(seeds.length, 1) };
    if (f.types) body.types = [...f.types];
    if (f.asOf !== null) body.as_of = String(f.asOf);
    if (f.minConf > 0) body.min_confidence = f.minConf;
    if (!f.contested) body.include_contested = false;
    try {
      const blob = await api.subgraph(body, kind);
      download(blob, `${base}.${kind === "csv" ? "zip" : kind}`);
      status(`Exported ${seeds.length} actors as ${kind.toUpperCase()}.`);
    } catch (err) { status(problemText(err), true); }
  }
  document.querySelectorAll("[data-export]").forEach((b) => b.addEventListener("click", () => exportAs(b.dataset.export)));

  // ---- URL state ---------------------------------------------------------------
  function syncURL() {
    const p = new URLSearchParams();
    if (state.a) p.set("a", state.a.id);
    if (state.b) p.set("b", state.b.id);
    p.set("k", $("#k").value);
    p.set("hops", $("#hops").value);
    if (state.paths.length) p.set("go", "1");
    if (state.expanded.size) p.set("x", [...state.expanded].join(","));
    const f = state.filters;
    if (f.asOf !== null) p.set("asof", String(f.asOf));
    if (f.minConf > 0) p.set("minconf", String(f.minConf));
    if (!f.contested) p.set("contested", "0");
    if (f.types) p.set("types", [...f.types].join(","));
    history.replaceState(null, "", "#" + p.toString());
  }
  $("#copy-link").addEventListener("click", async () => {
    syncURL();
    try { await navigator.clipboard.writeText(location.href); status("Link copied."); }
    catch (_) { status("Copy this link: " + location.href); }
  });
  async function restore() {
    const p = new URLSearchParams(location.hash.slice(1));
    if (p.has("k")) $("#k").value = p.get("k");
    if (p.has("hops")) $("#hops").value = p.get("hops");
    if (p.has("asof")) $("#asof").value = p.get("asof");
    if (p.has("minconf")) $("#minconf").value = p.get("minconf");
    if (p.get("contested") === "0") $("#contested").checked = false;
    if (p.has("types")) {
      const on = new Set(p.get("types").split(","));
      document.querySelectorAll("#types input").forEach((b) => { b.checked = on.has(b.value); });
    }
    readFilters();
    for (const slot of ["a", "b"]) {
      if (!p.get(slot)) continue;
      try { const res = await api.actor(p.get(slot)); pickers[slot].choose(res.actor || res); } catch (err) { status(problemText(err), true); }
    }
    if (p.get("go") === "1") await connect();
    for (const id of (p.get("x") || "").split(",").filter(Boolean)) {
      if (!state.nodes.has(id)) {
        try { const res = await api.actor(id); addNode(res.actor || res); } catch (_) { continue; }
      }
      await expand(id);
    }
  }

  // ---- Start -------------------------------------------------------------------
  async function start() {
    try {
      const [types, sources] = await Promise.all([api.relationTypes(), api.sources()]);
      state.vocabulary = list(types, "types");
      for (const s of list(sources, "sources")) state.sources.set(s.id, s);
      const box = $("#types");
      for (const t of state.vocabulary) {
        const id = `type-${t.name}`;
        const row = h("div", null, "row");
        const cb = document.createElement("input");
        cb.type = "checkbox"; cb.id = id; cb.value = t.name; cb.checked = true;
        cb.addEventListener("change", onFilterChange);
        const lb = h("label", t.name);
        lb.htmlFor = id; lb.title = t.meaning;
        row.appendChild(cb); row.appendChild(lb);
        box.appendChild(row);
      }
    } catch (err) { status(problemText(err), true); }
    await restore();
    document.body.dataset.ready = "true";
  }
  start();
})();
