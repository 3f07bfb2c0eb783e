/**
 * Compiles a JSON-logic rule once into a tree of closures whose result equals
 * json-logic-js 2.0.5's `jsonLogic.apply(rule, data)` (same value, same
 * throw-or-not). No eval / new Function: rules may be untrusted.
 *
 * Where we differ from json-logic-js, on purpose:
 * - Unknown operations (and `method`, which json-logic-js 2.0.5 no longer ships
 *   and which would call arbitrary methods on data) are rejected when
 *   compiling, with LogicCompileError, even inside a branch that apply() would
 *   never reach. apply() throws "Unrecognized operation X" only when it gets there.
 * - Dotted operation names ("a.b"), which json-logic-js resolves through its
 *   operation table for add_operation() plug-ins, are unknown operations here.
 * - Rules nested deeper than MAX_RULE_DEPTH are rejected instead of recursing.
 * - `var` path segments `__proto__` and `constructor` only read own properties
 *   of the data (see var-path.ts); json-logic-js reads the prototype chain.
 */
import { LogicCompileError } from './errors.ts';
import { constNode, dynNode, isFoldable, isLogic, type LogicFn, type Node } from './node.ts';
import {
  buildArithBinary,
  buildMinMax,
  buildMinus,
  buildPlus,
  buildTimes,
  DIVIDE,
  MODULO,
} from './ops-arith.ts';
import { buildIterator, buildMerge, buildReduce } from './ops-array.ts';
import { buildBinary, buildLess, GE, GT, LOOSE_EQ, LOOSE_NE, STRICT_EQ, STRICT_NE } from './ops-compare.ts';
import { buildMissing, buildMissingSome, buildVar } from './ops-data.ts';
import { buildAndOr, buildIf, buildNot } from './ops-logic.ts';
import { buildCat, buildIn, buildSubstr } from './ops-string.ts';

export { LogicCompileError } from './errors.ts';
export type { LogicFn } from './node.ts';

/** Scoring rules are a few levels deep; anything near this is generated or hostile. */
export const MAX_RULE_DEPTH = 200;

/**
 * How constant arguments may be folded: `pure` ops when every argument is
 * constant; `scoped` ops (iterators) when the array and seed are constant and
 * the per-element logic has no side effects; `data` and `effect` ops never.
 */
type FoldKind = 'pure' | 'scoped' | 'data' | 'effect';

interface OpDef {
  fold: FoldKind;
  build: (args: readonly Node[], rawValues: readonly unknown[]) => Node;
}

const applyDynamic = (rule: unknown, data: unknown): unknown => compileLogic(rule)(data);

function buildLog(args: readonly Node[]): Node {
  const fns = args.map((n) => n.fn);
  return dynNode(
    (d) => {
      let first: unknown;
      for (let i = 0; i < fns.length; i++) {
        const v = (fns[i] as LogicFn)(d);
        if (i === 0) first = v;
      }
      console.log(first);
      return first;
    },
    false,
    true,
  );
}

const OPS = new Map<string, OpDef>([
  ['==', { fold: 'pure', build: (a) => buildBinary(a, LOOSE_EQ, true) }],
  ['===', { fold: 'pure', build: (a) => buildBinary(a, STRICT_EQ, true) }],
  ['!=', { fold: 'pure', build: (a) => buildBinary(a, LOOSE_NE, true) }],
  ['!==', { fold: 'pure', build: (a) => buildBinary(a, STRICT_NE, true) }],
  ['>', { fold: 'pure', build: (a) => buildBinary(a, GT, true) }],
  ['>=', { fold: 'pure', build: (a) => buildBinary(a, GE, true) }],
  ['<', { fold: 'pure', build: (a) => buildLess(a, false) }],
  ['<=', { fold: 'pure', build: (a) => buildLess(a, true) }],
  ['!', { fold: 'pure', build: (a) => buildNot(a, false) }],
  ['!!', { fold: 'pure', build: (a) => buildNot(a, true) }],
  ['if', { fold: 'pure', build: buildIf }],
  ['?:', { fold: 'pure', build: buildIf }],
  ['and', { fold: 'pure', build: (a) => buildAndOr(a, false) }],
  ['or', { fold: 'pure', build: (a) => buildAndOr(a, true) }],
  ['in', { fold: 'pure', build: buildIn }],
  ['cat', { fold: 'pure', build: buildCat }],
  ['substr', { fold: 'pure', build: buildSubstr }],
  ['+', { fold: 'pure', build: buildPlus }],
  ['-', { fold: 'pure', build: buildMinus }],
  ['*', { fold: 'pure', build: buildTimes }],
  ['/', { fold: 'pure', build: (a) => buildArithBinary(a, DIVIDE) }],
  ['%', { fold: 'pure', build: (a) => buildArithBinary(a, MODULO) }],
  ['min', { fold: 'pure', build: (a) => buildMinMax(a, false) }],
  ['max', { fold: 'pure', build: (a) => buildMinMax(a, true) }],
  ['merge', { fold: 'pure', build: buildMerge }],
  ['map', { fold: 'scoped', build: (a) => buildIterator('map', a) }],
  ['filter', { fold: 'scoped', build: (a) => buildIterator('filter', a) }],
  ['all', { fold: 'scoped', build: (a) => buildIterator('all', a) }],
  ['none', { fold: 'scoped', build: (a) => buildIterator('none', a) }],
  ['some', { fold: 'scoped', build: (a) => buildIterator('some', a) }],
  ['reduce', { fold: 'scoped', build: (a, raw) => buildReduce(a, raw[2]) }],
  ['var', { fold: 'data', build: buildVar }],
  ['missing', { fold: 'data', build: (a) => buildMissing(a, applyDynamic) }],
  ['missing_some', { fold: 'data', build: (a) => buildMissingSome(a, applyDynamic) }],
  ['log', { fold: 'effect', build: buildLog }],
]);

