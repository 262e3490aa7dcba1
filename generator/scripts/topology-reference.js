'use strict';
// Renders the topology reference (a Markdown table per object) from schema/topology.schema.json,
// so the reference in docs/topology.md cannot drift from the schema. `npm run gen:docs` writes it; a test checks it.
const schema = require('../../schema/topology.schema.json');

const START =
  '<!-- topology-reference:start (generated from schema/topology.schema.json by `npm run gen:docs`) -->';
const END = '<!-- topology-reference:end -->';

function resolve(node) {
  return node && node.$ref
    ? { ...schema.definitions[node.$ref.split('/').pop()], ...node, $ref: undefined }
    : node;
}

function typeOf(node) {
  const n = resolve(node);
  if (n.enum) return n.enum.map((v) => `\`${v}\``).join(' | ');
  if (n.oneOf) return n.oneOf.map(typeOf).join(' or ');
  if (n.type === 'array') return `list of ${typeOf(n.items)}`;
  if (
    n.type === 'object' &&
    n.additionalProperties &&
    typeof n.additionalProperties === 'object' &&
    !n.properties
  )
    return `map of ${typeOf(n.additionalProperties)}`;
  if (n.type === 'object' && n.properties && n.properties.ref) return '`{ ref }`';
  return Array.isArray(n.type) ? n.type.join(' or ') : n.type || 'object';
}

const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');

function table(title, node, out, seen) {
  const n = resolve(node);
  const props = n.properties || {};
  if (!Object.keys(props).length || seen.has(title)) return;
  seen.add(title);
  const required = new Set(n.required || []);
  out.push(
    `### \`${title}\``,
    '',
    '| field | type | default | description |',
    '| --- | --- | --- | --- |',
  );
  const nested = [];
  for (const [name, raw] of Object.entries(props)) {
    const p = resolve(raw);
    const def =
      p.default === undefined
        ? required.has(name)
          ? '*required*'
          : ''
        : `\`${JSON.stringify(p.default)}\``;
    out.push(`| \`${name}\` | ${cell(typeOf(raw))} | ${def} | ${cell(p.description || '')} |`);
    const child =
      p.type === 'array'
        ? resolve(p.items)
        : p.additionalProperties && typeof p.additionalProperties === 'object' && !p.properties
          ? resolve(p.additionalProperties)
          : p;
    const suffix = p.type === 'array' ? '[]' : child !== p ? '.<name>' : '';
    // An environment takes the same fields as the topology (derived from them), so it gets no tables of its own.
    if (child && child.properties && !(title === 'topology' && name === 'environments'))
      nested.push([`${title === 'topology' ? '' : `${title}.`}${name}${suffix}`, child]);
  }
  out.push('');
  for (const [t, c] of nested) table(t, c, out, seen);
}

/** The reference block, markers included. */
function renderReference() {
  const out = [START, ''];
  table('topology', schema, out, new Set());
  out.push(END);
  return out.join('\n');
}

/** Replaces the reference block in a README's text. */
function replaceReference(readme) {
  const start = readme.indexOf(START.slice(0, START.indexOf(' (')));
  const end = readme.indexOf(END);
  if (start < 0 || end < 0) throw new Error('docs/topology.md has no topology-reference markers');
  return readme.slice(0, start) + renderReference() + readme.slice(end + END.length);
}

module.exports = { renderReference, replaceReference, START, END };

if (require.main === module) {
  const { readFileSync, writeFileSync } = require('node:fs');
  const { join } = require('node:path');
  const file = join(__dirname, '../../docs/topology.md');
  writeFileSync(file, replaceReference(readFileSync(file, 'utf8')));
  console.log('wrote the topology reference into docs/topology.md');
}
