'use strict';
// Derives the schema of an environment overlay from the base topology schema, so the two cannot drift:
// every field optional (no `required`, no `default`), `null` allowed everywhere (it removes the key), maps
// overlaid key by key (their values get the overlay schema too), lists replaced whole (their items keep the
// base schema, since a replacement list must be complete). The result lives in the same schema file, under
// `definitions.environment` and `definitions.<name>Overlay`; `npm run gen:schema` writes it, a test checks it.

const OVERLAY = 'Overlay';

const withNull = (type) => [...new Set([...(Array.isArray(type) ? type : [type]), 'null'])];

function overlayOf(node, needed) {
  if (node.$ref) {
    const name = node.$ref.split('/').pop();
    needed.add(name);
    const { default: _d, $ref: _r, ...rest } = node;
    return { ...rest, $ref: `#/definitions/${name}${OVERLAY}` };
  }
  const { default: _default, required: _required, ...out } = node;
  if (node.type !== undefined) out.type = withNull(node.type);
  if (node.enum) out.enum = [...node.enum, null];
  if (node.properties) {
    out.properties = {};
    for (const [key, child] of Object.entries(node.properties))
      out.properties[key] = overlayOf(child, needed);
  }
  if (node.additionalProperties && typeof node.additionalProperties === 'object')
    out.additionalProperties = overlayOf(node.additionalProperties, needed);
  // A oneOf value (a string or a `{ ref }`) is replaced whole, so its branches stay as they are.
  if (node.oneOf) out.oneOf = [{ type: 'null' }, ...node.oneOf];
  return out;
}

/** Returns the schema with `definitions.environment` and every `<name>Overlay` definition regenerated. */
function withEnvironmentSchema(schema) {
  const definitions = {};
  for (const [name, def] of Object.entries(schema.definitions))
    if (name !== 'environment' && !name.endsWith(OVERLAY)) definitions[name] = def;
  const needed = new Set();
  const properties = {};
  for (const [key, child] of Object.entries(schema.properties))
    if (key !== 'environments') properties[key] = overlayOf(child, needed);
  const environment = {
    description:
      'An environment: an overlay on the base topology. Maps merge key by key, lists replace, `null` removes a key; anything the base sets may be set here.',
    type: 'object',
    additionalProperties: false,
    properties,
  };
  const overlays = {};
  for (const done = new Set(); done.size < needed.size;)
    for (const name of [...needed].filter((n) => !done.has(n))) {
      done.add(name);
      overlays[`${name}${OVERLAY}`] = overlayOf(definitions[name], needed);
    }
  const sorted = Object.fromEntries(Object.entries(overlays).sort(([a], [b]) => (a < b ? -1 : 1)));
  return { ...schema, definitions: { ...definitions, environment, ...sorted } };
}

module.exports = { withEnvironmentSchema };
