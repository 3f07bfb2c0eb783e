// Property: for random rules over every operation json-logic-js ships and
// random data, compileLogic(rule)(data) behaves exactly like jsonLogic.apply:
// same value (NaN equals NaN, -0 differs from 0), same throw-or-not, same
// console.log calls, and fresh results exactly when json-logic-js's are fresh.
import fc from 'fast-check';
import jsonLogic, { type RulesLogic } from 'json-logic-js';
import { afterAll, beforeAll, describe, expect, it, type MockInstance, vi } from 'vitest';
import { conditionLogic } from '../conditions/logic.ts';
import { EVENT_PROPERTIES, eventsConditionArb } from '../testing/arbitraries.ts';
import { generateLogic } from './generate-logic.ts';
import { compileLogic } from './index.ts';

const KEYS = ['a', 'b', 'n', 's', 'xs', 'o'] as const;
const NOW = Date.parse('2026-03-02T09:00:00Z');
const DAY = 86_400_000;
const PATHS = [
  'a',
  'b',
  'n',
  's',
  'xs',
  'o',
  'o.a',
  'o.b.n',
  'xs.0',
  'xs.1',
  'a.b',
  'nope',
  'nope.deeper',
  '',
  'current',
  'accumulator',
  'current.a',
  '0',
  1,
  null,
];

const number = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.constantFrom(0, -0, 1, -1, 1.5, -2.25, 0.1, 1e21, 100, 3),
);
const string = fc.constantFrom(
  '0',
  '1',
  '2.5',
  '-3',
  '1e2',
  ' 4 ',
  '3px',
  'abc',
  '',
  'a',
  'a.b',
  'Spring',
  'Springfield',
  'true',
  'null',
);
const scalar = fc.oneof(number, string, fc.boolean(), fc.constant(null));

const { value: dataValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 4 }),
  ),
}));
const data = fc.oneof(
  { weight: 5, arbitrary: fc.dictionary(fc.constantFrom(...KEYS), dataValue, { maxKeys: 6 }) },
  { weight: 1, arbitrary: dataValue },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

const path = fc.constantFrom(...PATHS);
const primitiveList = fc.array(scalar, { maxLength: 4 });

const EAGER_OPS = [
  '==',
  '===',
  '!=',
  '!==',
  '>',
  '>=',
  '<',
  '<=',
  '!',
  '!!',
  'in',
  'cat',
  'substr',
  '+',
  '-',
  '*',
  '/',
  '%',
  'min',
  'max',
  'merge',
  'log',
];
const LAZY_OPS = ['if', '?:', 'and', 'or'];
const ITERATORS = ['map', 'filter', 'all', 'none', 'some', 'reduce'];

function ruleArb(depth: number): fc.Arbitrary<unknown> {
  const leaf = fc.oneof(
    { weight: 4, arbitrary: scalar },
    { weight: 4, arbitrary: path.map((p) => ({ var: p })) },
    { weight: 1, arbitrary: fc.tuple(path, scalar).map(([p, d]) => ({ var: [p, d] })) },
    { weight: 1, arbitrary: primitiveList },
    { weight: 1, arbitrary: fc.constant({}) },
    // Operations that evaluate to undefined, which several operators test for.
    { weight: 1, arbitrary: fc.constantFrom({ and: [] }, { or: [] }, { var: '' }) },
  );
  if (depth === 0) return leaf;
  const sub = ruleArb(depth - 1);
  const args = fc.array(sub, { maxLength: 4 });
  const op = (names: readonly string[]) =>
    fc
      .tuple(
        fc.constantFrom(...names),
        fc.oneof({ weight: 4, arbitrary: args }, { weight: 1, arbitrary: sub }),
      )
      .map(([name, a]) => ({ [name]: a }));
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    { weight: 6, arbitrary: op(EAGER_OPS) },
    { weight: 3, arbitrary: op(LAZY_OPS) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...ITERATORS), sub, sub, fc.option(sub)).map(iterator) },
    {
      weight: 1,
      arbitrary: fc.tuple(sub, fc.oneof(primitiveList, string, sub)).map(([x, list]) => ({ in: [x, list] })),
    },
    { weight: 1, arbitrary: fc.tuple(sub, sub).map(([p, d]) => ({ var: [p, d] })) },
    {
      weight: 2,
      arbitrary: fc.oneof(fc.array(path, { maxLength: 3 }), args, sub).map((k) => ({ missing: k })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.oneof(fc.integer({ min: 0, max: 3 }), sub), fc.oneof(fc.array(path, { maxLength: 3 }), sub))
        .map(([need, opts]) => ({ missing_some: [need, opts] })),
    },
    { weight: 1, arbitrary: fc.array(sub, { maxLength: 3 }) },
  );
}

