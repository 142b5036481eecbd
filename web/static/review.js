// actorgraph review: post an article, read it with what extraction found
// highlighted, and accept, edit or reject each proposal. Plain JavaScript,
// no third-party code; every request goes to the page's own origin.
"use strict";

(function () {
  const $ = (sel) => document.querySelector(sel);
  const enc = encodeURIComponent;

  // ---- State ---------------------------------------------------------------
  const state = {
    key: sessionStorage.getItem("actorgraph.key") || "",
    sources: [],          // every source, by id order
    source: null,         // the source shown
    text: "",             // its text
    cp: [0],              // UTF-16 offset of each code point of text, and the end
    proposals: [],        // the proposals shown
    selected: null,       // id of the selected proposal
    vocabulary: [],
    pending: 0,
  };

  // ---- API -----------------------------------------------------------------
  // Requests in flight are counted in body[data-pending], so that a test or
  // a script can tell when the page has settled.
  function setPending(d) {
    state.pending += d;
    document.body.dataset.pending = String(state.pending);
    document.body.setAttribute("aria-busy", state.pending > 0 ? "true" : "false");
  }
  async function request(path, init) {
    init = init || {};
    const headers = Object.assign({ Accept: "application/json" }, init.headers || {});
    if (state.key) headers.Authorization = "Bearer " + state.key;
    setPending(1);
    try {
      const res = await fetch(path, Object.assign({}, init, { headers }));
      const ct = res.headers.get("Content-Type") || "";
      const body = ct.includes("json") ? await res.json() : await res.text();
      if (!res.ok) {
        const err = new Error((body && (body.detail || body.title)) || res.statusText);
        err.status = res.status; err.body = body;
        throw err;
      }
      return body;
    } finally { setPending(-1); }
  }
  const post = (path, body, type) => request(path, {
    method: "POST",
    headers: { "Content-Type": type || "application/json" },
    body: body === undefined ? undefined : (type ? body : JSON.stringify(body)),
  });
  const api = {
    relationTypes: () => request("/v1/relation-types"),
    sources: () => request("/v1/sources"),
    text: (id) => request(`/v1/sources/${enc(id)}/text`, { headers: { Accept: "text/plain" } }),
    proposals: (id, status) => request(`/v1/sources/${enc(id)}/proposals?limit=1000${status ? "&status=" + enc(status) : ""}`),
    firstPending: () => request("/v1/proposals?status=pending&limit=1"),
    createSource: (body) => post("/v1/sources", body),
    extract: (id) => post(`/v1/sources/${enc(id)}/extract`),
    accept: (id, edits) => post(`/v1/proposals/${enc(id)}/accept`, edits),
    reject: (id, reason) => post(`/v1/proposals/${enc(id)}/reject`, { reason }),
  };

  function status(msg, isError) {
    const s = $("#status");
    s.textContent = msg || "";
    s.classList.toggle("error", !!isError);
  }
  // problemText says what went wrong, with every problem of a validation
  // error, and what to do about a missing or wrong key.
  function problemText(err) {
    if (!err) return "";
    const b = err.body || {};
    let msg = err.message;
    if (b.problems && b.problems.length > 1) msg += ": " + b.problems.map((p) => `${p.field ? p.field + ": " : ""}${p.message}`).join("; ");
    if (err.status === 401 || err.status === 403) msg += " (enter a key with the write role under API key)";
    return msg;
  }

  // ---- Small DOM helpers ---------------------------------------------------------
  function h(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function button(text, onClick, cls) {
    const b = h("button", text, cls);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }
  let fieldSeq = 0;
  // field makes a labelled input (or select of options) in parent.
  function field(parent, label, name, value, opts) {
    opts = opts || {};
    const id = `f${++fieldSeq}`;
    const wrap = h("div", null, opts.inline ? "field inline" : "field");
    const lb = h("label", label);
    lb.htmlFor = id;
    let input;
    if (opts.options) {
      input = document.createElement("select");
      for (const o of opts.options) {
        const op = h("option", o.label !== undefined ? o.label : o);
        op.value = o.value !== undefined ? o.value : o;
        input.appendChild(op);
      }
    } else {
      input = document.createElement("input");
      input.type = opts.type || "text";
      if (opts.placeholder) input.placeholder = opts.placeholder;
    }
    input.id = id; input.name = name;
    if (input.type === "checkbox") input.checked = !!value;
    else if (value !== undefined && value !== null) input.value = value;
    if (input.type === "checkbox") { wrap.appendChild(input); wrap.appendChild(lb); } else { wrap.appendChild(lb); wrap.appendChild(input); }
    parent.appendChild(wrap);
    return input;
  }

  // ---- The article ---------------------------------------------------------
  function setText(text) {
    state.text = text;
    const cp = [0];
    let o = 0;
    for (const ch of text) { o += ch.length; cp.push(o); }
    state.cp = cp;
  }
  // slice returns the text between two code points.
  function slice(start, end) { return state.text.slice(state.cp[start], state.cp[end]); }

  // spansOf lists what the article highlights for proposal p.
  function spansOf(p) {
    const out = [];
    if (p.kind === "mention" && p.mention) out.push({ start: p.mention.start, end: p.mention.end, cls: "hl-mention" });
    if (p.kind === "actor" && p.actor) out.push({ start: p.actor.start, end: p.actor.end, cls: "hl-actor" });
    if (p.kind === "relation") out.push({ start: p.start, end: p.end, cls: "hl-quote" });
    return out;
  }

  // renderArticle draws the text cut at every highlight's bounds: each piece
  // is a span (data-start: its first code point), marked with the classes
  // and proposal ids of the highlights over it.
  function renderArticle() {
    const box = $("#article");
    box.textContent = "";
    if (!state.source) return;
    const n = state.cp.length - 1;
    const spans = [];
    for (const p of state.proposals) {
      for (const s of spansOf(p)) {
        if (s.start >= 0 && s.end <= n && s.start < s.end) spans.push(Object.assign(s, { id: p.id }));
      }
    }
    const cuts = new Set([0, n]);
    for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
    const bounds = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < bounds.length; i++) {
      const a = bounds[i], b = bounds[i + 1];
      const over = spans.filter((s) => s.start <= a && s.end >= b);
      const piece = h(over.length ? "mark" : "span", slice(a, b));
      piece.dataset.start = String(a);
      if (over.length) {
        piece.className = [...new Set(over.map((s) => s.cls))].join(" ");
        piece.dataset.ids = [...new Set(over.map((s) => s.id))].join(" ");
        piece.addEventListener("click", () => select(over[over.length - 1].id, true));
      }
      box.appendChild(piece);
    }
    markSelected();
  }
  function markSelected() {
    for (const m of document.querySelectorAll("#article mark")) {
      m.classList.toggle("hl-selected", !!state.selected && m.dataset.ids.split(" ").includes(state.selected));
    }
    for (const li of document.querySelectorAll("#proposals > li")) {
      const on = li.dataset.id === state.selected;
      li.classList.toggle("selected", on);
      li.setAttribute("aria-current", on ? "true" : "false");
    }
  }

  // selectionSpan returns the code points the selection in the article
  // covers, or null.
  function selectionSpan() {
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const r = sel.getRangeAt(0);
    const at = (node, offset) => {
      let el = node.nodeType === 1 ? node : node.parentElement;
      if (node.nodeType === 1 && node.id === "article") {
        // Between pieces: the start of the piece at offset.
        const child = node.childNodes[offset];
        return child ? +child.dataset.start : state.cp.length - 1;
      }
      while (el && !(el.dataset && el.dataset.start !== undefined)) el = el.parentElement;
      if (!el || !$("#article").contains(el)) return null;
      const before = node.nodeType === 3 ? node.textContent.slice(0, offset) : "";
      return +el.dataset.start + [...before].length;
    };
    const a = at(r.startContainer, r.startOffset), b = at(r.endContainer, r.endOffset);
    if (a === null || b === null || a >= b) return null;
    return { start: a, end: b };
  }

  // ---- Proposals -----------------------------------------------------------
  function arrow(type) {
    const t = state.vocabulary.find((v) => v.name === type);
    return t && t.symmetric ? `—${type}—` : `—${type}→`;
  }
  function endName(e) { return e.id ? e.name : `${e.name} [new ${e.kind}]`; }
  function headline(p) {
    if (p.kind === "relation") {
      const r = p.relation;
      let s = `${endName(r.from)} ${arrow(r.type)} ${endName(r.to)}`;
      if (r.valid_from) s += ` (${r.valid_from})`;
      return (p.stance === "refutes" ? "DENIED: " : "") + s;
    }
    if (p.kind === "actor") return `New ${p.actor.kind}: ${p.actor.name}`;
    return `${p.mention.text} → ${p.mention.name}`;
  }
  function detail(p) {
    const bits = [];
    if (p.kind === "actor") bits.push(`kind from ${p.actor.cue}`, `named ${p.actor.count}×`);
    if (p.kind === "mention" && p.mention.why && p.mention.why !== "name") bits.push(p.mention.why);
    if (p.claimant) bits.push(`claimed by ${p.claimant}`);
    if (p.kind === "relation" && p.words && p.words.length) bits.push(`words: ${p.words.join(" ")}`);
    bits.push(`score ${Number(p.score).toFixed(2)}`);
    return bits.join(" · ");
  }

  function renderProposals() {
    const ol = $("#proposals");
    ol.textContent = "";
    const counts = { mention: 0, actor: 0, relation: 0 };
    for (const p of state.proposals) counts[p.kind]++;
    $("#counts").textContent = state.source ? `${counts.relation} relations, ${counts.actor} new actors, ${counts.mention} mentions` : "";
    if (!state.proposals.length) {
      ol.appendChild(h("li", state.source ? "No proposals to show." : "Choose or post an article.", "empty"));
      return;
    }
    // New actors first: relations to them can be accepted after them.
    const rank = { actor: 0, relation: 1, mention: 2 };
    const list = [...state.proposals].sort((a, b) => rank[a.kind] - rank[b.kind] || a.start - b.start);
    for (const p of list) ol.appendChild(card(p));
    markSelected();
  }

  function card(p) {
    const li = h("li", null, `card kind-${p.kind} status-${p.status}`);
    li.dataset.id = p.id;
    li.tabIndex = 0;
    li.addEventListener("focus", () => { if (state.selected !== p.id) select(p.id, false); });
    li.appendChild(h("div", `${p.kind}${p.status !== "pending" ? " · " + p.status : ""}`, "card-kind"));
    li.appendChild(h("div", headline(p), "card-head"));
    li.appendChild(h("blockquote", p.quote));
    li.appendChild(h("p", detail(p), "note"));
    if (p.decision) {
      const d = p.decision;
      let text = `${p.status} by ${d.by}, ${new Date(d.at).toISOString().slice(0, 16).replace("T", " ")}`;
      if (d.reason) text += `: ${d.reason}`;
      if (d.relation) text += ` → relation ${d.relation}`;
      else if (d.actor) text += ` → ${d.actor}`;
      li.appendChild(h("p", text, "decision"));
      if (p.status === "accepted" && p.kind === "relation" && p.relation) {
        const a = h("a", "Show in the explorer");
        a.href = explorerLink(p);
        li.appendChild(a);
      }
      return li;
    }
    const buttons = h("div", null, "buttons");
    const result = h("p", "", "result");
    result.setAttribute("role", "status");
    buttons.appendChild(button("Accept", () => decide(p, "accept", {}, result), "primary accept"));
    buttons.appendChild(button("Edit…", () => openForm(li, editForm(p, result)), "edit"));
    buttons.appendChild(button("Reject…", () => openForm(li, rejectForm(p, result)), "reject"));
    li.appendChild(buttons);
    li.appendChild(result);
    return li;
  }

  function explorerLink(p) {
    const r = p.relation;
    const from = r.from.id, to = r.to.id;
    return `./#a=${enc(from)}&b=${enc(to)}&k=1&hops=1&go=1`;
  }

  function openForm(li, form) {
    for (const f of li.querySelectorAll("form")) f.remove();
    li.appendChild(form);
    const first = form.querySelector("input, select, textarea");
    if (first) first.focus();
  }

  function rejectForm(p, result) {
    const form = h("form", null, "inline-form reject-form");
    const reason = field(form, "Reason", "reason", "", { placeholder: "e.g. not stated in the text" });
    reason.required = true;
    const row = h("div", null, "buttons");
    const submit = h("button", "Reject", "primary");
    submit.type = "submit";
    row.appendChild(submit);
    row.appendChild(button("Cancel", () => form.remove()));
    form.appendChild(row);
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      decide(p, "reject", reason.value, result);
    });
    return form;
  }

  const grades = (first, values) => [{ value: "", label: first }, ...values.map((v) => ({ value: v, label: v }))];

  function editForm(p, result) {
    const form = h("form", null, "inline-form edit-form");
    const inputs = {};
    if (p.kind === "relation") {
      const r = p.relation;
      inputs.type = field(form, "Type", "type", r.type, { options: state.vocabulary.map((t) => t.name) });
      inputs.reverse = field(form, "Swap the ends", "reverse", false, { type: "checkbox" });
      inputs.from = field(form, "From (id or name)", "from", "", { placeholder: endName(r.from) });
      inputs.to = field(form, "To (id or name)", "to", "", { placeholder: endName(r.to) });
      inputs.valid_from = field(form, "Valid from", "valid_from", "", { placeholder: r.valid_from || "YYYY-MM-DD" });
      inputs.valid_to = field(form, "Valid to", "valid_to", "", { placeholder: "YYYY-MM-DD" });
      inputs.role = field(form, "Role", "role", "", { placeholder: r.role || "" });
      inputs.stance = field(form, "Stance", "stance", p.stance, { options: ["supports", "refutes"] });
      inputs.claimant = field(form, "Claimant", "claimant", "", { placeholder: p.claimant || "the author or publisher" });
      inputs.reliability = field(form, "Reliability", "reliability", "", { options: grades("source's", ["A", "B", "C", "D", "E", "F"]) });
      inputs.credibility = field(form, "Credibility", "credibility", "", { options: grades("source's", ["1", "2", "3", "4", "5", "6"]) });
      inputs.piece = field(form, "Piece (of a collection)", "piece", "");
      const quote = h("div", null, "quote-pick");
      const shown = h("p", `Quote: ${p.quote}`, "note chosen-quote");
      const pick = button("Use the text selected in the article", () => {
        const sp = selectionSpan();
        if (!sp) { shown.textContent = "Select words of the sentence in the article first."; return; }
        if (sp.start < p.sentence_start || sp.end > p.sentence_end) { shown.textContent = "The quote must lie inside the proposal's sentence."; return; }
        form.dataset.quoteStart = String(sp.start);
        form.dataset.quoteEnd = String(sp.end);
        shown.textContent = `Quote: ${slice(sp.start, sp.end)}`;
      }, "use-selection");
      quote.appendChild(pick);
      quote.appendChild(shown);
      form.appendChild(quote);
    } else if (p.kind === "actor") {
      inputs.actor = field(form, "Or name an existing actor (id or name)", "actor", "");
      inputs.id = field(form, "Id", "id", "", { placeholder: "from the name" });
      inputs.name = field(form, "Name", "name", "", { placeholder: p.actor.name });
      inputs.kind = field(form, "Kind", "kind", p.actor.kind, { options: ["person", "organization", "event", "place"] });
      inputs.aliases = field(form, "Aliases (separated by |)", "aliases", "");
      inputs.description = field(form, "Description", "description", "");
    } else {
      inputs.actor = field(form, "The actor the words name (id or name)", "actor", "", { placeholder: p.mention.actor_id });
    }
    const row = h("div", null, "buttons");
    const submit = h("button", "Accept with these edits", "primary");
    submit.type = "submit";
    row.appendChild(submit);
    row.appendChild(button("Cancel", () => form.remove()));
    form.appendChild(row);
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const edits = {};
      for (const [k, input] of Object.entries(inputs)) {
        if (input.type === "checkbox") { if (input.checked) edits[k] = true; continue; }
        const v = input.value.trim();
        if (!v) continue;
        if (k === "type" && v === p.relation.type) continue;
        if (k === "stance" && v === p.stance) continue;
        if (k === "kind" && v === p.actor.kind) continue;
        if (k === "credibility") edits[k] = parseInt(v, 10);
        else if (k === "aliases") edits[k] = v.split("|").map((s) => s.trim()).filter(Boolean);
        else edits[k] = v;
      }
      if (form.dataset.quoteStart) {
        edits.quote_start = parseInt(form.dataset.quoteStart, 10);
        edits.quote_end = parseInt(form.dataset.quoteEnd, 10);
      }
      decide(p, "accept", edits, result);
    });
    return form;
  }

  async function decide(p, what, arg, result) {
    result.textContent = "";
    result.classList.remove("error");
    try {
      const res = what === "accept" ? await api.accept(p.id, arg) : await api.reject(p.id, arg);
      let msg;
      if (what === "reject") msg = "Rejected.";
      else if (res.relation && res.merged) msg = `Accepted: evidence added to ${res.relation.id}.`;
      else if (res.relation) msg = `Accepted: new relation ${res.relation.id}.`;
      else if (res.actor) msg = `Accepted: new actor ${res.actor.id}${res.resolved && res.resolved.length ? `; ${res.resolved.length} proposal(s) now name it` : ""}.`;
      else msg = "Accepted.";
      status(msg);
      await loadProposals();
    } catch (err) {
      result.textContent = problemText(err);
      result.classList.add("error");
    }
  }

  function select(id, scroll) {
    state.selected = id;
    markSelected();
    syncURL();
    if (!scroll) {
      const m = document.querySelector("#article mark.hl-selected");
      if (m) m.scrollIntoView({ block: "nearest" });
      return;
    }
    const li = document.querySelector(`#proposals > li[data-id="${CSS.escape(id)}"]`);
    if (li) { li.scrollIntoView({ block: "nearest" }); li.focus({ preventScroll: true }); }
  }

  // ---- Loading ---------------------------------------------------------------
  async function loadProposals() {
    if (!state.source) { state.proposals = []; renderProposals(); renderArticle(); return; }
    const show = $("#show").value;
    const page = await api.proposals(state.source.id, show);
    state.proposals = page.proposals || [];
    renderProposals();
    renderArticle();
  }

  async function showSource(id) {
    const src = state.sources.find((s) => s.id === id);
    state.source = src || null;
    state.selected = null;
    $("#source").value = id || "";
    $("#article-title").textContent = src ? src.title : "No article chosen";
    $("#article-meta").textContent = src ? [src.publication, src.author, src.date, src.reliability ? `graded ${src.reliability}${src.credibility || "?"}` : "", src.url].filter(Boolean).join(" · ") : "";
    setText("");
    if (src && src.text_length) {
      try { setText(await api.text(id)); } catch (err) { status(problemText(err), true); }
    } else if (src) {
      status("This source has no stored text: nothing to review.");
    }
    await loadProposals();
    syncURL();
  }

  async function loadSources() {
    const res = await api.sources();
    state.sources = res.sources || [];
    const sel = $("#source");
    sel.textContent = "";
    for (const s of state.sources) {
      const o = h("option", `${s.title}${s.date ? " (" + s.date + ")" : ""}`);
      o.value = s.id;
      if (!s.text_length) o.textContent += " [no text]";
      sel.appendChild(o);
    }
  }

  function syncURL() {
    const p = new URLSearchParams();
    if (state.source) p.set("source", state.source.id);
    if (state.selected) p.set("p", state.selected);
    history.replaceState(null, "", "#" + p.toString());
  }

  // ---- Controls ------------------------------------------------------------
  $("#key").value = state.key;
  $("#key").addEventListener("change", async () => {
    state.key = $("#key").value.trim();
    sessionStorage.setItem("actorgraph.key", state.key);
    try { await loadSources(); if (state.source) await showSource(state.source.id); status("Key set."); }
    catch (err) { status(problemText(err), true); }
  });
  $("#source").addEventListener("change", () => showSource($("#source").value).catch((err) => status(problemText(err), true)));
  $("#show").addEventListener("change", () => loadProposals().catch((err) => status(problemText(err), true)));
  $("#reextract").addEventListener("click", async () => {
    if (!state.source) return;
    try {
      const res = await api.extract(state.source.id);
      const r = res.replaced || {};
      status(`Extracted again: ${r.added || 0} new pending proposals (${r.removed || 0} replaced, ${r.decided || 0} decided kept).`);
      await loadProposals();
    } catch (err) { status(problemText(err), true); }
  });
  $("#new-source").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const f = ev.target;
    const v = (name) => f.elements.namedItem(name).value; // (f.title is the form's own title)
    const body = {
      title: v("title").trim(), publisher: v("publisher").trim(), published: v("published").trim(),
      reliability: v("reliability"), text: v("text"),
    };
    if (v("credibility")) body.credibility = parseInt(v("credibility"), 10);
    if (v("url").trim()) body.url = v("url").trim();
    try {
      const res = await api.createSource(body);
      await loadSources();
      await showSource(res.source.id);
      const c = res.counts;
      status(`Stored ${res.source.id}: ${c.relations} relations, ${c.actors} new actors, ${c.mentions} mentions proposed.`);
      f.reset();
    } catch (err) { status(problemText(err), true); }
  });

  // ---- Start -------------------------------------------------------------------
  async function start() {
    setPending(0);
    try {
      const types = await api.relationTypes();
      state.vocabulary = types.types || [];
      await loadSources();
      const p = new URLSearchParams(location.hash.slice(1));
      let id = p.get("source");
      if (!id) {
        const first = await api.firstPending();
        id = first.proposals && first.proposals.length ? first.proposals[0].source : (state.sources[0] || {}).id;
      }
      if (id) await showSource(id);
      if (p.get("p")) select(p.get("p"), true);
    } catch (err) { status(problemText(err), true); }
    document.body.dataset.ready = "true";
  }
  start();
})();
