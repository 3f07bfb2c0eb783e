import jsonLogic, { type RulesLogic } from 'json-logic-js';
import { describe, expect, it, vi } from 'vitest';
import { compileLogic, LogicCompileError, MAX_RULE_DEPTH } from './index.ts';

const reference = (rule: unknown, data?: unknown): unknown => jsonLogic.apply(rule as RulesLogic, data);

type Row = [label: string, rule: unknown, data: unknown, expected: unknown];

// Each row holds for json-logic-js 2.0.5 too: the expectations are its semantics, not ours.
const rows: Row[] = [
  ['+ parses numeric strings', { '+': ['1', 2] }, null, 3],
  ['+ uses parseFloat prefixes', { '+': ['1.5abc', 1] }, null, 2.5],
  ['+ of nothing is 0', { '+': [] }, null, 0],
  ['unary + casts', { '+': '3.14' }, null, 3.14],
  ['+ of a non-numeric string is NaN', { '+': ['abc', 1] }, null, Number.NaN],
  ['* with one operand returns it untouched', { '*': ['3'] }, null, '3'],
  ['* parses strings', { '*': ['2', '3.5'] }, null, 7],
  ['* normalises -0 between steps', { '*': [-1, 0, 1] }, null, 0],
  ['* keeps -0 of the last step', { '*': [0, -1] }, null, -0],
  ['unary - casts', { '-': '5' }, null, -5],
  ['- of nothing is NaN', { '-': [] }, null, Number.NaN],
  ['- of [] is -0', { '-': [[]] }, null, -0],
  ['- falls back to negation when b evaluates to undefined', { '-': [5, { var: '' }] }, undefined, -5],
  ['- ignores a third operand', { '-': [5, 2, 1] }, null, 3],
  ['/ by zero', { '/': [1, 0] }, null, Number.POSITIVE_INFINITY],
  ['% coerces', { '%': [7, '3'] }, null, 1],
  ['min of nothing', { min: [] }, null, Number.POSITIVE_INFINITY],
  ['max coerces strings', { max: ['3', 1] }, null, 3],
  ['min with a non-number is NaN', { min: [1, 'a'] }, null, Number.NaN],
  ['in: substring', { in: ['Spring', 'Springfield'] }, null, true],
  ['in: empty haystack string is falsy', { in: ['', ''] }, null, false],
  ['in: array membership is strict', { in: [1, ['1']] }, null, false],
  ['in: constant list', { in: [{ var: 'x' }, ['a', 'b']] }, { x: 'b' }, true],
  ['in: -0 finds 0', { in: [{ var: 'x' }, [0]] }, { x: -0 }, true],
  ['in: null in list', { in: [null, [null]] }, null, true],
  ['in: number haystack', { in: [1, 123] }, null, false],
  ['in: object haystack without indexOf', { in: ['a', { var: 'o' }] }, { o: { a: 1 } }, false],
  ['in: dynamic list', { in: [{ var: 'x' }, { var: 'xs' }] }, { x: 2, xs: [1, 2] }, true],
  ['var default when missing', { var: ['a.b', 5] }, {}, 5],
  ['var default when a parent is null', { var: ['a.b', 5] }, { a: null }, 5],
  ['var null leaf is not missing', { var: ['a.b', 5] }, { a: { b: null } }, null],
  ['var keeps falsy values', { var: ['a.b', 5] }, { a: { b: 0 } }, 0],
  ['var numeric index', { var: 'a.1' }, { a: [1, 2] }, 2],
  ['var number path on an array', { var: 1 }, ['x', 'y'], 'y'],
  ['var "" is the whole data', { var: '' }, { a: 1 }, { a: 1 }],
  ['var null is the whole data', { var: null }, 7, 7],
  ['var [] is the whole data', { var: [] }, 'd', 'd'],
  ['var on a string', { var: 'length' }, 'abc', 3],
  ['var on null data', { var: 'a' }, null, null],
  ['var on null data with default', { var: ['a', 'z'] }, null, 'z'],
  ['var computed path', { var: { cat: ['a', '.b'] } }, { a: { b: 4 } }, 4],
  ['var computed default', { var: ['x', { var: 'y' }] }, { y: 9 }, 9],
  ['var default that evaluates to undefined is null', { var: ['x', { var: '' }] }, undefined, null],
  ['between <', { '<': [1, { var: 'x' }, 3] }, { x: 2 }, true],
  ['between < is exclusive', { '<': [1, { var: 'x' }, 3] }, { x: 3 }, false],
  ['between <= is inclusive', { '<=': [1, { var: 'x' }, 3] }, { x: 3 }, true],
  ['< with an undefined third operand is two-operand', { '<': [1, 2, { var: '' }] }, undefined, true],
  ['== is loose', { '==': [1, '1'] }, null, true],
  ['== null vs 0', { '==': [null, 0] }, null, false],
  ['== on two array literals compares fresh arrays', { '==': [[1], [1]] }, null, false],
  ['== array vs string', { '==': [[1, 2], '1,2'] }, null, true],
  ['=== is strict', { '===': [1, '1'] }, null, false],
  ['!= "" vs 0', { '!=': ['', 0] }, null, false],
  ['truthy: [] is falsy', { '!!': [[]] }, null, false],
  ['truthy: "0" is truthy', { '!!': ['0'] }, null, true],
  ['truthy: 0 is falsy', { '!!': [0] }, null, false],
  ['truthy: [0] is truthy', { '!!': [[0]] }, null, true],
  ['truthy: {} is truthy', { '!!': [{}] }, null, true],
  ['! without operands', { '!': [] }, null, true],
  ['! of an empty array from data', { '!': { var: 'xs' } }, { xs: [] }, true],
  ['if treats [] as false', { if: [[], 'yes', 'no'] }, null, 'no'],
  ['if with no operands', { if: [] }, null, null],
  ['if without else', { if: [false, 1] }, null, null],
  ['if with one operand', { if: ['x'] }, null, 'x'],
  ['?: alias', { '?:': [true, 1, 2] }, null, 1],
  ['if chain falls through to else', { if: [false, 1, false, 2, 3] }, null, 3],
  ['if chain picks the first truthy pair', { if: [{ var: 'a' }, 1, { var: 'b' }, 2, 3] }, { b: 1 }, 2],
  ['and of nothing is undefined', { and: [] }, null, undefined],
  ['and returns the first falsy operand', { and: [1, 'a', 0, 2] }, null, 0],
  ['and returns the last operand', { and: [1, 'a'] }, null, 'a'],
  ['or returns the last operand when all are falsy', { or: [0, '', []] }, null, []],
  ['or returns the first truthy operand', { or: [false, 'x', 'y'] }, null, 'x'],
  [
    'reduce sums',
    { reduce: [{ var: 'xs' }, { '+': [{ var: 'current' }, { var: 'accumulator' }] }, 10] },
    { xs: [1, 2, 3] },
    16,
  ],
  ['reduce without initial over a non-array', { reduce: [5, { var: 'current' }] }, null, null],
  ['reduce with initial over a non-array', { reduce: [5, { var: 'current' }, 7] }, null, 7],
  [
    'reduce exposes {current, accumulator}',
    { reduce: [[1], { var: '' }, 0] },
    null,
    { current: 1, accumulator: 0 },
  ],
  ['all of [] is false', { all: [[], true] }, null, false],
  ['none of [] is true', { none: [[], true] }, null, true],
  ['some', { some: [[0, 1], { var: '' }] }, null, true],
  ['map over a non-array', { map: [{ var: 'nope' }, 1] }, {}, []],
  ['map without logic', { map: [[1, 2]] }, null, [undefined, undefined]],
  ['filter', { filter: [[1, 2, 3, 4], { '%': [{ var: '' }, 2] }] }, null, [1, 3]],
  ['merge flattens one level', { merge: [1, [2, [3]], []] }, null, [1, 2, [3]]],
  ['cat joins like Array#join', { cat: ['a', null, 1, [1, 2], true] }, null, 'a11,2true'],
  ['substr negative length', { substr: ['jsonlogic', -5, -2] }, null, 'log'],
  ['substr of a number', { substr: [12345, 1, 2] }, null, '23'],
  ['missing', { missing: ['a', 'b.c', 'd'] }, { a: '', b: { c: 0 } }, ['a', 'd']],
  ['missing takes an array first operand as the key list', { missing: [['a', 'b'], 'c'] }, {}, ['a', 'b']],
  ['missing over merged keys', { missing: { merge: ['a', ['b']] } }, { b: 1 }, ['a']],
  ['missing with an undefined data value is not missing', { missing: [''] }, undefined, []],
  ['missing_some satisfied', { missing_some: [1, ['a', 'b']] }, { a: 1 }, []],
  ['missing_some unsatisfied', { missing_some: [1, ['a', 'b']] }, {}, ['a', 'b']],
  ['missing_some re-applies array options', { missing_some: [2, [['a', 'b']]] }, {}, ['a', 'b']],
  ['non-rule objects pass through', { a: 1, b: 2 }, null, { a: 1, b: 2 }],
  ['empty object passes through', {}, null, {}],
  ['arrays are lists of rules', [1, { var: 'x' }], { x: 2 }, [1, 2]],
];