export function compileLogic(rule: unknown): LogicFn {
  return compileNode(rule, 0, '$').fn;
}

function compileNode(rule: unknown, depth: number, at: string): Node {
  if (depth > MAX_RULE_DEPTH) {
    throw new LogicCompileError(
      'invalid_rule',
      `JSON-logic rule is nested more than ${MAX_RULE_DEPTH} levels deep; refusing to compile it. ` +
        'Real rules are a few levels deep: flatten this one or check where it was generated.',
    );
  }
  if (Array.isArray(rule)) return compileArray(rule, depth, at);
  if (!isLogic(rule)) return constNode(rule);

  const op = Object.keys(rule)[0] as string;
  const def = OPS.get(op);
  if (def === undefined) throw unknownOperation(op, at);
  const raw = rule[op];
  const rawValues: readonly unknown[] = Array.isArray(raw) ? raw : [raw];
  const args = rawValues.map((v, i) => compileNode(v, depth + 1, `${at}.${op}[${i}]`));
  const node = def.build(args, rawValues);
  return node.isConst ? node : fold(node, def.fold, args);
}

/** An array in a rule is a list of rules: json-logic-js returns a new array of their results. */
function compileArray(rule: readonly unknown[], depth: number, at: string): Node {
  const items = rule.map((v, i) => compileNode(v, depth + 1, `${at}[${i}]`));
  if (items.every((n) => n.isConst)) return constNode(items.map((n) => n.value));
  const fns = items.map((n) => n.fn);
  const effects = items.some((n) => n.effects);
  const [f0, f1] = fns;
  if (fns.length === 1 && f0) return dynNode((d) => [f0(d)], false, effects);
  if (fns.length === 2 && f0 && f1) {
    return dynNode(
      (d) => {
        const x = f0(d);
        return [x, f1(d)];
      },
      false,
      effects,
    );
  }
  return dynNode(
    (d) => {
      const out: unknown[] = [];
      for (let i = 0; i < fns.length; i++) out.push((fns[i] as LogicFn)(d));
      return out;
    },
    false,
    effects,
  );
}

/**
 * Evaluates a data-independent node once. A node that throws is left to throw
 * on every apply, as json-logic-js would; object results stay unfolded (see isFoldable).
 */
function fold(node: Node, kind: FoldKind, args: readonly Node[]): Node {
  const foldable =
    kind === 'pure'
      ? args.every((n) => n.isConst)
      : kind === 'scoped' && args.every((n, i) => (i === 1 ? !n.effects : n.isConst));
  if (!foldable) return node;
  let value: unknown;
  try {
    value = node.fn(undefined);
  } catch {
    return node;
  }
  return isFoldable(value) ? constNode(value) : node;
}

function unknownOperation(op: string, at: string): LogicCompileError {
  if (op === 'method') {
    return new LogicCompileError(
      'unknown_operation',
      `JSON-logic operation "method" (at ${at}) is not supported: it calls arbitrary methods on the data, ` +
        'which is unsafe for untrusted rules (json-logic-js 2.0.5 does not ship it either). ' +
        'Use the dedicated operations (cat, substr, in, ...) instead.',
      op,
    );
  }
  const dotted =
    op.indexOf('.') > 0 ? ' Dotted sub-operation names from add_operation() are not supported.' : '';
  return new LogicCompileError(
    'unknown_operation',
    `Unknown JSON-logic operation "${op}" at ${at}; json-logic-js would throw "Unrecognized operation ${op}".${dotted} ` +
      `Supported operations: ${[...OPS.keys()].join(', ')}. ` +
      'An object with exactly one key is always read as an operation; give data objects two or more keys or pass them through var.',
    op,
  );
}
