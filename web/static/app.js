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
    paths: [],                      // [{actors:[ids], hops:[edge ids], hopDetails, text}]
    activePath: 0,
    expanded: [],                   // actor ids, in the order they were expanded
    selected: null,                 // {kind:'node'|'edge', id}
    filters: { asOf: null, minConf: 0, contested: true, refuted: false, types: null },
    view: { x: 0, y: 0, k: 1 },
    vocabulary: [],
    sources: new Map(),
    names: new Map(),               // actor id -> {id, name, kind}, every actor seen
    pending: 0,                     // requests in flight
    drawn: false,                   // the first chart with actors has been drawn
    picked: [],                     // actor ids picked (Shift-click, S) for Connect these and Brokers
    network: null,                  // the actors Connect these joined, when the paths are its network
    brokers: null,                  // {a, b, expand} when the paths are brokers' example paths
    // The measure shown ("" none, a centrality measure, or "community")
    // and its values for the actors on screen: id -> {value, rank} or
    // {community, name}; key is what the values were asked for.
    analysis: { measure: "", values: new Map(), answer: null, key: "", seq: 0 },
  };

  // ---- API -----------------------------------------------------------------
  // The only place that knows the HTTP API's paths. Every request is counted
  // in state.pending (shown as body[data-pending]) so that a script or a test
  // can tell when the page has settled.
  function setPending(d) {
    state.pending += d;
    document.body.dataset.pending = String(state.pending);
    document.body.setAttribute("aria-busy", state.pending > 0 ? "true" : "false");
  }
  async function request(path, init) {
    setPending(1);
    try {
      const res = await fetch(path, init);
      return await check(res, init && init.blob);
    } finally { setPending(-1); }
  }
  async function check(res, asBlob) {
    const ct = res.headers.get("Content-Type") || "";
    if (res.ok && asBlob) return res.blob();
    const body = ct.includes("json") ? await res.json() : await res.text();
    if (!res.ok) {
      const err = new Error((body && (body.detail || body.title)) || res.statusText);
      err.status = res.status; err.body = body;
      throw err;
    }
    return body;
  }
  const get = (path) => request(path, { headers: { Accept: "application/json" } });
  const post = (path, body) => request(path, {
    method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify(body),
  });
  const enc = encodeURIComponent;
  const api = {
    search: (q, limit) => get(`/v1/actors?q=${enc(q)}&limit=${limit || 8}`),
    actor: (id) => get(`/v1/actors/${enc(id)}`),
    actorRelations: (id, params) => get(`/v1/actors/${enc(id)}/relations?${params}`),
    relation: (id) => get(`/v1/relations/${enc(id)}`),
    relationTypes: () => get("/v1/relation-types"),
    sources: () => get("/v1/sources"),
    paths: (params) => get(`/v1/paths?${params}`),
    network: (id, params) => get(`/v1/actors/${enc(id)}/network?${params}`),
    centrality: (params) => get(`/v1/analysis/centrality?${params}`),
    communities: (params) => get(`/v1/analysis/communities?${params}`),
    connectNetwork: (body) => post("/v1/analysis/connect", body),
    brokers: (body) => post("/v1/analysis/brokers", body),
    subgraph: (body, format) => request(`/v1/subgraph?format=${enc(format)}`, {
      method: "POST", blob: true,
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    }),
  };
  function list(x, key) { return Array.isArray(x) ? x : (x && x[key]) || []; }

  // Records of the page, from API payloads.
  function remember(a) {
    if (a && a.id && a.name) state.names.set(a.id, { id: a.id, name: a.name, kind: a.kind });
    return a;
  }
  function nameOf(id) { const n = state.names.get(id); return n ? n.name : id; }
  function edgeOf(r) {
    return {
      id: r.id, type: r.type,
      from: r.from !== undefined ? r.from : r.source,
      to: r.to !== undefined ? r.to : r.target,
      confidence: r.confidence, contested: !!r.contested,
      // Refuted: no claim supports it (every source denies it, or a denial
      // graded A1 outweighs the support): the API's include_refuted.
      refuted: r.status === "refuted" || r.confidence === 0,
      valid_from: r.valid_from || "", valid_to: r.valid_to || "",
      symmetric: symmetric(r.type),
    };
  }
  function vocab(type) { return state.vocabulary.find((v) => v.name === type); }
  function symmetric(type) { const t = vocab(type); return !!(t && t.symmetric); }

  // ---- Filters -------------------------------------------------------------
  // The same rule as the API's as_of (graph.ValidOn) at year precision: a
  // relation holds in year Y unless it starts after Y or ends before it.
  function yearOf(d) { return d ? parseInt(d.slice(0, 4), 10) : null; }
  function edgeVisible(e) {
    const f = state.filters;
    if (!f.refuted && e.refuted) return false;
    if (!f.contested && e.contested && !e.refuted) return false;
    if (e.confidence < f.minConf) return false;
    if (f.types && !f.types.has(e.type)) return false;
    if (f.asOf !== null) {
      const from = yearOf(e.valid_from), to = yearOf(e.valid_to);
      if (from !== null && from > f.asOf) return false;
      if (to !== null && to < f.asOf) return false;
    }
    return true;
  }
  // The filters as the fields of a JSON body (the analyses' POSTs, the
  // subgraph export).
  function filterBody() {
    const f = state.filters, body = {};
    if (f.types) body.types = [...f.types];
    if (f.asOf !== null) body.as_of = String(f.asOf);
    if (f.minConf > 0) body.min_confidence = f.minConf;
    if (!f.contested) body.include_contested = false;
    if (f.refuted) body.include_refuted = true;
    return body;
  }
  function filterParams(p) {
    const f = state.filters;
    if (f.asOf !== null) p.set("as_of", String(f.asOf));
    if (f.minConf > 0) p.set("min_confidence", String(f.minConf));
    if (!f.contested) p.set("include_contested", "false");
    if (f.refuted) p.set("include_refuted", "true");
    if (f.types) p.set("types", [...f.types].join(","));
    return p;
  }

  // ---- Graph on screen -------------------------------------------------------
  // Positions come from a hash of the id, not from Math.random, so the same
  // link gives the same drawing.
  function hash(s) {
    let h = 2166136261;
    for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619); }
    return h >>> 0;
  }
  function unit(s) { return hash(s) / 4294967296; }
  function addNode(a, near) {
    remember(a);
    let n = state.nodes.get(a.id);
    if (n) { n.name = a.name; n.kind = a.kind; return n; }
    const c = near || { x: 0, y: 0 };
    const ang = unit(a.id + "/a") * Math.PI * 2, r = near ? 70 + unit(a.id + "/r") * 40 : unit(a.id + "/r") * 50;
    n = { id: a.id, name: a.name, kind: a.kind, x: c.x + Math.cos(ang) * r, y: c.y + Math.sin(ang) * r, vx: 0, vy: 0, fixed: false, isNew: true };
    state.nodes.set(a.id, n);
    return n;
  }
  function addEdge(r) {
    const e = edgeOf(r);
    state.edges.set(e.id, e);
    return e;
  }

  // ---- Layout: a force simulation with label-aware repulsion -------------------
  // Fruchterman-Reingold forces with a cooling step. New nodes start next to
  // a neighbour and move freely; nodes already placed move a quarter as far
  // and at most MAXMOVE pixels in one layout, and nodes dragged by hand not
  // at all, so the drawing stays stable as the graph grows.
  const IDEAL = 170, OLD = 0.25, MAXMOVE = 30;
  function layout(iterations) {
    const nodes = [...state.nodes.values()];
    const edges = [...state.edges.values()].filter((e) => state.nodes.has(e.from) && state.nodes.has(e.to));
    if (nodes.length === 0) return;
    const k = IDEAL, index = new Map(nodes.map((n, i) => [n.id, i]));
    const dx = new Float64Array(nodes.length), dy = new Float64Array(nodes.length);
    const lw = nodes.map((n) => labelWidth(n.name, false));
    const origin = nodes.map((n) => ({ x: n.x, y: n.y }));
    for (let it = 0; it < iterations; it++) {
      const temp = k * 0.5 * (1 - it / iterations) + 1;
      dx.fill(0); dy.fill(0);
      for (let i = 0; i < nodes.length; i++) {
        const a = nodes[i];
        for (let j = i + 1; j < nodes.length; j++) {
          const b = nodes[j];
          let x = a.x - b.x, y = a.y - b.y;
          if (x * x + y * y < 0.01) { x = unit(a.id + b.id) - 0.5; y = unit(b.id + a.id) - 0.5; }
          const d = Math.max(Math.hypot(x, y), 1);
          let f = (k * k) / d;
          // Labels are wide: push harder when two would sit on one line.
          if (Math.abs(y) < 34 && Math.abs(x) < (lw[i] + lw[j]) / 2) f *= 2.5;
          dx[i] += (x / d) * f; dy[i] += (y / d) * f;
          dx[j] -= (x / d) * f; dy[j] -= (y / d) * f;
        }
      }
      for (const e of edges) {
        const i = index.get(e.from), j = index.get(e.to);
        const a = nodes[i], b = nodes[j];
        const x = a.x - b.x, y = a.y - b.y, d = Math.max(Math.hypot(x, y), 1);
        const f = (d * d) / k;
        dx[i] -= (x / d) * f; dy[i] -= (y / d) * f;
        dx[j] += (x / d) * f; dy[j] += (y / d) * f;
      }
      for (let i = 0; i < nodes.length; i++) {
        const n = nodes[i];
        if (n.fixed) continue;
        dx[i] -= n.x * 0.05; dy[i] -= n.y * 0.05; // gentle gravity to the centre
        const len = Math.hypot(dx[i], dy[i]);
        if (len < 1e-9) continue;
        const stepLen = Math.min(len, temp) * (n.isNew ? 1 : OLD);
        n.x += (dx[i] / len) * stepLen; n.y += (dy[i] / len) * stepLen;
        if (!n.isNew) {
          // An actor already drawn stays within MAXMOVE of where it was.
          const ox = n.x - origin[i].x, oy = n.y - origin[i].y, od = Math.hypot(ox, oy);
          if (od > MAXMOVE) { n.x = origin[i].x + (ox / od) * MAXMOVE; n.y = origin[i].y + (oy / od) * MAXMOVE; }
        }
      }
    }
    for (const n of nodes) n.isNew = false;
  }

  // ---- Label placement -----------------------------------------------------------
  // Text is measured with a canvas in the page's own font. Node labels try
  // below, above, right and left of the shape; link labels slide along their
  // curve; each takes the place that overlaps least what is already placed.
  const measure = document.createElement("canvas").getContext("2d");
  const widths = new Map();
  let fontFamily = "sans-serif";
  function textWidth(text, px, bold) {
    const key = `${px}|${bold ? 1 : 0}|${text}`;
    let w = widths.get(key);
    if (w === undefined) {
      measure.font = `${bold ? "700 " : ""}${px}px ${fontFamily}`;
      w = measure.measureText(text).width;
      widths.set(key, w);
    }
    return w;
  }
  function shortName(name) { return name.length > 40 ? name.slice(0, 39) + "…" : name; }
  function labelWidth(name, bold) { return textWidth(shortName(name), 12, bold) + 6; }
  function overlap(a, b) {
    const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0), h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
    return w > 0 && h > 0 ? w * h : 0;
  }
  function cost(box, placed) {
    let c = 0;
    for (const p of placed) c += overlap(box, p);
    return c;
  }
  function placeLabels(nodes, edges, on) {
    const rim = (n) => 16 * (n.scale || 1);
    const placed = nodes.map((n) => ({ x0: n.x - rim(n), x1: n.x + rim(n), y0: n.y - rim(n), y1: n.y + rim(n) }));
    const order = [...nodes].sort((p, q) => (on.nodes.has(q.id) - on.nodes.has(p.id)) || (p.id < q.id ? -1 : 1));
    for (const n of order) {
      const bold = isEndpoint(n.id);
      const w = labelWidth(n.name, bold), h = 15, r = rim(n) + 1;
      const cands = [
        { dx: 0, dy: r + 12, anchor: "middle", box: { x0: n.x - w / 2, x1: n.x + w / 2, y0: n.y + r, y1: n.y + r + h } },
        { dx: 0, dy: -r - 4, anchor: "middle", box: { x0: n.x - w / 2, x1: n.x + w / 2, y0: n.y - r - h, y1: n.y - r } },
        { dx: r + 2, dy: 4, anchor: "start", box: { x0: n.x + r, x1: n.x + r + w, y0: n.y - 8, y1: n.y + 8 } },
        { dx: -r - 2, dy: 4, anchor: "end", box: { x0: n.x - r - w, x1: n.x - r, y0: n.y - 8, y1: n.y + 8 } },
      ];
      let best = cands[0], bestCost = Infinity;
      for (const c of cands) {
        const k = cost(c.box, placed) - overlap(c.box, { x0: n.x - rim(n), x1: n.x + rim(n), y0: n.y - rim(n), y1: n.y + rim(n) });
        if (k < bestCost - 0.5) { best = c; bestCost = k; }
        if (k <= 0) break;
      }
      n.label = best;
      placed.push(best.box);
    }
    const rank = (g) => (on.edges.has(g.e.id) ? 2 : 0) + (g.e.contested || isSel("edge", g.e.id) ? 1 : 0);
    const eorder = [...edges].sort((p, q) => (rank(q) - rank(p)) || (p.e.id < q.e.id ? -1 : 1));
    for (const g of eorder) {
      const w = textWidth(g.text, 10, on.edges.has(g.e.id)) + 6, h = 13;
      let best = null, bestCost = Infinity;
      for (const t of [0.5, 0.42, 0.58, 0.34, 0.66]) {
        const u = 1 - t;
        const x = u * u * g.a.x + 2 * u * t * g.mx + t * t * g.b.x;
        const y = u * u * g.a.y + 2 * u * t * g.my + t * t * g.b.y - 3;
        const box = { x0: x - w / 2, x1: x + w / 2, y0: y - 10, y1: y - 10 + h };
        const k = cost(box, placed);
        if (k < bestCost - 0.5) { best = { x, y, box }; bestCost = k; }
        if (k <= 0) break;
      }
      // A label that cannot be placed clear of others is left out (it
      // shows on hover and focus), except on the highlighted path, on a
      // contested or the selected link.
      const must = on.edges.has(g.e.id) || g.e.contested || isSel("edge", g.e.id);
      best.hidden = !must && bestCost > 0.08 * w * h;
      g.label = best;
      if (!best.hidden) placed.push(best.box);
    }
  }

  // ---- Drawing ---------------------------------------------------------------
  // Elements are kept per id and updated in place, so focus, hover and a
  // double-click survive a redraw.
  const chart = $("#chart"), viewport = $("#viewport"), gEdges = $("#edges"), gNodes = $("#nodes");
  const nodeEls = new Map(), edgeEls = new Map();
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
  function isEndpoint(id) { return (state.a && state.a.id === id) || (state.b && state.b.id === id); }
  // An arrow that points the way the link runs on screen.
  const ARROWS = ["→", "↘", "↓", "↙", "←", "↖", "↑", "↗"];
  function arrowFor(a, b) {
    const ang = Math.atan2(b.y - a.y, b.x - a.x);
    return ARROWS[((Math.round(ang / (Math.PI / 4)) % 8) + 8) % 8];
  }
  function edgeText(e, a, b) {
    return (e.symmetric ? `—${e.type}—` : `${e.type} ${arrowFor(a, b)}`) + (e.refuted ? " ✗" : e.contested ? " ⚑" : "");
  }
  function isSel(kind, id) { return !!(state.selected && state.selected.kind === kind && state.selected.id === id); }
  function render() {
    const on = pathSets();
    const nodes = [...state.nodes.values()];
    // Parallel links between the same pair are fanned out with curves.
    const pairCount = new Map(), geo = [], visibleByNode = new Map();
    for (const e of state.edges.values()) {
      if (!state.nodes.has(e.from) || !state.nodes.has(e.to) || !edgeVisible(e)) continue;
      const key = [e.from, e.to].sort().join("\u0000");
      const idx = pairCount.get(key) || 0;
      pairCount.set(key, idx + 1);
      const a = state.nodes.get(e.from), b = state.nodes.get(e.to);
      const dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
      const bend = idx === 0 ? 0 : (idx % 2 ? 1 : -1) * Math.ceil(idx / 2) * 30;
      const mx = (a.x + b.x) / 2 - (dy / d) * bend, my = (a.y + b.y) / 2 + (dx / d) * bend;
      geo.push({ e, a, b, mx, my, text: edgeText(e, a, b) });
      visibleByNode.set(e.from, true); visibleByNode.set(e.to, true);
    }
    placeLabels(nodes, geo, on);

    const seenE = new Set();
    for (const g of geo) {
      const { e, a, b, mx, my } = g;
      seenE.add(e.id);
      let r = edgeEls.get(e.id);
      if (!r) {
        const root = el("g", { tabindex: 0, role: "button", "data-edge": e.id }, gEdges);
        r = { g: root, hit: el("path", { class: "hit" }, root), line: el("path", { class: "line" }, root),
          text: el("text", { "text-anchor": "middle" }, root), title: el("title", {}, root) };
        edgeEls.set(e.id, r);
      }
      const onPath = on.edges.has(e.id);
      r.g.setAttribute("class", ["edge", e.refuted ? "refuted" : e.contested ? "contested" : "", onPath ? "onpath" : "", isSel("edge", e.id) ? "selected" : "",
        g.label.hidden ? "nolabel" : ""].join(" ").trim());
      r.g.setAttribute("data-from", e.from); r.g.setAttribute("data-to", e.to); r.g.setAttribute("data-type", e.type);
      const way = e.symmetric ? "with" : "to";
      const label = `${a.name} ${e.type} ${way} ${b.name}${e.refuted ? ", refuted: its sources deny it" : e.contested ? ", contested" : ""}${onPath ? ", on the highlighted path" : ""}`;
      r.g.setAttribute("aria-label", `${label}. Enter for evidence.`);
      // Stop the line at the target's rim so the arrowhead shows.
      const tl = Math.hypot(b.x - mx, b.y - my) || 1, rim = 17 * (b.scale || 1);
      const ex = b.x - ((b.x - mx) / tl) * rim, ey = b.y - ((b.y - my) / tl) * rim;
      const dpath = `M${a.x.toFixed(1)},${a.y.toFixed(1)} Q${mx.toFixed(1)},${my.toFixed(1)} ${ex.toFixed(1)},${ey.toFixed(1)}`;
      r.hit.setAttribute("d", dpath); r.line.setAttribute("d", dpath);
      if (e.symmetric) r.line.removeAttribute("marker-end");
      else r.line.setAttribute("marker-end", onPath ? "url(#arrow-hl)" : e.refuted ? "url(#arrow-refuted)" : e.contested ? "url(#arrow-contested)" : "url(#arrow)");
      r.text.setAttribute("x", g.label.x.toFixed(1)); r.text.setAttribute("y", g.label.y.toFixed(1));
      r.text.textContent = g.text;
      r.title.textContent = `${label}; confidence ${e.confidence}${e.valid_from ? "; from " + e.valid_from : ""}${e.valid_to ? " to " + e.valid_to : ""}`;
    }
    for (const [id, r] of edgeEls) if (!seenE.has(id)) { r.g.remove(); edgeEls.delete(id); }

    for (const n of nodes) {
      let r = nodeEls.get(n.id);
      if (!r) {
        const root = el("g", { tabindex: 0, role: "button", "data-node": n.id, "data-kind": n.kind }, gNodes);
        const ring = el("circle", { r: 20, class: "ring" }, root);
        r = { g: root, ring, shape: shapeFor(n.kind, root), text: el("text", {}, root), title: el("title", {}, root) };
        nodeEls.set(n.id, r);
      }
      const faded = !visibleByNode.has(n.id) && !isEndpoint(n.id) && state.edges.size > 0;
      const picked = state.picked.includes(n.id);
      r.g.setAttribute("class", ["node", on.nodes.has(n.id) ? "onpath" : "", isEndpoint(n.id) ? "endpoint" : "",
        isSel("node", n.id) ? "selected" : "", faded ? "faded" : "", picked ? "picked" : ""].join(" ").trim());
      r.g.setAttribute("transform", `translate(${n.x.toFixed(1)},${n.y.toFixed(1)})`);
      const an = analysisOf(n.id);
      r.shape.setAttribute("class", ["shape", "kind-" + n.kind, an.cls].join(" ").trim());
      const sc = (n.scale || 1).toFixed(3);
      r.shape.setAttribute("transform", `scale(${sc})`);
      r.ring.setAttribute("transform", `scale(${sc})`);
      for (const k of ["value", "rank", "community"]) {
        if (an[k] !== undefined) r.g.dataset[k] = String(an[k]); else delete r.g.dataset[k];
      }
      r.g.setAttribute("aria-label", `${n.name}, ${n.kind}${an.text}${picked ? ", picked" : ""}${state.expanded.includes(n.id) ? ", expanded" : ""}. Enter for details, E to add its neighbours, S to pick it.`);
      r.text.setAttribute("x", n.label.dx); r.text.setAttribute("y", n.label.dy);
      r.text.setAttribute("text-anchor", n.label.anchor);
      r.text.textContent = shortName(n.name);
      r.title.textContent = `${n.name} (${n.kind})${an.text}`;
    }
    for (const [id, r] of nodeEls) if (!state.nodes.has(id)) { r.g.remove(); nodeEls.delete(id); }

    $("#welcome").hidden = state.nodes.size > 0;
    chart.dataset.nodes = String(state.nodes.size);
    chart.dataset.edges = String(geo.length);
    applyView();
    renderPaths();
    scheduleAnalysis();
    if (!state.drawn && state.nodes.size > 0) {
      state.drawn = true;
      requestAnimationFrame(() => performance.mark("actorgraph:first-draw"));
    }
  }
  function applyView() {
    const v = state.view;
    viewport.setAttribute("transform", `translate(${v.x.toFixed(2)},${v.y.toFixed(2)}) scale(${v.k.toFixed(4)})`);
  }
  function fit() {
    const nodes = [...state.nodes.values()];
    if (!nodes.length) return;
    const r = chart.getBoundingClientRect();
    if (!r.width || !r.height) return;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const n of nodes) {
      const half = labelWidth(n.name, true) / 2 + 10 * (n.scale || 1);
      x0 = Math.min(x0, n.x - half); x1 = Math.max(x1, n.x + half);
      y0 = Math.min(y0, n.y - 40); y1 = Math.max(y1, n.y + 48);
    }
    const k = Math.min(1.6, Math.max(0.2, Math.min(r.width / (x1 - x0), r.height / (y1 - y0))));
    state.view = { k, x: r.width / 2 - k * (x0 + x1) / 2, y: r.height / 2 - k * (y0 + y1) / 2 };
    applyView();
  }
  // fitIfNeeded fits the view only when an actor lies outside it.
  function fitIfNeeded() {
    const r = chart.getBoundingClientRect(), v = state.view;
    for (const n of state.nodes.values()) {
      const x = v.x + n.x * v.k, y = v.y + n.y * v.k;
      if (x < 20 || y < 20 || x > r.width - 20 || y > r.height - 30) { fit(); return; }
    }
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
    ol.hidden = state.paths.length === 0;
    state.paths.forEach((p, i) => {
      const li = document.createElement("li");
      if (i === state.activePath) li.className = "active";
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = p.text;
      b.setAttribute("aria-pressed", i === state.activePath ? "true" : "false");
      b.addEventListener("click", () => { state.activePath = i; render(); syncURL(); });
      li.appendChild(b);
      ol.appendChild(li);
    });
  }

  // ---- Interaction: pan, zoom, drag, click -------------------------------------
  // The pointer is captured only once a drag starts, so that a plain click
  // or double-click still lands on the actor or link under it.
  let drag = null;
  chart.addEventListener("pointerdown", (ev) => {
    if (ev.button !== 0) return;
    const ng = ev.target.closest("[data-node]"), eg = ev.target.closest("[data-edge]");
    drag = { id: ev.pointerId, sx: ev.clientX, sy: ev.clientY, moved: false, edge: eg ? eg.dataset.edge : null };
    if (ng) {
      const n = state.nodes.get(ng.dataset.node);
      Object.assign(drag, { node: n, ox: n.x, oy: n.y });
    } else {
      Object.assign(drag, { pan: true, ox: state.view.x, oy: state.view.y });
    }
  });
  chart.addEventListener("pointermove", (ev) => {
    if (!drag || ev.pointerId !== drag.id) return;
    const dx = ev.clientX - drag.sx, dy = ev.clientY - drag.sy;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) > 4) {
      drag.moved = true;
      chart.setPointerCapture(ev.pointerId);
      if (drag.pan) chart.classList.add("panning");
    }
    if (!drag.moved) return;
    if (drag.pan) { state.view.x = drag.ox + dx; state.view.y = drag.oy + dy; applyView(); }
    else { drag.node.x = drag.ox + dx / state.view.k; drag.node.y = drag.oy + dy / state.view.k; drag.node.fixed = true; render(); }
  });
  function endDrag(ev) {
    const d = drag;
    drag = null;
    chart.classList.remove("panning");
    if (!d || ev.pointerId !== d.id) return;
    if (d.moved) { if (d.node) syncURL(); return; }
    if (d.node && ev.shiftKey) togglePick(d.node.id);
    else if (d.node) selectNode(d.node.id);
    else if (d.edge) selectEdge(d.edge);
  }
  chart.addEventListener("pointerup", endDrag);
  chart.addEventListener("pointercancel", () => { drag = null; chart.classList.remove("panning"); });
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
    const step = 40;
    const arrows = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    if (ev.key === "Enter" || ev.key === " ") {
      if (ng) { ev.preventDefault(); selectNode(ng.dataset.node); }
      else if (eg) { ev.preventDefault(); selectEdge(eg.dataset.edge); }
    } else if ((ev.key === "e" || ev.key === "E") && ng) {
      ev.preventDefault(); expand(ng.dataset.node);
    } else if ((ev.key === "s" || ev.key === "S") && ng) {
      ev.preventDefault(); togglePick(ng.dataset.node);
    } else if (ev.key === "d" || ev.key === "D") {
      ev.preventDefault(); focusPanel();
    } else if (arrows[ev.key]) {
      ev.preventDefault();
      const [ax, ay] = arrows[ev.key];
      if (ev.shiftKey && ng) {
        const n = state.nodes.get(ng.dataset.node);
        n.x += ax * step / 2; n.y += ay * step / 2; n.fixed = true; render(); syncURL();
      } else { state.view.x -= ax * step; state.view.y -= ay * step; applyView(); }
    } else if (ev.key === "+" || ev.key === "=") { ev.preventDefault(); zoomBy(1.2); }
    else if (ev.key === "-") { ev.preventDefault(); zoomBy(1 / 1.2); }
    else if (ev.key === "0") { ev.preventDefault(); fit(); }
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
  // matchNote says why a search hit matched, unless its name matched
  // exactly: the API's why, with the alias that matched when the why does
  // not name it.
  function matchNote(h) {
    if (!h.why || h.why === "exact name") return "";
    if (h.matched && h.matched !== h.name && !h.why.includes(h.matched)) return `${h.matched}: ${h.why}`;
    return h.why;
  }
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
        li.appendChild(document.createTextNode(a.name));
        const k = document.createElement("span");
        k.className = "kind";
        k.textContent = `${a.kind}${a.aliases && a.aliases.length ? " · " + a.aliases.slice(0, 2).join(", ") : ""}`;
        li.appendChild(k);
        // Unless the name itself matched exactly, say what matched and why
        // ("transliteration of Usama bin Ladin", "exact alias").
        const why = matchNote(a);
        if (why) {
          const w = document.createElement("span");
          w.className = "why";
          w.textContent = why;
          li.appendChild(w);
        }
        li.addEventListener("mousedown", (ev) => { ev.preventDefault(); choose(a); });
        listEl.appendChild(li);
      });
      listEl.hidden = items.length === 0;
      input.setAttribute("aria-expanded", items.length ? "true" : "false");
      if (active >= 0) input.setAttribute("aria-activedescendant", `pick-${slot}-opt-${active}`);
      else input.removeAttribute("aria-activedescendant");
    }
    function choose(a, quiet) {
      remember(a);
      state[slot] = { id: a.id, name: a.name, kind: a.kind };
      input.value = a.name;
      chosen.textContent = `${a.name} (${a.kind}, ${a.id})`;
      close();
      addNode(a);
      if (!quiet) { layout(60); render(); fit(); syncURL(); }
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
          items = list(res, "hits").map((h) => remember(h.actor || h));
          active = items.length ? 0 : -1;
          listEl.dataset.q = q; // the query these suggestions answer
          show();
          if (!items.length) status(`No actor matches “${q}”.`);
        } catch (err) { status(problemText(err), true); }
      }, 120);
    });
    input.addEventListener("keydown", (ev) => {
      if (ev.key === "ArrowDown" && items.length) { ev.preventDefault(); active = (active + 1) % items.length; show(); }
      else if (ev.key === "ArrowUp" && items.length) { ev.preventDefault(); active = (active - 1 + items.length) % items.length; show(); }
      else if (ev.key === "Enter" && active >= 0 && !listEl.hidden) { ev.preventDefault(); choose(items[active]); }
      else if (ev.key === "Escape") close();
    });
    input.addEventListener("blur", () => setTimeout(close, 150));
    return { choose, clear() { state[slot] = null; input.value = ""; chosen.textContent = ""; close(); } };
  }
  const pickers = { a: setupPicker("a"), b: setupPicker("b") };

  // ---- Paths -----------------------------------------------------------------
  function pathText(p) {
    let s = nameOf(p.actors[0]);
    p.hopDetails.forEach((h) => {
      const sym = symmetric(h.type);
      s += sym ? ` —${h.type}— ` : h.forward ? ` —${h.type}→ ` : ` ←${h.type}— `;
      s += nameOf(h.to);
    });
    return s;
  }
  async function connect(opts) {
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
        let prev = state.nodes.get(state.a.id);
        for (const a of actors) prev = addNode(a, prev);
        const hopDetails = list(path, "hops").map((h) => {
          const rel = h.relation || h;
          addEdge(rel);
          return { id: rel.id, type: rel.type, from: h.from, to: h.to, forward: h.forward !== undefined ? h.forward : rel.from === h.from };
        });
        const rec = { actors: actors.map((a) => a.id), hops: hopDetails.map((h) => h.id), hopDetails };
        rec.text = path.text || pathText(rec);
        return rec;
      });
      state.activePath = opts && opts.path && opts.path < state.paths.length ? opts.path : 0;
      state.network = null; state.brokers = null;
      if (!state.paths.length) {
        // The API names the relations it set aside because their sources
        // deny them; "Include refuted claims" walks them.
        const aside = list(res, "set_aside");
        status(aside.length ? `No path within ${$("#hops").value} hops that rests on supported claims. Set aside, because the sources deny it: ${
          aside.map((x) => x.text).join("; ")}. Tick "Include refuted claims" and Connect to see it.`
          : `No path within ${$("#hops").value} hops with these filters.`);
      } else {
        const hops = state.paths[0].hops.length;
        status(`${state.paths.length} path${state.paths.length > 1 ? "s" : ""} found; the shortest has ${hops} hop${hops > 1 ? "s" : ""}. Click a link for its evidence.`);
      }
      layout(220); render(); fit();
      if (!(opts && opts.quiet)) syncURL();
    } catch (err) { status(problemText(err), true); }
  }
  $("#connect").addEventListener("click", () => connect());
  $("#clear").addEventListener("click", () => { reset(); render(); syncURL(); });

  // ---- Expand ----------------------------------------------------------------
  async function expand(id, opts) {
    const p = filterParams(new URLSearchParams({ depth: "1", limit: "60" }));
    status("Expanding…");
    try {
      const res = await api.network(id, p.toString());
      const center = state.nodes.get(id);
      const nodes = list(res, "nodes"), edges = list(res, "edges");
      const before = state.nodes.size;
      for (const a of nodes) addNode(a, center);
      for (const r of edges) addEdge(r);
      if (!state.expanded.includes(id)) state.expanded.push(id);
      const added = state.nodes.size - before;
      status(`${nodes.length - 1} neighbours of ${center ? center.name : nameOf(id)}, ${added} new${res.truncated ? " (capped at 60; filter to see others)" : ""}.`);
      layout(160); render(); fitIfNeeded();
      if (!(opts && opts.quiet)) syncURL();
    } catch (err) { status(problemText(err), true); }
  }

  // ---- Analysis: a measure or the communities of the actors on screen ---------
  // The values come from the whole graph under the filters (the API's
  // analyses), not from what happens to be drawn: only the actors asked
  // for are on screen.
  const MEASURES = { degree: "degree", betweenness: "betweenness", closeness: "closeness", pagerank: "PageRank", eigenvector: "eigenvector", community: "community" };
  const PALETTE = 10; // community colours comm-0..comm-9; the others share comm-other
  function analysisOf(id) {
    const a = state.analysis, v = a.values.get(id);
    if (!a.measure || !v) return { cls: "", text: "" };
    if (a.measure === "community") {
      return { cls: v.community <= PALETTE ? `comm comm-${v.community - 1}` : "comm comm-other", community: v.community,
        text: `, community ${v.community} (${v.name})` };
    }
    return { cls: "", value: v.value, rank: v.rank, text: `, ${MEASURES[a.measure]} ${fmtValue(v.value)}, rank ${v.rank} of ${a.total}` };
  }
  function fmtValue(v) { return v === 0 ? "0" : Math.abs(v) >= 0.001 ? v.toFixed(4) : v.toExponential(2); }
  // The size of each actor: by the square root of its value over the
  // largest on screen, from 0.8 to 2 times the plain size.
  function applyScale() {
    const a = state.analysis;
    let top = 0;
    if (a.measure && a.measure !== "community") for (const v of a.values.values()) top = Math.max(top, v.value);
    for (const n of state.nodes.values()) {
      const v = a.values.get(n.id);
      n.scale = top > 0 && v ? 0.8 + 1.2 * Math.sqrt(Math.max(0, v.value) / top) : 1;
    }
  }
  function analysisKey() {
    const m = state.analysis.measure;
    if (!m || !state.nodes.size) return "";
    return m + "|" + filterParams(new URLSearchParams()).toString() + "|" + [...state.nodes.keys()].sort().join(",");
  }
  // scheduleAnalysis asks for the values again when the measure, the
  // filters or the actors on screen changed; the wait counts as a request
  // in flight, so that the page is not settled before it is asked.
  let analysisTimer = null;
  function scheduleAnalysis() {
    const key = analysisKey();
    if (key === state.analysis.key) return;
    state.analysis.key = key;
    if (!analysisTimer) setPending(1);
    clearTimeout(analysisTimer);
    analysisTimer = setTimeout(() => { analysisTimer = null; setPending(-1); loadAnalysis(); }, 120);
  }
  async function loadAnalysis() {
    const a = state.analysis, m = a.measure, my = ++a.seq;
    const ids = [...state.nodes.keys()].slice(0, 1000);
    if (!m || !ids.length) {
      a.values = new Map(); a.answer = null; applyScale(); render(); $("#analysis-note").textContent = "";
      return;
    }
    const p = filterParams(new URLSearchParams());
    p.set("actors", ids.join(","));
    try {
      let res;
      const values = new Map();
      if (m === "community") {
        p.set("top", "10"); p.set("members", "3");
        res = await api.communities(p.toString());
        for (const x of list(res, "actors")) values.set(x.actor.id, { community: x.community, name: x.name, size: x.size });
      } else {
        p.set("measure", m); p.set("top", "1");
        res = await api.centrality(p.toString());
        for (const x of list(res, "actors")) values.set(x.actor.id, { value: x.value, rank: x.rank });
      }
      if (my !== a.seq) return;
      a.values = values; a.answer = res; a.total = res.graph ? res.graph.actors : 0;
      applyScale(); render(); noteAnalysis();
    } catch (err) { if (my === a.seq) status(problemText(err), true); }
  }
  // noteAnalysis says what the sizes or colours show, and on what graph.
  function noteAnalysis() {
    const a = state.analysis, note = $("#analysis-note");
    note.textContent = "";
    if (!a.measure || !a.answer) return;
    const res = a.answer;
    if (a.measure === "community") {
      note.appendChild(h("p", `Coloured by community: Leiden, modularity ${res.modularity.toFixed(3)}, ${res.count} communities over ${res.graph.actors} actors. On screen:`));
      const seen = new Map();
      for (const v of a.values.values()) if (!seen.has(v.community)) seen.set(v.community, v);
      const ul = h("ul", null, "swatches");
      for (const [c, v] of [...seen.entries()].sort((x, y) => x[0] - y[0])) {
        const li = h("li");
        const sw = el("svg", { viewBox: "0 0 10 10", "aria-hidden": "true" });
        el("rect", { width: 10, height: 10, class: c <= PALETTE ? `comm comm-${c - 1}` : "comm comm-other" }, sw);
        li.appendChild(sw);
        li.appendChild(document.createTextNode(` ${c}. ${v.name} (${v.size})`));
        ul.appendChild(li);
      }
      note.appendChild(ul);
      return;
    }
    const shown = [...a.values.entries()].sort((x, y) => x[1].rank - y[1].rank).slice(0, 3);
    note.appendChild(h("p", `Sized by ${MEASURES[a.measure]} over the whole graph under the filters (${res.graph.actors} actors, ${res.graph.edges} edges; ${res.method.text}). Largest here: ${
      shown.map(([id, v]) => `${nameOf(id)} ${fmtValue(v.value)} (rank ${v.rank})`).join(", ")}.`));
  }
  $("#measure").addEventListener("change", () => {
    state.analysis.measure = $("#measure").value;
    state.analysis.values = new Map(); state.analysis.answer = null;
    applyScale(); render(); noteAnalysis(); syncURL();
  });

  // ---- Picking several actors: Connect these, Brokers -------------------------
  function togglePick(id) {
    const i = state.picked.indexOf(id);
    if (i >= 0) state.picked.splice(i, 1); else state.picked.push(id);
    updatePickButtons(); render(); syncURL();
    const n = state.picked.length;
    status(n ? `${n} actor${n > 1 ? "s" : ""} picked: ${state.picked.map(nameOf).join(", ")}.` : "No actor picked.");
  }
  function updatePickButtons() {
    const n = state.picked.length, b = $("#connect-these");
    b.disabled = n < 2;
    b.textContent = n >= 2 ? `Connect these ${n}` : "Connect these";
    $("#unpick").disabled = n === 0;
  }
  $("#unpick").addEventListener("click", () => { state.picked = []; updatePickButtons(); render(); syncURL(); status("No actor picked."); });
  $("#connect-these").addEventListener("click", () => connectThese([...state.picked]));

  // pathRecord draws one path of an answer (its actors next to each
  // other, its hops' relations) and returns its record for the paths list.
  function pathRecord(path, text, near) {
    const actors = list(path, "actors");
    let prev = near || (actors.length ? state.nodes.get(actors[0].id) : null);
    for (const a of actors) prev = addNode(a, prev);
    const hopDetails = list(path, "hops").map((hp) => {
      addEdge(hp.relation);
      return { id: hp.relation.id, type: hp.relation.type, from: hp.from, to: hp.to, forward: hp.forward };
    });
    return { actors: actors.map((a) => a.id), hops: hopDetails.map((x) => x.id), hopDetails, text: text || path.text };
  }

  // connectThese draws the connecting network of the actors (the API's
  // Steiner tree): the whole network first in the paths list, then each
  // connection; the actors it cannot join are named with the reason.
  async function connectThese(ids, opts) {
    if (ids.length < 2) { status("Pick two actors or more (Shift-click, or S on an actor).", true); return; }
    status("Finding the connecting network…");
    try {
      const res = await api.connectNetwork(Object.assign({ actors: ids, max_hops: parseInt($("#hops").value, 10) }, filterBody()));
      for (const t of list(res, "terminals")) remember(t);
      const recs = [], allA = new Set(), allH = new Set();
      for (const part of [res.network, ...list(res, "others")]) {
        for (const c of list(part, "connections")) {
          const rec = pathRecord(c.path, `${c.from.name} to ${c.to.name}: ${c.path.text}`);
          rec.actors.forEach((x) => allA.add(x)); rec.hops.forEach((x) => allH.add(x));
          recs.push(rec);
        }
      }
      for (const t of list(res, "terminals")) if (!state.nodes.has(t.id)) addNode(t);
      const joined = list(res.network, "terminals").length;
      state.paths = recs.length ? [{ actors: [...allA], hops: [...allH], hopDetails: [], network: true,
        text: `The connecting network: ${joined} of ${ids.length} actors joined, ${res.network.edges} links` }, ...recs] : [];
      state.activePath = opts && opts.path && opts.path < state.paths.length ? opts.path : 0;
      state.network = [...ids]; state.brokers = null;
      const gaps = list(res, "gaps");
      status(`${res.message}.${gaps.length ? " Not joined: " + gaps.map((g) => `${g.actor.name} (${g.message})`).join("; ") + "." : ""} Click a link for its evidence.`, gaps.length > 0 && joined <= 1);
      layout(220); render(); fit();
      if (!(opts && opts.quiet)) syncURL();
    } catch (err) { status(problemText(err), true); }
  }

  // showBrokers lists the brokers between two actors (the API's brokers
  // analysis) in the details panel and draws each one's example path.
  async function showBrokers(a, b, expand, opts) {
    status("Looking for brokers…");
    try {
      const body = Object.assign({ a: [a], b: [b], top: 10, examples: 1 }, filterBody());
      if (expand) body.expand = ["members", "affiliates"];
      const res = await api.brokers(body);
      const ends = [list(res, "a")[0], list(res, "b")[0]].filter(Boolean).map((m) => remember(m.actor));
      for (const e of ends) if (!state.nodes.has(e.id)) addNode(e);
      const recs = [];
      for (const br of list(res, "brokers")) {
        const ex = list(br, "examples")[0];
        if (!ex) continue;
        const rec = pathRecord(ex, `${br.actor.name}: ${ex.text}`);
        rec.broker = br.actor.id;
        recs.push(rec);
      }
      state.paths = recs;
      state.activePath = opts && opts.path && opts.path < recs.length ? opts.path : 0;
      state.brokers = { a, b, expand: !!expand }; state.network = null;
      brokersPanel(res, ends);
      status(res.brokers.length ? `${res.total} broker${res.total === 1 ? "" : "s"} between ${nameOf(a)} and ${nameOf(b)}; the first ${recs.length} drawn with an example path each.`
        : `${res.message || "No broker found."}`, !res.brokers.length);
      layout(220); render(); fit();
      if (!(opts && opts.quiet)) syncURL();
    } catch (err) { status(problemText(err), true); }
  }
  function brokersPanel(res, ends) {
    state.selected = null;
    const out = [h("h2", `Brokers between ${ends.map((e) => e.name).join(" and ")}`)];
    const sets = [["A", list(res, "a")], ["B", list(res, "b")]].map(([k, ms]) => `${k}: ${ms.map((m) => m.actor.name).join(", ")}`);
    out.push(h("p", sets.join(". ") + ".", "meta"));
    out.push(h("p", `${res.method}.`, "meta"));
    if (list(res, "direct").length) out.push(h("p", `Set aside, as they would hide every broker: ${res.direct.map((d) => d.text).join("; ")}.`, "meta"));
    out.push(h("p", `${res.pairs} pair${res.pairs === 1 ? "" : "s"} joined, ${res.paths} shortest path${res.paths === 1 ? "" : "s"}, least distance ${res.distance}.`, "meta"));
    if (res.message) out.push(h("p", res.message, "meta"));
    const ol = h("ol", null, "brokers");
    list(res, "brokers").forEach((br) => {
      const li = h("li");
      const i = state.paths.findIndex((p) => p.broker === br.actor.id);
      // The name highlights the broker's example path; the panel stays.
      li.appendChild(button(br.actor.name, () => {
        if (i < 0) return;
        state.activePath = i; render(); syncURL();
        status(`Example path through ${br.actor.name}: ${list(br, "examples")[0].text}. Click a link for its evidence.`);
      }, "linkish"));
      li.dataset.actor = br.actor.id;
      const side = br.side ? `, itself in ${br.side.toUpperCase()}` : "";
      li.appendChild(h("span", ` score ${fmtValue(br.score)}, on ${br.paths} of ${res.paths} shortest paths (${Math.round(100 * br.share)}%)${side}`, "meta"));
      ol.appendChild(li);
    });
    out.push(ol);
    showPanel(out);
  }
  $("#brokers").addEventListener("click", () => {
    const pair = state.picked.length === 2 ? state.picked : state.a && state.b ? [state.a.id, state.b.id] : null;
    if (!pair) { status("Pick two actors (Shift-click, or S on an actor), or choose From and To.", true); return; }
    showBrokers(pair[0], pair[1], $("#broker-expand").checked);
  });

  // ---- Details panel -----------------------------------------------------------
  const panel = $("#panel");
  let lastChartFocus = null;
  function h(tag, text, cls) {
    const x = document.createElement(tag);
    if (text !== undefined && text !== null) x.textContent = text;
    if (cls) x.className = cls;
    return x;
  }
  function button(text, onClick, cls) {
    const b = h("button", text, cls);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
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
  function focusPanel() {
    const t = panel.querySelector("h2");
    if (!t) return;
    if (document.activeElement && document.activeElement.closest && document.activeElement.closest("#chart")) lastChartFocus = document.activeElement;
    t.tabIndex = -1;
    t.focus();
  }
  panel.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape" && lastChartFocus && lastChartFocus.isConnected) { ev.preventDefault(); lastChartFocus.focus(); }
  });
  // The source as cited: the piece (for a multi-piece source) or the source,
  // with its publication and date.
  function sourceOf(ev) {
    const s = state.sources.get(ev.source);
    let title = (s && s.title) || ev.source_title || ev.source, pub = s ? s.publication : (ev.publisher || ""), date = s ? s.date : (ev.date || "");
    if (s && ev.piece && s.pieces) {
      const pc = s.pieces.find((x) => x.id === ev.piece);
      if (pc) { title = pc.title; pub = pc.publication || pub; date = pc.date || date; }
    }
    return { title, pub, date };
  }
  // The Admiralty grading: reliability of the claimant, credibility of the
  // information.
  const RELIABILITY = { A: "completely reliable", B: "usually reliable", C: "fairly reliable", D: "not usually reliable", E: "unreliable", F: "reliability cannot be judged" };
  const CREDIBILITY = { 1: "confirmed", 2: "probably true", 3: "possibly true", 4: "doubtful", 5: "improbable", 6: "truth cannot be judged" };
  function gradingText(ev) {
    const r = ev.reliability || "", c = ev.credibility || "";
    if (!r && !c) return "not graded";
    const words = [RELIABILITY[r], CREDIBILITY[c]].filter(Boolean).join(", ");
    return `${r || "?"}${c || "?"}${words ? " (" + words + ")" : ""}`;
  }
  function evidenceBlock(ev, compact) {
    const stance = ev.stance === "refutes" ? "refutes" : "supports";
    const d = h("div", null, "evidence " + stance);
    d.dataset.source = ev.source;
    if (ev.piece) d.dataset.piece = ev.piece;
    d.appendChild(h("span", stance === "refutes" ? "Refutes" : "Supports", "stance " + stance));
    d.appendChild(h("blockquote", `“${ev.quote}”`));
    const s = sourceOf(ev);
    const src = h("div", null, "meta source");
    src.appendChild(h("cite", s.title));
    if (s.pub) src.appendChild(document.createTextNode(` · ${s.pub}`));
    if (s.date) src.appendChild(document.createTextNode(` · ${s.date}`));
    d.appendChild(src);
    d.appendChild(h("div", `Claimant: ${ev.claimant || "not named"}`, "meta claimant"));
    d.appendChild(h("div", `Grading: ${gradingText(ev)}`, "meta grading"));
    if (compact) d.classList.add("compact");
    return d;
  }
  function showPanel(nodes) {
    panel.textContent = "";
    for (const n of nodes) panel.appendChild(n);
  }
  async function selectNode(id) {
    state.selected = { kind: "node", id };
    render(); syncURL();
    try {
      const [res, rels] = await Promise.all([api.actor(id), api.actorRelations(id, new URLSearchParams().toString())]);
      const a = remember(res.actor || res);
      if (!isSel("node", id)) return;
      const out = [];
      const title = h("h2", a.name);
      title.appendChild(h("span", a.kind, "badge"));
      out.push(title);
      out.push(facts([["Kind", a.kind], ["Aliases", a.aliases], ["Start", a.start], ["End", a.end], ["Links", a.degree], ["Id", a.id]]));
      if (a.description) out.push(h("p", a.description, "description"));
      const btns = h("div", null, "buttons");
      btns.appendChild(button("Add neighbours", () => expand(id)));
      btns.appendChild(button("Use as From", () => pickers.a.choose(a)));
      btns.appendChild(button("Use as To", () => pickers.b.choose(a)));
      out.push(btns);
      const all = list(rels, "relations");
      await resolveNames(all.map((r) => (r.from === id ? r.to : r.from)));
      const byType = new Map();
      for (const r of all) {
        if (!byType.has(r.type)) byType.set(r.type, []);
        byType.get(r.type).push(r);
      }
      out.push(h("h3", `Relations by type (${all.length})`));
      for (const [type, rs] of [...byType.entries()].sort((p, q) => (p[0] < q[0] ? -1 : 1))) {
        const hd = h("h4", `${type} (${rs.length})`, "reltype");
        const vt = vocab(type);
        if (vt) hd.title = vt.meaning;
        out.push(hd);
        const ul = h("ul", null, "rels");
        for (const r of rs) {
          const other = r.from === id ? r.to : r.from;
          const dir = symmetric(r.type) ? "—" : r.from === id ? "→" : "←";
          const dates = r.valid_from ? ` (${r.valid_from}${r.valid_to ? "–" + r.valid_to : ""})` : "";
          const li = h("li");
          const mark = r.status === "refuted" || r.confidence === 0 ? " ✗ refuted" : r.contested ? " ⚑ contested" : "";
          li.appendChild(button(`${dir} ${nameOf(other)}${dates}${mark}`, async () => {
            addEdge(r);
            if (!state.nodes.has(other)) {
              try { const o = await api.actor(other); addNode(o.actor || o, state.nodes.get(id)); } catch (err) { status(problemText(err), true); return; }
              layout(80);
            }
            render(); selectEdge(r.id);
          }, "linkish"));
          ul.appendChild(li);
        }
        out.push(ul);
      }
      if (!isSel("node", id)) return;
      showPanel(out);
      status(`Details of ${a.name}.`);
    } catch (err) { status(problemText(err), true); }
  }
  async function resolveNames(ids) {
    const missing = [...new Set(ids)].filter((x) => !state.names.has(x));
    await Promise.all(missing.map((x) => api.actor(x).then((r) => remember(r.actor || r), () => null)));
  }
  async function selectEdge(id) {
    state.selected = { kind: "edge", id };
    render(); syncURL();
    try {
      const res = await api.relation(id);
      const r = res.relation || res;
      await resolveNames([r.from, r.to]);
      const out = [];
      const arrow = symmetric(r.type) ? "—" : "→";
      const t = h("h2", `${nameOf(r.from)} ${arrow} ${r.type} ${arrow} ${nameOf(r.to)}`);
      if (r.status === "refuted" || r.confidence === 0) t.appendChild(h("span", "✗ refuted: its sources deny it", "badge refuted"));
      else if (r.contested) t.appendChild(h("span", "⚑ contested", "badge contested"));
      out.push(t);
      const vt = vocab(r.type);
      if (vt) out.push(h("p", `${r.type}: ${vt.meaning}${vt.symmetric ? " (it runs both ways)" : ""}.`, "meta"));
      out.push(facts([["From", nameOf(r.from)], ["To", nameOf(r.to)], ["Status", r.status], ["Confidence", r.confidence], ["Role", r.role],
        ["Valid from", r.valid_from], ["Valid to", r.valid_to], ["Id", r.id]]));
      const evs = r.evidence || [];
      out.push(h("h3", `Evidence (${evs.length})`));
      for (const ev of evs) out.push(evidenceBlock(ev));
      if (r.contested) for (const x of await competingClaims(r)) out.push(x);
      if (!isSel("edge", id)) return;
      showPanel(out);
      status(`Evidence for ${nameOf(r.from)} ${r.type} ${nameOf(r.to)}: ${evs.length} item${evs.length === 1 ? "" : "s"}.`);
    } catch (err) { status(problemText(err), true); }
  }
  // A contested relation is shown beside the other contested claims made
  // about the same actor (for an attack: the groups it is attributed to or
  // claimed by), each with its evidence for and against. With no rival, the
  // supporting and refuting evidence of the relation stand side by side.
  async function competingClaims(r) {
    const res = await api.actorRelations(r.from, new URLSearchParams({ direction: "out" }).toString());
    const rivals = list(res, "relations").filter((x) => x.id !== r.id && x.contested);
    await resolveNames(rivals.map((x) => x.to));
    const grid = h("div", null, "claims");
    const column = (heading, evs, cls) => {
      const c = h("div", null, cls || "");
      c.appendChild(h("h4", heading));
      for (const ev of evs) c.appendChild(evidenceBlock(ev, true));
      if (!evs.length) c.appendChild(h("p", "none", "meta"));
      return c;
    };
    const evs = r.evidence || [];
    if (rivals.length) {
      grid.appendChild(column(`${r.type} → ${nameOf(r.to)} (this link, confidence ${r.confidence})`, evs, "claim this"));
      for (const x of rivals) grid.appendChild(column(`${x.type} → ${nameOf(x.to)} (confidence ${x.confidence})`, x.evidence || [], "claim rival"));
    } else {
      grid.appendChild(column("Supports", evs.filter((e) => e.stance !== "refutes"), "claim supports"));
      grid.appendChild(column("Refutes", evs.filter((e) => e.stance === "refutes"), "claim refutes"));
    }
    return [h("h3", rivals.length ? "Competing claims, side by side" : "For and against, side by side"), grid];
  }

  // ---- Filters UI --------------------------------------------------------------
  function readFilters() {
    const slider = $("#asof");
    const y = parseInt(slider.value, 10);
    state.filters.asOf = y >= parseInt(slider.max, 10) ? null : y;
    $("#asof-out").textContent = state.filters.asOf === null ? "any date" : String(y);
    slider.setAttribute("aria-valuetext", $("#asof-out").textContent);
    state.filters.minConf = parseFloat($("#minconf").value);
    $("#minconf-out").textContent = state.filters.minConf.toFixed(2);
    state.filters.contested = $("#contested").checked;
    state.filters.refuted = $("#refuted").checked;
    const boxes = [...document.querySelectorAll("#types input")];
    const on = boxes.filter((b) => b.checked).map((b) => b.value);
    state.filters.types = boxes.length && on.length !== boxes.length ? new Set(on) : null;
  }
  function onFilterChange() {
    readFilters(); render(); syncURL();
    const total = [...state.edges.values()].filter((e) => state.nodes.has(e.from) && state.nodes.has(e.to)).length;
    const shown = parseInt(chart.dataset.edges, 10);
    if (total) status(`${shown} of ${total} links on screen pass the filters.`);
  }
  $("#asof").addEventListener("input", onFilterChange);
  $("#minconf").addEventListener("input", onFilterChange);
  $("#contested").addEventListener("change", onFilterChange);
  $("#refuted").addEventListener("change", onFilterChange);
  function setAllTypes(on) {
    document.querySelectorAll("#types input").forEach((b) => { b.checked = on; });
    onFilterChange();
  }
  $("#types-all").addEventListener("click", () => setAllTypes(true));
  $("#types-none").addEventListener("click", () => setAllTypes(false));

  // ---- Export ------------------------------------------------------------------
  function download(blob, name) {
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url; a.download = name;
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 5000);
  }
  // The SVG is exported with its styles inlined, so it renders the same
  // anywhere.
  function svgText() {
    const clone = chart.cloneNode(true);
    clone.setAttribute("xmlns", SVGNS);
    const r = chart.getBoundingClientRect();
    const w = Math.round(r.width), ht = Math.round(r.height);
    clone.setAttribute("width", w);
    clone.setAttribute("height", ht);
    clone.setAttribute("viewBox", `0 0 ${w} ${ht}`);
    for (const a of ["tabindex", "role", "aria-label", "aria-roledescription", "class", "data-nodes", "data-edges"]) clone.removeAttribute(a);
    const src = [...chart.querySelectorAll("*")], dst = [...clone.querySelectorAll("*")];
    const props = ["fill", "stroke", "stroke-width", "stroke-dasharray", "opacity", "font-size", "font-weight", "font-family", "paint-order", "stroke-linejoin", "display", "visibility"];
    // Presentation attributes, not style attributes: the page's policy
    // forbids inline styles, and every SVG reader knows these.
    src.forEach((s, i) => {
      const cs = getComputedStyle(s);
      for (const p of props) {
        const v = cs.getPropertyValue(p);
        if (v !== "") dst[i].setAttribute(p, v);
      }
      dst[i].removeAttribute("tabindex");
      dst[i].removeAttribute("role");
    });
    const bg = el("rect", { x: 0, y: 0, width: "100%", height: "100%", fill: "#ffffff" });
    clone.insertBefore(bg, clone.firstChild);
    const title = el("title", {});
    title.textContent = state.paths[state.activePath] ? state.paths[state.activePath].text : "actorgraph link chart";
    clone.insertBefore(title, clone.firstChild);
    return new XMLSerializer().serializeToString(clone);
  }
  function pngBlob() {
    return new Promise((resolve, reject) => {
      const img = new Image();
      const r = chart.getBoundingClientRect();
      img.onload = () => {
        const c = document.createElement("canvas");
        c.width = Math.round(r.width * 2); c.height = Math.round(r.height * 2);
        const ctx = c.getContext("2d");
        ctx.scale(2, 2); ctx.drawImage(img, 0, 0);
        c.toBlob((b) => (b ? resolve(b) : reject(new Error("the browser could not encode a PNG"))), "image/png");
      };
      img.onerror = () => reject(new Error("the chart could not be drawn as an image"));
      img.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svgText());
    });
  }
  async function exportAs(kind) {
    const base = state.a && state.b ? `${state.a.id}--${state.b.id}` : "actorgraph";
    const seeds = [...state.nodes.keys()];
    if (!seeds.length) { status("Nothing on screen to export.", true); return; }
    try {
      if (kind === "svg") {
        download(new Blob([svgText()], { type: "image/svg+xml" }), `${base}.svg`);
      } else if (kind === "png") {
        download(await pngBlob(), `${base}.png`);
      } else {
        // GEXF, GraphML, CSV: the server writes the subgraph induced by what
        // is on screen (depth 0) under the same filters, in the API's formats.
        const body = Object.assign({ seeds, depth: 0, limit: Math.max(seeds.length, 1) }, filterBody());
        download(await api.subgraph(body, kind), `${base}.${kind === "csv" ? "zip" : kind}`);
      }
      status(`Exported ${seeds.length} actors as ${kind.toUpperCase()}.`);
    } catch (err) { status(problemText(err), true); }
  }
  document.querySelectorAll("[data-export]").forEach((b) => b.addEventListener("click", () => exportAs(b.dataset.export)));

  // ---- URL state ---------------------------------------------------------------
  // Everything that makes the view is in the fragment: endpoints, k and hops,
  // whether the paths were searched and which is highlighted, the expanded
  // actors, the filters, the selection, where each actor is drawn and which
  // were moved by hand.
  let restoring = false;
  function syncURL() {
    if (restoring) return;
    const p = new URLSearchParams();
    if (state.a) p.set("a", state.a.id);
    if (state.b) p.set("b", state.b.id);
    p.set("k", $("#k").value);
    p.set("hops", $("#hops").value);
    if (state.network) p.set("net", state.network.join(","));
    else if (state.brokers) p.set("brk", [state.brokers.a, state.brokers.b].join(",") + (state.brokers.expand ? ",x" : ""));
    else if (state.paths.length) p.set("go", "1");
    if (state.analysis.measure) p.set("m", state.analysis.measure);
    if (state.picked.length) p.set("pick", state.picked.join(","));
    if (state.activePath) p.set("p", String(state.activePath));
    if (state.expanded.length) p.set("x", state.expanded.join(","));
    const f = state.filters;
    if (f.asOf !== null) p.set("asof", String(f.asOf));
    if (f.minConf > 0) p.set("minconf", String(f.minConf));
    if (!f.contested) p.set("contested", "0");
    if (f.refuted) p.set("refuted", "1");
    if (f.types) p.set("types", [...f.types].join(","));
    if (state.selected) p.set("sel", `${state.selected.kind === "edge" ? "e" : "n"}:${state.selected.id}`);
    // Where every actor is drawn ("id.x.y", joined by "_": neither occurs in
    // actor ids), so that the link shows the same drawing; "pin" names the
    // actors moved by hand, which the layout leaves where they are.
    const nodes = [...state.nodes.values()];
    if (nodes.length) p.set("pos", nodes.map((n) => `${n.id}.${Math.round(n.x)}.${Math.round(n.y)}`).join("_"));
    const pins = nodes.filter((n) => n.fixed).map((n) => n.id);
    if (pins.length) p.set("pin", pins.join(","));
    history.replaceState(null, "", "#" + p.toString());
    const box = $("#link-box");
    if (!box.hidden) $("#link").value = location.href;
  }
  $("#copy-link").addEventListener("click", async () => {
    syncURL();
    const box = $("#link-box"), input = $("#link");
    box.hidden = false;
    input.value = location.href;
    try { await navigator.clipboard.writeText(location.href); status("Link copied: it reproduces this view."); }
    catch (_) { input.focus(); input.select(); status("Copy the link below (Ctrl+C): it reproduces this view."); }
  });
  async function restore() {
    const p = new URLSearchParams(location.hash.slice(1));
    if (![...p.keys()].length) return;
    restoring = true;
    try {
      if (p.has("k")) $("#k").value = p.get("k");
      if (p.has("hops")) $("#hops").value = p.get("hops");
      if (p.has("asof")) $("#asof").value = p.get("asof");
      if (p.has("minconf")) $("#minconf").value = p.get("minconf");
      $("#contested").checked = p.get("contested") !== "0";
      $("#refuted").checked = p.get("refuted") === "1";
      if (p.has("types")) {
        const on = new Set(p.get("types").split(","));
        document.querySelectorAll("#types input").forEach((b) => { b.checked = on.has(b.value); });
      }
      readFilters();
      $("#measure").value = p.get("m") || "";
      state.analysis.measure = $("#measure").value;
      state.picked = (p.get("pick") || "").split(",").filter(Boolean);
      updatePickButtons();
      const ends = await Promise.all(["a", "b"].map((slot) => (p.get(slot) ? api.actor(p.get(slot)).catch((err) => { status(problemText(err), true); return null; }) : null)));
      ["a", "b"].forEach((slot, i) => { if (ends[i]) pickers[slot].choose(ends[i].actor || ends[i], true); });
      if (state.nodes.size) layout(60);
      const at = parseInt(p.get("p") || "0", 10);
      if (p.get("net")) await connectThese(p.get("net").split(",").filter(Boolean), { quiet: true, path: at });
      else if (p.get("brk")) {
        const [a, b, x] = p.get("brk").split(",");
        await showBrokers(a, b, x === "x", { quiet: true, path: at });
      } else if (p.get("go") === "1") await connect({ quiet: true, path: at });
      for (const id of state.picked) {
        if (!state.nodes.has(id)) {
          try { const res = await api.actor(id); addNode(res.actor || res); } catch (_) { /* gone */ }
        }
      }
      for (const id of (p.get("x") || "").split(",").filter(Boolean)) {
        if (!state.nodes.has(id)) {
          try { const res = await api.actor(id); addNode(res.actor || res); } catch (_) { continue; }
        }
        await expand(id, { quiet: true });
      }
      for (const item of (p.get("pos") || "").split("_").filter(Boolean)) {
        const m = /^(.+)\.(-?\d+)\.(-?\d+)$/.exec(item);
        const n = m && state.nodes.get(m[1]);
        if (n) { n.x = +m[2]; n.y = +m[3]; }
      }
      for (const id of (p.get("pin") || "").split(",").filter(Boolean)) {
        const n = state.nodes.get(id);
        if (n) n.fixed = true;
      }
      render(); fit();
      const sel = p.get("sel") || "";
      if (sel.startsWith("e:")) await selectEdge(sel.slice(2));
      else if (sel.startsWith("n:")) await selectNode(sel.slice(2));
    } finally { restoring = false; }
    syncURL();
  }
  // reset empties the view, as a new page would be.
  function reset() {
    state.nodes.clear(); state.edges.clear(); state.paths = []; state.activePath = 0;
    state.expanded = []; state.selected = null;
    state.picked = []; state.network = null; state.brokers = null;
    state.analysis.values = new Map(); state.analysis.answer = null; state.analysis.key = "";
    updatePickButtons(); $("#analysis-note").textContent = "";
    for (const n of nodeEls.values()) n.g.remove();
    for (const e of edgeEls.values()) e.g.remove();
    nodeEls.clear(); edgeEls.clear();
    pickers.a.clear(); pickers.b.clear();
    panel.textContent = "";
    panel.appendChild(h("p", "Select an actor or a link to see its details and evidence.", "empty"));
    status("");
  }
  document.querySelectorAll("[data-example]").forEach((b) => b.addEventListener("click", async () => {
    reset();
    history.replaceState(null, "", "#" + b.dataset.example);
    await restore();
  }));
  // A link pasted into the address bar of an open explorer changes only the
  // fragment: show its view. (The page's own updates use replaceState,
  // which fires no hashchange.)
  window.addEventListener("hashchange", async () => {
    reset();
    await restore();
    render();
  });

  // ---- Start -------------------------------------------------------------------
  async function start() {
    setPending(0);
    fontFamily = getComputedStyle(document.documentElement).fontFamily || fontFamily;
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
    render();
    document.body.dataset.ready = "true";
    performance.mark("actorgraph:ready");
  }
  start();
})();