describe('compileLogic matches json-logic-js 2.0.5', () => {
  it.each(rows)('%s', (_label, rule, data, expected) => {
    expect(reference(rule, data)).toStrictEqual(expected);
    expect(compileLogic(rule)(data)).toStrictEqual(expected);
  });

  it.each([
    ['* of nothing', { '*': [] }, null],
    ['missing_some without options reads .length of undefined', { missing_some: [1] }, null],
    ['missing_some with null options', { missing_some: [1, null] }, {}],
    ['in with a non-function indexOf', { in: ['a', { var: 'o' }] }, { o: { indexOf: 1, x: 2 } }],
    [
      'missing with a data-provided rule naming an unknown operation',
      { missing: { var: 'k' } },
      { k: { nope: 1 } },
    ],
  ])('throws at apply time like json-logic-js: %s', (_label, rule, data) => {
    expect(() => reference(rule, data)).toThrow();
    const fn = compileLogic(rule);
    expect(() => fn(data)).toThrow();
  });

  it('returns a fresh array on every call, as json-logic-js does', () => {
    const fn = compileLogic([1, [2, 3]]);
    const first = fn(null) as unknown[];
    first.push('mutated');
    (first[1] as unknown[]).push('mutated');
    expect(fn(null)).toStrictEqual([1, [2, 3]]);
    expect(fn(null)).not.toBe(fn(null));
  });

  it('returns data and literal objects by reference, as json-logic-js does', () => {
    const data = { o: { a: 1 } };
    expect(compileLogic({ var: 'o' })(data)).toBe(data.o);
    const literal = { a: 1, b: 2 };
    expect(compileLogic({ if: [true, literal, 0] })(null)).toBe(literal);
  });

  it('evaluates operands json-logic-js evaluates, in order, for log', () => {
    const spy = vi.spyOn(console, 'log').mockImplementation(() => {});
    compileLogic({ '==': [{ log: 'a' }, 1, { log: 'b' }] })(null);
    compileLogic({ or: [{ log: 1 }, { log: 2 }] })(null);
    expect(spy.mock.calls).toStrictEqual([['a'], ['b'], [1]]);
    spy.mockRestore();
  });
});