function iterator([name, source, logic, initial]: [string, unknown, unknown, unknown]): unknown {
  if (name === 'reduce') return { reduce: initial === null ? [source, logic] : [source, logic, initial] };
  return { [name]: [source, logic] };
}

type Outcome = { threw: false; value: unknown; logs: unknown[][] } | { threw: true; logs: unknown[][] };

let logSpy: MockInstance<typeof console.log>;
beforeAll(() => {
  logSpy = vi.spyOn(console, 'log').mockImplementation(() => {});
});
afterAll(() => logSpy.mockRestore());

function run(fn: () => unknown): Outcome {
  logSpy.mockClear();
  try {
    const value = fn();
    return { threw: false, value, logs: [...logSpy.mock.calls] };
  } catch {
    return { threw: true, logs: [...logSpy.mock.calls] };
  }
}

const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null;

describe('compileLogic agrees with json-logic-js on random rules and data', () => {
  it('6,000 random rules, each on up to 3 data values, twice', () => {
    fc.assert(
      fc.property(ruleArb(4), fc.array(data, { minLength: 1, maxLength: 3 }), (rule, datas) => {
        const compiled = compileLogic(rule);
        for (const d of datas) {
          const ref1 = run(() => jsonLogic.apply(rule as RulesLogic, d));
          const ref2 = run(() => jsonLogic.apply(rule as RulesLogic, d));
          const fast1 = run(() => compiled(d));
          const fast2 = run(() => compiled(d));
          expect(fast1.threw).toBe(ref1.threw);
          expect(fast1.logs).toStrictEqual(ref1.logs);
          if (!ref1.threw && !fast1.threw && !ref2.threw && !fast2.threw) {
            expect(fast1.value).toStrictEqual(ref1.value);
            expect(fast2.value).toStrictEqual(ref2.value);
            if (isObject(ref1.value)) expect(fast1.value === fast2.value).toBe(ref1.value === ref2.value);
          }
        }
      }),
      { numRuns: 6000 },
    );
  });
});

describe('generated functions agree with json-logic-js on random rules and data', () => {
  it('3,000 random rules (the ones generateLogic takes; the rest fall back to closures)', () => {
    let generated = 0;
    fc.assert(
      fc.property(ruleArb(4), fc.array(data, { minLength: 1, maxLength: 3 }), (rule, datas) => {
        const fn = generateLogic(rule);
        if (!fn) return;
        generated++;
        for (const d of datas) {
          const ref = run(() => jsonLogic.apply(rule as RulesLogic, d));
          const got = run(() => fn(d));
          expect(got.threw).toBe(ref.threw);
          if (!ref.threw && !got.threw) expect(got.value).toStrictEqual(ref.value);
        }
      }),
      { numRuns: 3000 },
    );
    // The generator must take a real share of the rules, or this test checks nothing.
    expect(generated).toBeGreaterThan(300);
  });
});

