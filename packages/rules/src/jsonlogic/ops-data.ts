// The operations that read the data: var, missing, missing_some.
import {
  dynNode,
  isLogic,
  isPrimitive,
  isPrimitiveConst,
  type LogicFn,
  type Node,
  onlyConstAfter,
  UNDEFINED_NODE,
} from './node.ts';
import { constPathGetter, isWholeDataPath, MISSING, varLookup } from './var-path.ts';

type N = number;

/** Evaluates a rule that only exists at run time (json-logic-js re-applies some evaluated values as rules). */
export type ApplyDynamic = (rule: unknown, data: unknown) => unknown;

const orNull = (v: unknown): unknown => (v === undefined ? null : v);

function evalArgs(fns: readonly LogicFn[], d: unknown): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < fns.length; i++) out.push((fns[i] as LogicFn)(d));
  return out;
}

/** {"var": [path, default?]}: path and default are themselves rules, evaluated before the lookup. */
export function buildVar(args: readonly Node[]): Node {
  const pathNode = args[0] ?? UNDEFINED_NODE;
  const defNode = args[1] ?? UNDEFINED_NODE;
  const effects = args.some((n) => n.effects);
  if (!onlyConstAfter(args, 2)) {
    const fns = args.map((n) => n.fn);
    return dynNode(
      (d) => {
        const v = evalArgs(fns, d);
        return varLookup(d, v[0], orNull(v[1]));
      },
      false,
      effects,
    );
  }
  const df = defNode.fn;
  if (pathNode.isConst) {
    const path = pathNode.value;
    if (isWholeDataPath(path)) {
      if (defNode.isConst) return dynNode((d) => d, false, false);
      return dynNode(
        (d) => {
          df(d);
          return d;
        },
        false,
        effects,
      );
    }
    let segmentsOk = true;
    try {
      String(path);
    } catch {
      // An object whose string conversion throws: let it throw on every apply, like json-logic-js.
      segmentsOk = false;
    }
    if (segmentsOk) {
      if (isPrimitiveConst(defNode)) {
        return dynNode(constPathGetter(path, orNull(defNode.value)), false, false);
      }
      const get = constPathGetter(path, MISSING);
      if (defNode.isConst) {
        return dynNode(
          (d) => {
            const v = get(d);
            return v === MISSING ? df(d) : v;
          },
          false,
          false,
        );
      }
      return dynNode(
        (d) => {
          const nf = df(d);
          const v = get(d);
          return v === MISSING ? orNull(nf) : v;
        },
        false,
        effects,
      );
    }
  }
  const pf = pathNode.fn;
  return dynNode(
    (d) => {
      const p = pf(d);
      const nf = df(d);
      return varLookup(d, p, orNull(nf));
    },
    false,
    effects,
  );
}

/**
 * json-logic-js missing: a first operand that is an array is the key list,
 * otherwise all operands are keys. Each key goes through apply({"var": key}),
 * so array keys and one-key objects are evaluated as rules.
 */
function missingAt(vals: readonly unknown[], data: unknown, applyDynamic: ApplyDynamic): unknown[] {
  const keys = Array.isArray(vals[0]) ? (vals[0] as unknown[]) : vals;
  const out: unknown[] = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const v =
      Array.isArray(key) || isLogic(key) ? applyDynamic({ var: key }, data) : varLookup(data, key, null);
    if (v === null || v === '') out.push(key);
  }
  return out;
}

/** Precompiled lookups for a constant list of primitive keys (the usual shape). */
function constKeysChecker(keys: readonly unknown[]): (d: unknown) => unknown[] {
  const getters = keys.map((k) => constPathGetter(k, null));
  return (d) => {
    const out: unknown[] = [];
    for (let i = 0; i < getters.length; i++) {
      const v = (getters[i] as LogicFn)(d);
      if (v === null || v === '') out.push(keys[i]);
    }
    return out;
  };
}

export function buildMissing(args: readonly Node[], applyDynamic: ApplyDynamic): Node {
  const effects = args.some((n) => n.effects);
  if (args.every((n) => n.isConst)) {
    const vals = args.map((n) => n.value);
    const keys = Array.isArray(vals[0]) ? (vals[0] as unknown[]) : vals;
    if (keys.every(isPrimitive)) return dynNode(constKeysChecker(keys), false, false);
  }
  const fns = args.map((n) => n.fn);
  return dynNode((d) => missingAt(evalArgs(fns, d), d, applyDynamic), false, effects);
}

/**
 * json-logic-js: `are_missing = apply({"missing": options}, data)`, then `[]`
 * when at least need_count options are present, else are_missing. Note that
 * `options` is applied a second time as a rule, and `options.length` throws
 * for null/undefined options.
 */
export function buildMissingSome(args: readonly Node[], applyDynamic: ApplyDynamic): Node {
  const effects = args.some((n) => n.effects);
  const needNode = args[0] ?? UNDEFINED_NODE;
  const optNode = args[1] ?? UNDEFINED_NODE;
  if (
    onlyConstAfter(args, 2) &&
    optNode.isConst &&
    Array.isArray(optNode.value) &&
    optNode.value.every(isPrimitive)
  ) {
    const check = constKeysChecker(optNode.value);
    const count = optNode.value.length;
    if (isPrimitiveConst(needNode)) {
      const need = needNode.value as N;
      return dynNode(
        (d) => {
          const miss = check(d);
          return count - miss.length >= need ? [] : miss;
        },
        false,
        false,
      );
    }
    const nf = needNode.fn;
    return dynNode(
      (d) => {
        const need = nf(d) as N;
        const miss = check(d);
        return count - miss.length >= need ? [] : miss;
      },
      false,
      effects,
    );
  }
  const fns = args.map((n) => n.fn);
  return dynNode(
    (d) => {
      const vals = evalArgs(fns, d);
      const options = vals[1];
      const inner = Array.isArray(options) ? options : [options];
      const reapplied = inner.map((x) => (Array.isArray(x) || isLogic(x) ? applyDynamic(x, d) : x));
      const miss = missingAt(reapplied, d, applyDynamic);
      return (options as { length: N }).length - miss.length >= (vals[0] as N) ? [] : miss;
    },
    false,
    effects,
  );
}
