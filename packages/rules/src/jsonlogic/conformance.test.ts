// Runs the JSON-logic conformance suites kept OUTSIDE the repo, in
// ../shared/conformance/jsonlogic next to the repo root (see SOURCES.md there),
// or in $JSONLOGIC_CONFORMANCE_DIR. They are never copied into the repo.
//
// What is asserted:
// - tests.json (the official jsonlogic.com suite): every triple passes.
// - compat-tables/suites: the reference semantics are json-logic-js 2.0.5, so
//   each case must agree with jsonLogic.apply on the same rule and data (same
//   value, or both throw). How many cases match the suite's own `result` /
//   `error` is only counted and printed: the compat suites follow a newer spec
//   that json-logic-js does not implement. Of the 927 cases run (json-logic-js
//   operations only), 160 differ from the suite, in three classes:
//   * the spec throws ("NaN" or "Invalid Arguments") where json-logic-js
//     returns NaN: arithmetic on non-numeric strings, booleans or objects (32);
//   * the spec throws where json-logic-js returns an ordinary value: it coerces
//     arrays ({"+": [[1], 1]} is 2), compares objects, and treats missing
//     operands as undefined ({">": 1} is false) (79 cases);
//   * both return a value but a different one (44): json-logic-js ignores
//     operands past the second for -, /, % and >, >=, ===; parseFloat makes
//     true/false/null NaN in + and *; {"*": [x]} returns x uncast and {"*": []}
//     throws; {"/": x} is NaN; null == 0 is false; {"and": []} is undefined;
//     reduce without an initial value starts from null; cat of one array
//     argument joins it with commas.
//   Cases written with operations json-logic-js never shipped (val, throw,
//   preserve) throw "Unrecognized operation" in json-logic-js when reached and
//   are rejected at compile time by compileLogic (see compile-logic.ts), so
//   they are checked for that and counted apart.
// Whole suites written for operations json-logic-js lacks (val, exists,
// coalesce, throw, try; iterators.extra uses preserve; scopes and additional
// use val) are skipped.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import jsonLogic, { type RulesLogic } from 'json-logic-js';
import { afterAll, describe, expect, it } from 'vitest';
import { generateLogic } from './generate-logic.ts';
import { compileLogic, LogicCompileError } from './index.ts';

/** The product's fast path: one generated function where it can, closures otherwise. */
const generated = (rule: unknown) => generateLogic(rule) ?? compileLogic(rule);

const here = path.dirname(fileURLToPath(import.meta.url));
// packages/rules/src/jsonlogic -> repo root
const repoRoot = path.resolve(here, '../../../..');
const defaultDir = path.resolve(repoRoot, '../shared/conformance/jsonlogic');
const envDir = process.env.JSONLOGIC_CONFORMANCE_DIR;
const suiteDir = envDir ? path.resolve(envDir) : defaultDir;

/** Suites whose subject is an operation json-logic-js 2.0.5 does not have. */
const SKIPPED_SUITES = new Set([
  'coalesce.json',
  'exists.json',
  'throw.json',
  'try.json',
  'try.extra.json',
  'val.json',
  'val.extra.json',
  'val-compat.json',
  'scopes.json',
  'iterators.extra.json',
  'additional.json',
]);

/** The operations json-logic-js 2.0.5 ships (without `method`, which compileLogic refuses). */
const JSON_LOGIC_JS_OPS = new Set(
  '== === != !== > >= < <= ! !! or and if ?: in cat substr + - * / % min max merge var missing missing_some map filter reduce all none some log'.split(
    ' ',
  ),
);

type Outcome = { threw: true; error: unknown } | { threw: false; value: unknown };

function outcome(fn: () => unknown): Outcome {
  try {
    return { threw: false, value: fn() };
  } catch (error) {
    return { threw: true, error };
  }
}

/** Deep equality with Object.is on leaves (NaN equals NaN, -0 differs from 0). */
function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  const rb = b as Record<string, unknown>;
  return (
    ka.length === kb.length &&
    ka.every((k) => Object.hasOwn(rb, k) && same((a as Record<string, unknown>)[k], rb[k]))
  );
}

/** Operation names a rule uses, walking it the way json-logic-js does (one-key objects are operations). */
function foreignOps(rule: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(rule)) {
    for (const r of rule) foreignOps(r, found);
  } else if (typeof rule === 'object' && rule !== null && Object.keys(rule).length === 1) {
    const [op] = Object.keys(rule) as [string];
    if (!JSON_LOGIC_JS_OPS.has(op)) found.add(op);
    foreignOps((rule as Record<string, unknown>)[op], found);
  }
  return found;
}

const show = (v: unknown): string => {
  const s = JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x));
  return s === undefined ? 'undefined' : s.length > 160 ? `${s.slice(0, 157)}...` : s;
};

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

