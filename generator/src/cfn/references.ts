import { intrinsicName, subReferences, walk, type TemplatePath } from './intrinsics';

/** A name a template refers to: a `Ref` target, or the resource (and attribute) of a `GetAtt`. */
export type Reference =
  | { kind: 'ref'; name: string; path: TemplatePath; via: 'Ref' | 'Fn::Sub' }
  | {
      kind: 'getatt';
      resource: string;
      /** Absent when the attribute is itself computed (e.g. `!GetAtt [Res, !Ref Name]`). */
      attribute?: string;
      path: TemplatePath;
      via: 'Fn::GetAtt' | 'Fn::Sub';
    };

function getAttOf(args: unknown, path: TemplatePath): Reference[] {
  const [resource, attribute] = Array.isArray(args)
    ? args
    : typeof args === 'string'
      ? args.split(/\.(.*)/)
      : [];
  if (typeof resource !== 'string') return [];
  const attr = typeof attribute === 'string' ? attribute : undefined;
  return [{ kind: 'getatt', resource, attribute: attr, path, via: 'Fn::GetAtt' }];
}

function subOf(args: unknown, path: TemplatePath): Reference[] {
  const text = Array.isArray(args) ? args[0] : args;
  if (typeof text !== 'string') return [];
  const vars = Array.isArray(args) && args[1] && typeof args[1] === 'object' ? args[1] : {};
  return subReferences(text).flatMap((name): Reference[] => {
    // A variable of the Sub's own map shadows the template's names.
    if (name in vars) return [];
    const dot = name.indexOf('.');
    if (dot > 0 && !name.startsWith('AWS::')) {
      const [resource, attribute] = [name.slice(0, dot), name.slice(dot + 1)];
      return [{ kind: 'getatt', resource, attribute, path, via: 'Fn::Sub' }];
    }
    return [{ kind: 'ref', name, path, via: 'Fn::Sub' }];
  });
}

/**
 * Every `Ref`, `GetAtt` and `Fn::Sub` substitution in a tree, with where it sits, depth first. The
 * one walker of references: the render check and lint both judge what it finds.
 */
export function referencesIn(tree: unknown, root: TemplatePath): Reference[] {
  const found: Reference[] = [];
  walk(tree, root, (value, path) => {
    const fn = intrinsicName(value);
    if (!fn) return;
    const args = (value as Record<string, unknown>)[fn];
    if (fn === 'Ref' && typeof args === 'string')
      found.push({ kind: 'ref', name: args, path, via: 'Ref' });
    else if (fn === 'Fn::GetAtt') found.push(...getAttOf(args, path));
    else if (fn === 'Fn::Sub') found.push(...subOf(args, path));
  });
  return found;
}