describe('an or of needles in one haystack (one regular expression) agrees with json-logic-js', () => {
  // Needles with the characters a regular expression treats specially, empty ones and non-ASCII ones.
  const needle = fc.oneof(
    fc.constantFrom(
      '@gmail.',
      '@web.de',
      '.',
      '*',
      '(a|b)',
      '[x]',
      '\\',
      '^',
      '$',
      '?',
      '+',
      '{2}',
      '',
      'ä',
      '😀',
    ),
    fc.string({ maxLength: 4 }),
  );
  const haystack = fc.oneof(
    { weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 4, arbitrary: fc.constantFrom('ann@gmail.com', 'bo@web.de', 'a.b*(a|b)[x]\\^$?+{2}', 'ä😀') },
    { weight: 1, arbitrary: fc.array(fc.oneof(needle, scalar), { maxLength: 4 }) },
    { weight: 1, arbitrary: scalar },
    { weight: 1, arbitrary: fc.constant({ a: 1 }) },
  );

  it('finds nothing in an empty haystack, not even an empty needle, as json-logic-js answers', () => {
    const one = { in: ['', { var: 'h' }] };
    const many = {
      or: [{ in: ['', { var: 'h' }] }, { in: ['a', { var: 'h' }] }, { in: ['b', { var: 'h' }] }],
    };
    for (const rule of [one, many]) {
      expect(jsonLogic.apply(rule as RulesLogic, { h: '' })).toBe(false);
      expect(generateLogic(rule)!({ h: '' })).toBe(false);
      expect(generateLogic(rule)!({ h: 'x' })).toBe(true);
    }
  });

  it('1,000 random lists of three to six needles, on strings, lists, other values and no value', () => {
    let patterns = 0;
    fc.assert(
      fc.property(
        fc.array(needle, { minLength: 3, maxLength: 6 }),
        fc.option(haystack, { nil: undefined }),
        (needles, hay) => {
          const rule = { or: needles.map((n) => ({ in: [n, { var: 'h' }] })) };
          const fn = generateLogic(rule)!;
          if (String(fn).includes('.test(')) patterns++;
          const d = hay === undefined ? {} : { h: hay };
          const ref = run(() => jsonLogic.apply(rule as RulesLogic, d));
          const got = run(() => fn(d));
          expect(got.threw).toBe(ref.threw);
          if (!ref.threw && !got.threw) expect(got.value).toStrictEqual(ref.value);
        },
      ),
      { numRuns: 1000 },
    );
    // Every such rule takes the pattern; fewer needles, or other operands, keep one search each.
    expect(patterns).toBe(1000);
    expect(
      String(generateLogic({ or: [{ in: ['a', { var: 'h' }] }, { in: ['b', { var: 'h' }] }] })),
    ).not.toContain('.test(');
    expect(
      String(
        generateLogic({
          or: [{ in: ['a', { var: 'h' }] }, { in: ['b', { var: 'h' }] }, { in: ['c', { var: 'g' }] }],
        }),
      ),
    ).not.toContain('.test(');
  });
});

describe('event counts agree with json-logic-js, on lists as dirty as data gets', () => {
  // The expressions an events condition compiles to (filter, reduce with a list accumulator, var into
  // `current` and `accumulator`), run on event lists the normaliser never cleaned: the fast path must
  // still give what json-logic-js gives, value for value and throw for throw.
  const item = fc.oneof(
    fc.record(
      {
        at: fc.oneof(fc.integer({ min: NOW - 40 * DAY, max: NOW + DAY }), string, fc.constant(null)),
        type: fc.oneof(fc.constantFrom('page_view', 'form_submit', 'Webinar'), scalar),
        url: fc.oneof(fc.constantFrom('/pricing', '/blog', ' /pricing '), scalar),
        amount: fc.oneof(number, scalar),
      },
      { requiredKeys: [] },
    ),
    dataValue,
  );
  const eventsValue = fc.oneof(
    { weight: 4, arbitrary: fc.array(item, { maxLength: 6 }) },
    { weight: 1, arbitrary: dataValue },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
  it('1,000 random events conditions on random lists', () => {
    fc.assert(
      fc.property(
        eventsConditionArb,
        eventsValue,
        fc.integer({ min: NOW - DAY, max: NOW + DAY }),
        (c, events, now) => {
          const rule = conditionLogic(c, [], { events: EVENT_PROPERTIES });
          const data = { lead: events === undefined ? {} : { events }, now };
          const ref = run(() => jsonLogic.apply(rule as RulesLogic, data));
          const fast = run(() => compileLogic(rule)(data));
          expect(fast.threw).toBe(ref.threw);
          if (!ref.threw && !fast.threw) expect(fast.value).toStrictEqual(ref.value);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