if (!existsSync(suiteDir)) {
  const message = `JSON-logic conformance NOT checked: ${suiteDir} not found`;
  console.warn(message);
  it.skip(message, () => {});
} else {
  describe('repo layout', () => {
    it('resolves the repo root from this file (the default suite folder sits next to it)', () => {
      expect(existsSync(path.join(repoRoot, 'packages', 'rules', 'package.json'))).toBe(true);
    });
  });

  describe('tests.json (official jsonlogic.com suite)', () => {
    const entries = readJson(path.join(suiteDir, 'tests.json')) as unknown[];
    const sections = new Map<string, { rule: unknown; data: unknown; expected: unknown; name: string }[]>();
    let section = '(start)';
    for (const entry of entries) {
      if (typeof entry === 'string') {
        section = entry.replace(/^#\s*/, '');
        continue;
      }
      const [rule, data, expected] = entry as [unknown, unknown, unknown];
      const list = sections.get(section) ?? [];
      list.push({ rule, data, expected, name: `${show(rule)} on ${show(data)}` });
      sections.set(section, list);
    }

    it('has test triples', () => {
      expect([...sections.values()].flat().length).toBeGreaterThan(0);
    });

    for (const [title, cases] of sections) {
      describe(title, () => {
        it.each(cases)('$name', ({ rule, data, expected }) => {
          expect(compileLogic(rule)(data), `rule ${show(rule)} on data ${show(data)}`).toStrictEqual(
            expected,
          );
          expect(generated(rule)(data), `generated: rule ${show(rule)} on data ${show(data)}`).toStrictEqual(
            expected,
          );
        });
      });
    }
  });

  describe('compat-tables suites: agreement with json-logic-js', () => {
    const root = path.join(suiteDir, 'compat-tables', 'suites');
    const files = (readJson(path.join(root, 'index.json')) as string[]).filter((f) => !SKIPPED_SUITES.has(f));
    const totals = { cases: 0, agree: 0, fastMatches: 0, refMatches: 0, foreign: 0, foreignRefThrows: 0 };

    afterAll(() => {
      const t = totals;
      const native = t.cases - t.foreign;
      console.log(
        `compat-tables: ${t.fastMatches}/${native} cases match the suite's expectation (json-logic-js: ${t.refMatches}/${native}); ` +
          `${t.agree}/${native} agree with json-logic-js; ${t.foreign} more use operations json-logic-js lacks ` +
          `(rejected at compile time; json-logic-js throws on ${t.foreignRefThrows} of them) [${files.length} suites, ${SKIPPED_SUITES.size} skipped]`,
      );
    });

    it.each(files)('%s', (file) => {
      const cases = (readJson(path.join(root, file)) as unknown[]).filter(
        (
          c,
        ): c is { description?: string; rule: unknown; data?: unknown; result?: unknown; error?: unknown } =>
          typeof c === 'object' && c !== null,
      );
      const problems: string[] = [];
      for (const c of cases) {
        totals.cases++;
        const label = `${c.description ?? ''}: rule ${show(c.rule)} on data ${show(c.data)}`;
        const ref = outcome(() => jsonLogic.apply(c.rule as RulesLogic, c.data));
        const fast = outcome(() => compileLogic(c.rule)(c.data));
        const expectsError = 'error' in c;
        const matches = (o: Outcome): boolean =>
          expectsError ? o.threw : !o.threw && same(o.value, c.result);

        const foreign = foreignOps(c.rule);
        if (foreign.size > 0) {
          totals.foreign++;
          if (ref.threw) totals.foreignRefThrows++;
          const rejected =
            fast.threw && fast.error instanceof LogicCompileError && fast.error.code === 'unknown_operation';
          if (!rejected) problems.push(`${label}: uses ${[...foreign].join(', ')} but compiled`);
          continue;
        }
        const gen = outcome(() => generated(c.rule)(c.data));
        const genAgrees = ref.threw ? gen.threw : !gen.threw && same(gen.value, ref.value);
        if (!genAgrees)
          problems.push(
            `${label}: the generated function gives ${gen.threw ? 'a throw' : show(gen.value)}, json-logic-js ${ref.threw ? 'a throw' : show(ref.value)}`,
          );
        if (matches(fast)) totals.fastMatches++;
        if (matches(ref)) totals.refMatches++;
        const agree = ref.threw ? fast.threw : !fast.threw && same(fast.value, ref.value);
        if (agree) totals.agree++;
        else {
          const got = fast.threw ? `throws ${String(fast.error)}` : show(fast.value);
          const want = ref.threw ? `throws ${String(ref.error)}` : show(ref.value);
          problems.push(`${label}: compileLogic gives ${got}, json-logic-js gives ${want}`);
        }
      }
      expect(problems, problems.join('\n')).toEqual([]);
    });
  });
}
