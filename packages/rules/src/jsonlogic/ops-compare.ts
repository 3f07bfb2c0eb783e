// json-logic-js applies JS operators to whatever the arguments evaluate to, so
// these do too (coercions included). `as N` only silences the type checker.
import {
  dynNode,
  generic,
  isPrimitiveConst,
  type LogicFn,
  type Node,
  onlyConstAfter,
  UNDEFINED_NODE,
} from './node.ts';

type N = number;

/** Closure shapes for a two-argument operator; each is its own literal so V8 keeps per-operator type feedback. */
export interface BinarySpec {
  kernel: (a: unknown, b: unknown) => unknown;
  dd: (a: LogicFn, b: LogicFn) => LogicFn;
  dk: (a: LogicFn, k: unknown) => LogicFn;
  kd: (k: unknown, b: LogicFn) => LogicFn;
}

export function buildBinary(args: readonly Node[], spec: BinarySpec, bool: boolean): Node {
  const effects = args.some((n) => n.effects);
  if (args.length < 2 || !onlyConstAfter(args, 2)) {
    const kernel = spec.kernel;
    return dynNode(
      generic(args, (v) => kernel(v[0], v[1])),
      bool,
      effects,
    );
  }
  const a = args[0] ?? UNDEFINED_NODE;
  const b = args[1] ?? UNDEFINED_NODE;
  let fn: LogicFn;
  if (isPrimitiveConst(b)) fn = spec.dk(a.fn, b.value);
  else if (isPrimitiveConst(a)) fn = spec.kd(a.value, b.fn);
  else fn = spec.dd(a.fn, b.fn);
  return dynNode(fn, bool, effects);
}

/* biome-ignore-start lint/suspicious/noDoubleEquals: json-logic's == and != are JS loose equality */
export const LOOSE_EQ: BinarySpec = {
  kernel: (a, b) => a == b,
  dd: (a, b) => (d) => a(d) == b(d),
  dk: (a, k) => (d) => a(d) == k,
  kd: (k, b) => (d) => k == b(d),
};

export const LOOSE_NE: BinarySpec = {
  kernel: (a, b) => a != b,
  dd: (a, b) => (d) => a(d) != b(d),
  dk: (a, k) => (d) => a(d) != k,
  kd: (k, b) => (d) => k != b(d),
};
/* biome-ignore-end lint/suspicious/noDoubleEquals: json-logic's == and != are JS loose equality */

export const STRICT_EQ: BinarySpec = {
  kernel: (a, b) => a === b,
  dd: (a, b) => (d) => a(d) === b(d),
  dk: (a, k) => (d) => a(d) === k,
  kd: (k, b) => (d) => k === b(d),
};

export const STRICT_NE: BinarySpec = {
  kernel: (a, b) => a !== b,
  dd: (a, b) => (d) => a(d) !== b(d),
  dk: (a, k) => (d) => a(d) !== k,
  kd: (k, b) => (d) => k !== b(d),
};

export const GT: BinarySpec = {
  kernel: (a, b) => (a as N) > (b as N),
  dd: (a, b) => (d) => (a(d) as N) > (b(d) as N),
  dk: (a, k) => (d) => (a(d) as N) > (k as N),
  kd: (k, b) => (d) => (k as N) > (b(d) as N),
};

export const GE: BinarySpec = {
  kernel: (a, b) => (a as N) >= (b as N),
  dd: (a, b) => (d) => (a(d) as N) >= (b(d) as N),
  dk: (a, k) => (d) => (a(d) as N) >= (k as N),
  kd: (k, b) => (d) => (k as N) >= (b(d) as N),
};

const LT: BinarySpec = {
  kernel: (a, b) => (a as N) < (b as N),
  dd: (a, b) => (d) => (a(d) as N) < (b(d) as N),
  dk: (a, k) => (d) => (a(d) as N) < (k as N),
  kd: (k, b) => (d) => (k as N) < (b(d) as N),
};

const LE: BinarySpec = {
  kernel: (a, b) => (a as N) <= (b as N),
  dd: (a, b) => (d) => (a(d) as N) <= (b(d) as N),
  dk: (a, k) => (d) => (a(d) as N) <= (k as N),
  kd: (k, b) => (d) => (k as N) <= (b(d) as N),
};

/** `<` and `<=` take an optional third operand: {"<": [a, b, c]} means a < b < c ("between"). */
export function buildLess(args: readonly Node[], orEqual: boolean): Node {
  const effects = args.some((n) => n.effects);
  if (args.length <= 2) return buildBinary(args, orEqual ? LE : LT, true);
  const a = args[0] as Node;
  const b = args[1] as Node;
  const c = args[2] as Node;
  if (!onlyConstAfter(args, 3)) {
    const kernel = orEqual ? betweenLe : betweenLt;
    return dynNode(
      generic(args, (v) => kernel(v[0], v[1], v[2])),
      true,
      effects,
    );
  }
  if (isPrimitiveConst(a) && isPrimitiveConst(c) && c.value !== undefined) {
    const lo = a.value as N;
    const hi = c.value as N;
    const mid = b.fn;
    const fn: LogicFn = orEqual
      ? (d) => {
          const x = mid(d) as N;
          return lo <= x && x <= hi;
        }
      : (d) => {
          const x = mid(d) as N;
          return lo < x && x < hi;
        };
    return dynNode(fn, true, effects);
  }
  const fa = a.fn;
  const fb = b.fn;
  const fc = c.fn;
  const kernel = orEqual ? betweenLe : betweenLt;
  return dynNode((d) => kernel(fa(d), fb(d), fc(d)), true, effects);
}

// json-logic-js checks `c === undefined` on the evaluated value, so a third
// operand that evaluates to undefined falls back to the two-operand form.
function betweenLt(a: unknown, b: unknown, c: unknown): boolean {
  return c === undefined ? (a as N) < (b as N) : (a as N) < (b as N) && (b as N) < (c as N);
}

function betweenLe(a: unknown, b: unknown, c: unknown): boolean {
  return c === undefined ? (a as N) <= (b as N) : (a as N) <= (b as N) && (b as N) <= (c as N);
}
