// map/filter/reduce/all/none/some run their second operand against each
// element (the element becomes the data; the outer data is not reachable).
// Operands after the ones used are never evaluated, as in json-logic-js.
import { condition, dynNode, generic, type LogicFn, type Node, UNDEFINED_NODE } from './node.ts';

export type IteratorOp = 'map' | 'filter' | 'all' | 'none' | 'some';

export function buildIterator(op: IteratorOp, args: readonly Node[]): Node {
  const source = (args[0] ?? UNDEFINED_NODE).fn;
  const logicNode = args[1] ?? UNDEFINED_NODE;
  const logic = logicNode.fn;
  const test = condition(logicNode);
  const effects = (args[0] ?? UNDEFINED_NODE).effects || logicNode.effects;
  let fn: LogicFn;
  switch (op) {
    case 'map':
      fn = (d) => {
        const s = source(d);
        return Array.isArray(s) ? s.map(logic) : [];
      };
      break;
    case 'filter':
      fn = (d) => {
        const s = source(d);
        return Array.isArray(s) ? s.filter(test) : [];
      };
      break;
    case 'all':
      // All of an empty array is false in json-logic-js.
      fn = (d) => {
        const s = source(d);
        if (!Array.isArray(s) || s.length === 0) return false;
        for (let i = 0; i < s.length; i++) if (!test(s[i])) return false;
        return true;
      };
      break;
    case 'some':
      fn = (d) => {
        const s = source(d);
        if (!Array.isArray(s) || s.length === 0) return false;
        for (let i = 0; i < s.length; i++) if (test(s[i])) return true;
        return false;
      };
      break;
    case 'none':
      fn = (d) => {
        const s = source(d);
        if (!Array.isArray(s) || s.length === 0) return true;
        for (let i = 0; i < s.length; i++) if (test(s[i])) return false;
        return true;
      };
      break;
  }
  return dynNode(fn, op === 'all' || op === 'some' || op === 'none', effects);
}

/**
 * {"reduce": [array, logic, initial?]}: logic sees {current, accumulator}. A
 * missing initial is null, but an initial that evaluates to undefined stays
 * undefined, so the check is on the raw rule operand.
 */
export function buildReduce(args: readonly Node[], rawInitial: unknown): Node {
  const source = (args[0] ?? UNDEFINED_NODE).fn;
  const logic = (args[1] ?? UNDEFINED_NODE).fn;
  const hasInitial = rawInitial !== undefined;
  const initial = (args[2] ?? UNDEFINED_NODE).fn;
  const effects = args.slice(0, 3).some((n) => n.effects);
  const step = (accumulator: unknown, current: unknown): unknown => logic({ current, accumulator });
  const fn: LogicFn = (d) => {
    const s = source(d);
    const init = hasInitial ? initial(d) : null;
    return Array.isArray(s) ? s.reduce(step, init) : init;
  };
  return dynNode(fn, false, effects);
}

/** merge flattens one level: [].concat(a, b, ...). */
export function buildMerge(args: readonly Node[]): Node {
  const effects = args.some((n) => n.effects);
  const [a, b] = args;
  if (args.length === 1 && a) {
    const fa = a.fn;
    return dynNode((d) => ([] as unknown[]).concat(fa(d)), false, effects);
  }
  if (args.length === 2 && a && b) {
    const fa = a.fn;
    const fb = b.fn;
    return dynNode(
      (d) => {
        const x = fa(d);
        return ([] as unknown[]).concat(x, fb(d));
      },
      false,
      effects,
    );
  }
  return dynNode(
    generic(args, (v) => ([] as unknown[]).concat(...v)),
    false,
    effects,
  );
}
