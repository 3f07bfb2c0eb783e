import {
  dynNode,
  generic,
  isPrimitive,
  type LogicFn,
  type Node,
  onlyConstAfter,
  UNDEFINED_NODE,
} from './node.ts';

type N = number;

/** Array.prototype.join's per-element conversion: null and undefined become "". */
function piece(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}

export function buildCat(args: readonly Node[]): Node {
  const effects = args.some((n) => n.effects);
  const [a, b] = args;
  if (args.length === 1 && a) {
    const fa = a.fn;
    return dynNode((d) => piece(fa(d)), false, effects);
  }
  if (args.length === 2 && a && b) {
    const fa = a.fn;
    const fb = b.fn;
    return dynNode(
      (d) => {
        const x = fa(d);
        const y = fb(d);
        return piece(x) + piece(y);
      },
      false,
      effects,
    );
  }
  return dynNode(
    generic(args, (v) => v.join('')),
    false,
    effects,
  );
}

/** json-logic-js substr: String.prototype.substr, with a negative length meaning "drop that many from the end" (PHP style). */
function substr(source: unknown, start: unknown, end: unknown): string {
  if ((end as N) < 0) {
    const temp = String(source).substr(start as N);
    return temp.substr(0, temp.length + (end as N));
  }
  return String(source).substr(start as N, end as N);
}

export function buildSubstr(args: readonly Node[]): Node {
  const effects = args.some((n) => n.effects);
  if (!onlyConstAfter(args, 3)) {
    return dynNode(
      generic(args, (v) => substr(v[0], v[1], v[2])),
      false,
      effects,
    );
  }
  const fa = (args[0] ?? UNDEFINED_NODE).fn;
  const fb = (args[1] ?? UNDEFINED_NODE).fn;
  const fc = (args[2] ?? UNDEFINED_NODE).fn;
  return dynNode(
    (d) => {
      const s = fa(d);
      const st = fb(d);
      const e = fc(d);
      return substr(s, st, e);
    },
    false,
    effects,
  );
}

/**
 * json-logic-js: `if (!b || typeof b.indexOf === "undefined") return false; return b.indexOf(a) !== -1`.
 * Strings and arrays take the built-in indexOf; any other value with an indexOf
 * property is called like json-logic-js does (a non-function throws).
 */
function inOp(a: unknown, b: unknown): boolean {
  if (!b) return false;
  if (typeof b === 'string') return b.indexOf(a as string) !== -1;
  if (Array.isArray(b)) return b.indexOf(a) !== -1;
  const f = (b as { indexOf?: unknown }).indexOf;
  if (f === undefined) return false;
  return (f as (x: unknown) => number).call(b, a) !== -1;
}

export function buildIn(args: readonly Node[]): Node {
  const effects = args.some((n) => n.effects);
  if (args.length < 2 || !onlyConstAfter(args, 2)) {
    return dynNode(
      generic(args, (v) => inOp(v[0], v[1])),
      true,
      effects,
    );
  }
  const a = args[0] as Node;
  const b = args[1] as Node;
  const fa = a.fn;
  if (b.isConst && Array.isArray(b.value) && b.value.every(isPrimitive)) {
    // indexOf uses ===, Set.has SameValueZero: they differ only on NaN, which
    // indexOf never finds, so NaN is left out of the set.
    const set = new Set(b.value.filter((x) => !Number.isNaN(x)));
    return dynNode((d) => set.has(fa(d)), true, effects);
  }
  if (b.isConst && typeof b.value === 'string') {
    const s = b.value;
    if (s === '') {
      return dynNode(
        (d) => {
          fa(d);
          return false;
        },
        true,
        effects,
      );
    }
    return dynNode((d) => s.indexOf(fa(d) as string) !== -1, true, effects);
  }
  const fb: LogicFn = b.fn;
  return dynNode(
    (d) => {
      const x = fa(d);
      return inOp(x, fb(d));
    },
    true,
    effects,
  );
}
