// Load an actorgraph export with Cytoscape.js (headless) or graphology-gexf
// and compare it with the reference.
//
// usage: node check.js cytoscape|gexf FILE EXPECTED_JSON
'use strict';
const fs = require('fs');

const [format, file, expFile] = process.argv.slice(2);
const exp = JSON.parse(fs.readFileSync(expFile, 'utf8'));
const wantNodes = Object.keys(exp.nodes).length;
const wantEdges = Object.keys(exp.edges).length;
const errors = [];
let nodes = 0;
let edges = 0;
const names = new Set();

if (format === 'cytoscape') {
  const cytoscape = require('cytoscape');
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  // Cytoscape.js reports bad elements (e.g. an edge to a missing node) on
  // console.error and drops them; treat that as a failure.
  const origError = console.error;
  console.error = (...args) => { errors.push('cytoscape: ' + args.join(' ')); };
  const cy = cytoscape({ headless: true, elements: doc.elements });
  console.error = origError;
  nodes = cy.nodes().length;
  edges = cy.edges().length;
  cy.nodes().forEach((n) => {
    names.add(n.data('name'));
    const want = exp.nodes[n.id()];
    if (!want) { errors.push(`unexpected node ${n.id()}`); return; }
    if (n.data('name') !== want.name || n.data('kind') !== want.kind ||
        JSON.stringify(n.data('aliases')) !== JSON.stringify(want.aliases)) {
      errors.push(`node ${n.id()}: ${JSON.stringify(n.data())} != ${JSON.stringify(want)}`);
    }
  });
  cy.edges().forEach((e) => {
    const want = exp.edges[e.id()];
    if (!want) { errors.push(`unexpected edge ${e.id()}`); return; }
    const d = e.data();
    if (d.source !== want.source || d.target !== want.target || d.type !== want.type ||
        d.confidence !== want.confidence || d.contested !== want.contested || d.status !== want.status ||
        d.evidence_count !== want.evidence_count || d.first_quote !== want.first_quote ||
        (d.valid_from || '') !== want.valid_from || (d.valid_to || '') !== want.valid_to) {
      errors.push(`edge ${e.id()}: ${JSON.stringify(d)} != ${JSON.stringify(want)}`);
    }
  });
} else if (format === 'gexf') {
  const { MultiDirectedGraph } = require('graphology');
  const gexf = require('graphology-gexf');
  const graph = gexf.parse(MultiDirectedGraph, fs.readFileSync(file, 'utf8'));
  nodes = graph.order;
  edges = graph.size;
  graph.forEachNode((id, a) => {
    names.add(a.name);
    const want = exp.nodes[id];
    if (!want) { errors.push(`unexpected node ${id}`); return; }
    if (a.name !== want.name || a.kind !== want.kind || a.label !== want.name) {
      errors.push(`node ${id}: ${JSON.stringify(a)} != ${JSON.stringify(want)}`);
    }
  });
  graph.forEachEdge((key, a, source, target) => {
    const want = exp.edges[key];
    if (!want) { errors.push(`unexpected edge ${key}`); return; }
    if (source !== want.source || target !== want.target || a.type !== want.type ||
        a.confidence !== want.confidence || a.contested !== want.contested || a.status !== want.status ||
        a.evidence_count !== want.evidence_count || (a.first_quote || '') !== want.first_quote) {
      errors.push(`edge ${key}: ${JSON.stringify(a)} != ${JSON.stringify(want)}`);
    }
  });
} else {
  console.error(`unknown format ${format}`);
  process.exit(2);
}

if (nodes !== wantNodes) errors.push(`${nodes} nodes, want ${wantNodes}`);
if (edges !== wantEdges) errors.push(`${edges} edges, want ${wantEdges}`);
for (const name of exp.must_have) {
  if (!names.has(name)) errors.push(`name ${JSON.stringify(name)} did not survive`);
}
if (errors.length > 0) {
  console.error(`${format}: ${errors.length} problem(s)`);
  for (const e of errors.slice(0, 50)) console.error('  ' + e);
  process.exit(1);
}
console.log(`ok ${format}: ${nodes} nodes, ${edges} edges, ${exp.must_have.length} non-ASCII names intact`);