describe('LogicCompileError', () => {
  it('rejects unknown operations at compile time, naming them', () => {
    expect(() => reference({ foo: [1] })).toThrow('Unrecognized operation foo');
    const err = catchError(() => compileLogic({ and: [true, { foo: [1] }] }));
    expect(err).toBeInstanceOf(LogicCompileError);
    expect(err).toMatchObject({ code: 'unknown_operation', operation: 'foo' });
    expect(String((err as Error).message)).toContain('$.and[1]');
  });

  it('rejects method: it would call arbitrary methods on data', () => {
    const err = catchError(() => compileLogic({ method: ['abc', 'toUpperCase'] }));
    expect(err).toMatchObject({ code: 'unknown_operation', operation: 'method' });
    expect((err as Error).message).toMatch(/unsafe/);
  });

  it('rejects dotted operation names', () => {
    expect(catchError(() => compileLogic({ 'var.x': 1 }))).toMatchObject({ code: 'unknown_operation' });
  });

  // Deliberate divergence: json-logic-js only throws when it reaches the branch.
  it('rejects an unknown operation even in a branch apply() would not reach', () => {
    const rule = { if: [true, 1, { foo: 1 }] };
    expect(reference(rule, null)).toBe(1);
    expect(() => compileLogic(rule)).toThrow(LogicCompileError);
  });

  it(`rejects rules nested deeper than ${MAX_RULE_DEPTH} levels without overflowing the stack`, () => {
    let deep: unknown = true;
    for (let i = 0; i < 10_000; i++) deep = { '!': [deep] };
    const err = catchError(() => compileLogic(deep));
    expect(err).toMatchObject({ code: 'invalid_rule' });
    expect((err as Error).message).toMatch(/nested more than 200 levels/);

    let ok: unknown = true;
    for (let i = 0; i < 150; i++) ok = { '!': [ok] };
    expect(compileLogic(ok)(null)).toBe(true);
  });

  it('rejects cyclic rules', () => {
    const rule: Record<string, unknown[]> = { and: [] };
    rule.and?.push(rule);
    expect(catchError(() => compileLogic(rule))).toMatchObject({ code: 'invalid_rule' });
  });
});

// Deliberate divergence: json-logic-js walks the prototype chain for these keys.
describe('var does not read __proto__ or constructor from the prototype chain', () => {
  it.each([
    [{ var: 'constructor' }, {}, null],
    [{ var: ['__proto__', 'd'] }, {}, 'd'],
    [{ var: 'a.constructor.name' }, { a: 'str' }, null],
    [{ var: 'xs.__proto__' }, { xs: [] }, null],
    [{ missing: ['constructor'] }, {}, ['constructor']],
  ])('%j on %j gives %j', (rule, data, expected) => {
    expect(compileLogic(rule)(data)).toStrictEqual(expected);
    expect(reference(rule, data)).not.toStrictEqual(expected);
  });

  it('still reads them when they are own data properties', () => {
    const data = JSON.parse('{"__proto__": 5, "constructor": {"x": 1}}');
    expect(compileLogic({ var: '__proto__' })(data)).toBe(5);
    expect(compileLogic({ var: 'constructor.x' })(data)).toBe(1);
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected a throw');
}
