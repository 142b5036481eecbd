// lint.mjs: lints Cypher with Neo4j's own front end
// (@neo4j-cypher/language-support), offline.
//
//   node lint.mjs --schema schema.json PATH...        lint every .cypher file
//                                                     (a directory: its *.cypher)
//   node lint.mjs --schema schema.json --expect-fail PATH...
//                                                     succeed only if EVERY file
//                                                     is rejected (proves the
//                                                     lint catches errors)
//
// schema.json gives the labels, relationship types and property keys the
// store writes (go test ./graph/neo4j -run TestDumpQueries -dump DIR writes
// it next to the generated queries). Functions and procedures come from
// registry.mjs. Every diagnostic fails the file except "parameter not
// defined", since parameters are only known at run time: errors (syntax,
// undefined variables, unknown functions, type errors) and warnings
// (labels, types or properties the store never writes, deprecations).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { lintCypherQuery, isNotParamError } from '@neo4j-cypher/language-support';
import { registry } from './registry.mjs';

const args = process.argv.slice(2);
let schemaFile = '';
let expectFail = false;
const paths = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--schema') schemaFile = args[++i];
  else if (args[i] === '--expect-fail') expectFail = true;
  else paths.push(args[i]);
}
if (!schemaFile || paths.length === 0) {
  console.error('usage: node lint.mjs --schema schema.json [--expect-fail] FILE_OR_DIR...');
  process.exit(2);
}

const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
const dbSchema = {
  defaultLanguage: 'CYPHER 5',
  labels: schema.labels,
  relationshipTypes: schema.relationshipTypes,
  propertyKeys: schema.propertyKeys,
  functions: registry.functions,
  procedures: registry.procedures,
};

const files = [];
for (const p of paths) {
  if (statSync(p).isDirectory()) {
    for (const f of readdirSync(p).sort()) if (f.endsWith('.cypher')) files.push(join(p, f));
  } else {
    files.push(p);
  }
}
if (files.length === 0) {
  console.error('lint: no .cypher files in', paths.join(' '));
  process.exit(2);
}

const severity = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };
let failed = 0;
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const { diagnostics } = lintCypherQuery(text, dbSchema);
  const problems = diagnostics.filter((d) => isNotParamError(d) && d.severity <= 2);
  if (expectFail) {
    if (problems.length === 0) {
      console.error(`${file}: accepted, but it is a broken fixture the lint must reject`);
      failed++;
    } else {
      for (const d of problems) console.log(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: rejected as expected: ${d.message}`);
    }
    continue;
  }
  if (problems.length > 0) failed++;
  for (const d of problems) {
    console.error(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${severity[d.severity]}: ${d.message}`);
  }
}
if (failed > 0) {
  console.error(`lint: ${failed} of ${files.length} file(s) ${expectFail ? 'were wrongly accepted' : 'have problems'}`);
  process.exit(1);
}
console.log(`lint: ${files.length} file(s) ${expectFail ? 'rejected as expected' : 'clean'}`);
