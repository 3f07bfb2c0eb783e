// Mirrors json-logic-js 2.0.5: `+` and `*` run every operand through
// parseFloat (so "1" counts as 1 and "abc" as NaN), while `-`, `/`, `%`, min
// and max use plain JS coercion.

import { dynNode, generic, isPrimitiveConst, type LogicFn, type Node, onlyConstAfter } from './node.ts';
import { type BinarySpec, buildBinary } from './ops-compare.ts';

type N = number;

/** parseFloat(x) for any x; numbers skip the string round trip, which changes nothing except -0 -> 0. */
function toFloat(x: unknown): number {
  if (typeof x === 'number') return x === 0 ? 0 : x;
  return Number.parseFloat(x as string);
}

const plusKernel = (v: readonly unknown[]): number => {
  let acc = 0;
  for (let i = 0; i < v.length; i++) acc = toFloat(acc) + toFloat(v[i]);
  return acc;
};

export function buildPlus(args: readonly Node[]): Node {
  const effects = args.some((n) => n.effects);
  const [a, b, c] = args;
  let fn: LogicFn;
  // The accumulator starts at 0 and 0 + x is never -0, so toFloat(acc) is acc.
  if (args.length === 1 && a) {
    const fa = a.fn;
    fn = (d) => 0 + toFloat(fa(d));
  } else if (args.length === 2 && a && b) {
    const fa = a.fn;
    if (isPrimitiveConst(b)) {
      const kb = toFloat(b.value);
      fn = (d) => 0 + toFloat(fa(d)) + kb;
    } else {
      const fb = b.fn;
      fn = (d) => {
        const x = fa(d);
        const y = fb(d);
        return 0 + toFloat(x) + toFloat(y);
      };
    }
  } else if (args.length === 3 && a && b && c) {
    const fa = a.fn;
    const fb = b.fn;
    const fc = c.fn;
    fn = (d) => {
      const x = fa(d);
      const y = fb(d);
      const z = fc(d);
      return 0 + toFloat(x) + toFloat(y) + toFloat(z);
    };
  } else {
    fn = generic(args, plusKernel);
  }
  return dynNode(fn, false, effects);
}

// reduce() without a seed: no operands throws, one operand is returned untouched.
const timesKernel = (v: readonly unknown[]): unknown => {
  if (v.length === 0) throw new TypeError('Reduce of empty array with no initial value');
  let acc: unknown = v[0];
  for (let i = 1; i < v.length; i++) acc = toFloat(acc) * toFloat(v[i]);
  return acc;
};

export function buildTimes(args: readonly Node[]): Node {
  const effects = args.some((n) => n.effects);
  const [a, b] = args;
  if (args.length === 1 && a) return a;
  if (args.length === 2 && a && b) {
    const fa = a.fn;
    if (isPrimitiveConst(b)) {
      const kb = toFloat(b.value);
      return dynNode((d) => toFloat(fa(d)) * kb, false, effects);
    }
    const fb = b.fn;
    return dynNode(
      (d) => {
        const x = fa(d);
        const y = fb(d);
        return toFloat(x) * toFloat(y);
      },
      false,
      effects,
    );
  }
  return dynNode(generic(args, timesKernel), false, effects);
}

// `b === undefined` is tested on the evaluated value, as json-logic-js does.
const minusKernel = (v: readonly unknown[]): number => {
  const a = v[0] as N;
  const b = v[1] as N | undefined;
  return b === undefined ? -a : a - b;
};

export function buildMinus(args: readonly Node[]): Node {
  const effects = args.some((n) => n.effects);
  const [a, b] = args;
  if (args.length === 1 && a) {
    const fa = a.fn;
    return dynNode((d) => -(fa(d) as N), false, effects);
  }
  if (args.length === 2 && a && b) {
    const fa = a.fn;
    if (isPrimitiveConst(b) && b.value !== undefined) {
      const kb = b.value as N;
      return dynNode((d) => (fa(d) as N) - kb, false, effects);
    }
    const fb = b.fn;
    return dynNode(
      (d) => {
        const x = fa(d) as N;
        const y = fb(d) as N | undefined;
        return y === undefined ? -x : x - y;
      },
      false,
      effects,
    );
  }
  return dynNode(generic(args, minusKernel), false, effects);
}

export const DIVIDE: BinarySpec = {
  kernel: (a, b) => (a as N) / (b as N),
  dd: (a, b) => (d) => (a(d) as N) / (b(d) as N),
  dk: (a, k) => (d) => (a(d) as N) / (k as N),
  kd: (k, b) => (d) => (k as N) / (b(d) as N),
};

export const MODULO: BinarySpec = {
  kernel: (a, b) => (a as N) % (b as N),
  dd: (a, b) => (d) => (a(d) as N) % (b(d) as N),
  dk: (a, k) => (d) => (a(d) as N) % (k as N),
  kd: (k, b) => (d) => (k as N) % (b(d) as N),
};

export function buildArithBinary(args: readonly Node[], spec: BinarySpec): Node {
  return buildBinary(args, spec, false);
}

/** Math.min / Math.max over all operands; fixed arities avoid building an argument array. */
export function buildMinMax(args: readonly Node[], isMax: boolean): Node {
  const effects = args.some((n) => n.effects);
  const pick = isMax ? Math.max : Math.min;
  const [a, b] = args;
  if (args.length === 1 && a) {
    const fa = a.fn;
    return dynNode((d) => pick(fa(d) as N), false, effects);
  }
  if (args.length === 2 && a && b && onlyConstAfter(args, 2)) {
    const fa = a.fn;
    const fb = b.fn;
    return dynNode(
      (d) => {
        const x = fa(d) as N;
        return pick(x, fb(d) as N);
      },
      false,
      effects,
    );
  }
  return dynNode(
    generic(args, (v) => pick(...(v as N[]))),
    false,
    effects,
  );
}
