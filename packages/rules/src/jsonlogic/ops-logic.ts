// if/and/or evaluate lazily in json-logic-js; constant operands let us drop
// branches at compile time without changing what runs for any data.
import {
  type CondFn,
  condition,
  constNode,
  dynNode,
  generic,
  isPrimitiveConst,
  type LogicFn,
  type Node,
  onlyConstAfter,
  truthy,
} from './node.ts';

/** {"if": [c1, v1, c2, v2, ..., else?]}; no else and no match gives null. */
export function buildIf(args: readonly Node[]): Node {
  const conds: Node[] = [];
  const thens: Node[] = [];
  let otherwise: Node | undefined;
  let i = 0;
  for (; i < args.length - 1; i += 2) {
    const c = args[i] as Node;
    const t = args[i + 1] as Node;
    if (c.isConst) {
      if (truthy(c.value)) {
        otherwise = t;
        break;
      }
      continue;
    }
    conds.push(c);
    thens.push(t);
  }
  if (otherwise === undefined && i === args.length - 1) otherwise = args[i];
  const elseNode = otherwise ?? constNode(null);
  if (conds.length === 0) return elseNode;

  const effects = args.some((n) => n.effects);
  const bool = elseNode.bool && thens.every((n) => n.bool);
  const [c0] = conds;
  const [t0] = thens;
  if (conds.length === 1 && c0 && t0) {
    const c = condition(c0);
    if (isPrimitiveConst(t0) && isPrimitiveConst(elseNode)) {
      const tv = t0.value;
      const ev = elseNode.value;
      return dynNode((d) => (c(d) ? tv : ev), bool, effects);
    }
    const tf = t0.fn;
    const ef = elseNode.fn;
    return dynNode((d) => (c(d) ? tf(d) : ef(d)), bool, effects);
  }
  const cs: CondFn[] = conds.map(condition);
  const ts: LogicFn[] = thens.map((n) => n.fn);
  const ef = elseNode.fn;
  const fn: LogicFn = (d) => {
    for (let k = 0; k < cs.length; k++) {
      if ((cs[k] as CondFn)(d)) return (ts[k] as LogicFn)(d);
    }
    return ef(d);
  };
  return dynNode(fn, bool, effects);
}

/**
 * `and` returns the first falsy operand or else the last one; `or` the first
 * truthy one or else the last. No operands gives undefined (json-logic-js's
 * never-assigned `current`).
 */
export function buildAndOr(args: readonly Node[], isOr: boolean): Node {
  const kept: Node[] = [];
  for (let i = 0; i < args.length; i++) {
    const n = args[i] as Node;
    const last = i === args.length - 1;
    if (n.isConst && !last) {
      // A constant that does not stop the chain is never returned, so skip it;
      // one that stops the chain ends it.
      if (truthy(n.value) === isOr) {
        kept.push(n);
        break;
      }
      continue;
    }
    kept.push(n);
  }
  const [a, b] = kept;
  if (a === undefined) return constNode(undefined);
  if (kept.length === 1) return a;

  const effects = kept.some((n) => n.effects);
  const bool = kept.every((n) => n.bool);
  if (kept.length === 2 && b) {
    const fa = a.fn;
    const fb = b.fn;
    if (a.bool) {
      const fn: LogicFn = isOr ? (d) => (fa(d) ? true : fb(d)) : (d) => (fa(d) ? fb(d) : false);
      return dynNode(fn, bool, effects);
    }
    const fn: LogicFn = isOr
      ? (d) => {
          const x = fa(d);
          return truthy(x) ? x : fb(d);
        }
      : (d) => {
          const x = fa(d);
          return truthy(x) ? fb(d) : x;
        };
    return dynNode(fn, bool, effects);
  }
  const fns = kept.map((n) => n.fn);
  const lastIndex = fns.length - 1;
  const fn: LogicFn = (d) => {
    for (let i = 0; i < lastIndex; i++) {
      const x = (fns[i] as LogicFn)(d);
      if (truthy(x) === isOr) return x;
    }
    return (fns[lastIndex] as LogicFn)(d);
  };
  return dynNode(fn, bool, effects);
}

/** `!` and `!!` look only at the first operand (an absent one is undefined, so falsy). */
export function buildNot(args: readonly Node[], double: boolean): Node {
  const effects = args.some((n) => n.effects);
  const [a] = args;
  if (a === undefined) return constNode(!double);
  if (!onlyConstAfter(args, 1)) {
    const fn = generic(args, double ? (v) => truthy(v[0]) : (v) => !truthy(v[0]));
    return dynNode(fn, true, effects);
  }
  const c = condition(a);
  return dynNode(double ? c : (d) => !c(d), true, effects);
}
