import { type ArtifactField, compare as c, type DataIssue, makeNormalizer, validate } from '@qualify/rules';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { around, exitOf, FIELDS, run, workflow } from '../testing/build.ts';

const one = (type: ArtifactField['type'], values?: string[]) =>
  makeNormalizer([values ? { path: 'x', type, values } : { path: 'x', type }]);

/** `[description, raw value, normalised value or undefined (missing), data issue code or null]` */
type Row = [description: string, raw: unknown, value: unknown, issue: DataIssue['code'] | null];

const table: Record<string, [ArtifactField['type'], Row[], string[]?]> = {
  number: [
    'number',
    [
      ['a number', 42, 42, null],
      ['zero', 0, 0, null],
      ['a numeric string', '50000', 50_000, null],
      ['thousands separators and spaces', ' 1,200 ', 1200, null],
      ['millions', '1,200,000', 1_200_000, null],
      ['underscores', '1_200', 1200, null],
      ['a decimal and a sign', '-3.5', -3.5, null],
      ['an exponent', '1e3', 1000, null],
      ['"50k" is not a number', '50k', undefined, 'wrong_type'],
      ['a misplaced separator', '1,2345', undefined, 'wrong_type'],
      ['a currency sign', '$500', undefined, 'wrong_type'],
      ['NaN', Number.NaN, undefined, 'wrong_type'],
      ['Infinity', Number.POSITIVE_INFINITY, undefined, 'wrong_type'],
      ['a boolean', true, undefined, 'wrong_type'],
      ['an object', { amount: 5 }, undefined, 'wrong_type'],
      ['null is missing, silently', null, undefined, null],
    ],
  ],
  boolean: [
    'boolean',
    [
      ['true', true, true, null],
      ['false', false, false, null],
      ['"yes"', 'yes', true, null],
      ['"true"', 'true', true, null],
      ['" TRUE "', ' TRUE ', true, null],
      ['"y"', 'Y', true, null],
      ['1', 1, true, null],
      ['"1"', '1', true, null],
      ['"no"', 'no', false, null],
      ['"false"', 'False', false, null],
      ['0', 0, false, null],
      ['"0"', '0', false, null],
      ['"maybe"', 'maybe', undefined, 'wrong_type'],
      ['2', 2, undefined, 'wrong_type'],
      ['an array', [true], undefined, 'wrong_type'],
    ],
  ],
  enum: [
    'enum',
    [
      ['the canonical spelling', 'SaaS', 'SaaS', null],
      ['folded to the canonical spelling', ' saas ', 'SaaS', null],
      ['upper case', 'FINTECH', 'FinTech', null],
      ['a number matching a value', 3, '3', null],
      ['an unknown value', 'Banking', undefined, 'not_allowed_value'],
      ['a boolean', true, undefined, 'not_allowed_value'],
      ['blank text is missing, silently', '  ', undefined, null],
    ],
    ['SaaS', 'FinTech', '3'],
  ],
  date: [
    'date',
    [
      ['an ISO time', '2026-01-31T09:00:00Z', Date.parse('2026-01-31T09:00:00Z'), null],
      ['an ISO date', ' 2026-01-31 ', Date.parse('2026-01-31'), null],
      ['epoch milliseconds', 1_767_225_600_000, 1_767_225_600_000, null],
      ['a Date', new Date('2026-01-31T00:00:00Z'), Date.parse('2026-01-31T00:00:00Z'), null],
      ['words', 'last week', undefined, 'unreadable_date'],
      ['an invalid Date', new Date('nope'), undefined, 'unreadable_date'],
      ['NaN', Number.NaN, undefined, 'unreadable_date'],
      ['a boolean', false, undefined, 'unreadable_date'],
    ],
  ],
  string: [
    'string',
    [
      ['text, trimmed and lower-cased', '  VP Sales ', 'vp sales', null],
      ['a number becomes text', 12_345, '12345', null],
      ['blank text is missing, silently', '   ', undefined, null],
      ['a boolean', true, undefined, 'wrong_type'],
      ['an object', { a: 1 }, undefined, 'wrong_type'],
    ],
  ],
  stringList: [
    'stringList',
    [
      ['an array, trimmed and lower-cased', [' Pricing', 'DEMO '], ['pricing', 'demo'], null],
      ['comma-separated text', 'Pricing, demo,webinar', ['pricing', 'demo', 'webinar'], null],
      ['semicolon-separated text', 'a; b', ['a', 'b'], null],
      ['blank items dropped', 'a,, ,b', ['a', 'b'], null],
      ['numbers in the array become text', ['a', 7], ['a', '7'], null],
      ['items that are not text dropped', ['a', null, { b: 1 }, true], ['a'], null],
      ['a number', 7, undefined, 'wrong_type'],
      ['an object', { a: 'b' }, undefined, 'wrong_type'],
    ],
  ],
};

describe('makeNormalizer', () => {
  for (const [name, [type, rows, values]] of Object.entries(table)) {
    describe(name, () => {
      it.each(rows)('%s', (_, raw, value, issue) => {
        const { lead, issues } = one(type, values)({ x: raw });
        expect(lead).toEqual(value === undefined ? {} : { x: value });
        expect(issues.map((i) => [i.field, i.code])).toEqual(issue ? [['x', issue]] : []);
      });
    });
  }

  it('says what it could not read and that it is treated as missing', () => {
    expect(one('number')({ x: '50k' }).issues).toEqual([
      { field: 'x', code: 'wrong_type', message: 'x: "50k" is not a number; treated as missing.' },
    ]);
    expect(one('enum', ['SaaS'])({ x: 'Banking' }).issues[0]?.message).toBe(
      'x: "Banking" is not one of the allowed values; treated as missing.',
    );
  });

  it('reads nested paths, and treats a parent that is not an object as missing', () => {
    const normalize = makeNormalizer([
      { path: 'company.size', type: 'number' },
      { path: 'company.address.country', type: 'string' },
    ]);
    expect(normalize({ company: { size: '120', address: { country: 'DE' } } }).lead).toEqual({
      company: { size: 120, address: { country: 'de' } },
    });
    for (const raw of [{ company: 'Acme' }, { company: { address: null } }, { company: [{ size: 1 }] }]) {
      const { lead, issues } = normalize(raw);
      expect(leaves(lead)).toEqual({});
      expect(issues).toEqual([]);
    }
  });

  it('keeps only catalogue fields', () => {
    const normalize = makeNormalizer([{ path: 'size', type: 'number' }]);
    expect(normalize({ size: 5, other: 'x', nested: { deep: 1 } }).lead).toEqual({ size: 5 });
  });

  it('gives every lead a fresh object', () => {
    const normalize = makeNormalizer([{ path: 'company.size', type: 'number' }]);
    const a = normalize({ company: { size: 1 } }).lead;
    const b = normalize({}).lead;
    expect(a).not.toBe(b);
    expect(leaves(a)).toEqual({ 'company.size': 1 });
    expect(leaves(b)).toEqual({});
  });

  // Bug: evaluate/normalize.ts toNumber checks Number.isFinite for numbers but not for numeric strings,
  // so "1e400" becomes Infinity (and "-1e400" -Infinity) with no data issue, and `gte` on it is met.
  it('treats a numeric string too large for a number as missing ("1e400")', () => {
    expect(one('number')({ x: '1e400' })).toEqual({
      lead: {},
      issues: [
        { field: 'x', code: 'wrong_type', message: 'x: "1e400" is not a number; treated as missing.' },
      ],
    });
  });
});

describe('values that mean missing', () => {
  const PLACEHOLDERS = ['Select', 'N/A', 'unknown', '-', '0'];
  /** `[description, type, raw value, normalised value or undefined (missing), data issue code or null]` */
  const rows: [string, ArtifactField['type'], unknown, unknown, DataIssue['code'] | null][] = [
    ['a placeholder in a text field', 'string', 'Select', undefined, null],
    ['trimmed and in any case', 'string', '  sELECT ', undefined, null],
    ['text that only starts like one is an answer', 'string', 'Selected', 'selected', null],
    ['a number is not compared as text', 'string', 0, '0', null],
    ['a dash in a number field, no longer "not a number"', 'number', '-', undefined, null],
    ['a negative number is still a number', 'number', '-5', -5, null],
    ['a listed sentinel beats its numeric reading', 'number', ' 0 ', undefined, null],
    ['the number itself is not text', 'number', 0, 0, null],
    ['"unknown" in a yes/no field', 'boolean', 'Unknown', undefined, null],
    ['"N/A" in a date field, no longer unreadable', 'date', 'n/a', undefined, null],
    ['a placeholder as the whole list', 'stringList', 'N/A', undefined, null],
    ['list items are answers as they are', 'stringList', ['N/A', 'demo'], ['n/a', 'demo'], null],
    ['"Select" in a choice field, no longer a data issue', 'enum', 'Select', undefined, null],
    ['an allowed value also listed is missing in its canonical spelling', 'enum', 'Unknown', undefined, null],
    ['and in any other', 'enum', ' UNKNOWN', undefined, null],
    ['other values still read', 'enum', 'saas', 'SaaS', null],
    ['other values still checked', 'enum', 'Banking', undefined, 'not_allowed_value'],
  ];
  it.each(rows)('%s', (_, type, raw, value, issue) => {
    const normalize = makeNormalizer([
      { path: 'x', type, missing: PLACEHOLDERS.map((v) => v.toLowerCase()), values: ['SaaS', 'Unknown'] },
    ]);
    const { lead, issues } = normalize({ x: raw });
    expect(lead).toEqual(value === undefined ? {} : { x: value });
    expect(issues.map((i) => [i.field, i.code])).toEqual(issue ? [['x', issue]] : []);
  });

  it('reads a value as before when the field lists nothing', () => {
    expect(one('string')({ x: 'Select' }).lead).toEqual({ x: 'select' });
    expect(one('enum', ['SaaS'])({ x: 'Select' }).issues.map((i) => i.code)).toEqual(['not_allowed_value']);
  });

  it('reads a value as missing exactly when it is text that folds to a listed value, for any type and list', () => {
    // Entries that read as a value of some type ("0", "n", a date) are tested before the converter,
    // the others only when the converter fails; long lists are a Set, short ones inline comparisons.
    const entries = ['Select', 'N/A', '-', '0', '1.5', 'n', 'yes', '2026-01-31', 'a,b', 'SaaS', 'unknown'];
    const filler = Array.from({ length: 20 }, (_, i) => `Not given ${i}`);
    const lists = fc.oneof(
      fc.subarray(entries),
      fc.subarray(entries).map((l) => [...l, ...filler]),
    );
    const variant = (s: string) => fc.constantFrom(s, s.toUpperCase(), ` ${s} `, `${s.toLowerCase()}\t`);
    const raw = fc.oneof(
      fc
        .constantFrom(...entries, ...filler.slice(0, 3), 'Selected', '1,200', 'saas', 'FinTech')
        .chain(variant),
      fc.constantFrom(0, 1.5, true, null, ['N/A', 'b'], new Date(0), '2026-01-31T00:00:00Z'),
    );
    const types = fc.constantFrom(
      ...(['number', 'boolean', 'string', 'enum', 'date', 'stringList'] as const),
    );
    fc.assert(
      fc.property(types, lists, raw, (type, list, value) => {
        const folded = list.map((m) => m.trim().toLowerCase());
        const values = ['SaaS', 'Unknown', '0', 'FinTech'];
        const normalize = makeNormalizer([{ path: 'x', type, values, missing: list }]);
        // The oracle: the normaliser without a list, whose choice allows only what does not mean missing.
        const answers = values.filter((v) => !folded.includes(v.toLowerCase()));
        const plain = makeNormalizer([{ path: 'x', type, values: answers }]);
        const listed = typeof value === 'string' && folded.includes(value.trim().toLowerCase());
        expect(normalize({ x: value })).toEqual(listed ? { lead: {}, issues: [] } : plain({ x: value }));
      }),
      { numRuns: 3000 },
    );
  });

  it('folds the entries of a hand-made artifact too', () => {
    const normalize = makeNormalizer([{ path: 'x', type: 'string', missing: [' N/A '] }]);
    expect(normalize({ x: 'n/a' }).lead).toEqual({});
  });
});

describe('numbers written as text', () => {
  // The rule as first written, kept here as the oracle for the shortcut taken for plain numbers.
  const reference = (raw: string): number | undefined | 'bad' => {
    const s = raw.trim().replace(/(\d)[,_](?=\d{3}\b)/g, '$1');
    if (s === '') return undefined;
    const n = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s) ? Number(s) : Number.NaN;
    return Number.isFinite(n) ? n : 'bad';
  };
  it('read every string of digits, signs, points, separators, exponents and spaces as they always were', () => {
    const normalize = one('number');
    const text = fc.string({ unit: fc.constantFrom(...'0123456789-+.,_e '.split('')), maxLength: 14 });
    const long = fc.string({
      unit: fc.constantFrom(...'0123456789'.split('')),
      minLength: 300,
      maxLength: 400,
    });
    fc.assert(
      fc.property(fc.oneof(text, long), (raw) => {
        const { lead, issues } = normalize({ x: raw });
        const want = reference(raw);
        if (want === 'bad') expect(issues.map((i) => i.code)).toEqual(['wrong_type']);
        else expect([lead.x, issues]).toEqual([want, []]);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('normalisation during evaluation', () => {
  const big = around('condition', { condition: c('size', 'gte', 50) });

  it('reports data issues on the decision and treats the value as missing', () => {
    const d = run(big, { size: '50k', industry: 'Banking', lastVisit: 'yesterday-ish' });
    expect(exitOf(d)).toBe('false');
    expect(d.reasons[0]).toMatch(/not known/);
    expect(d.dataIssues.map((i) => [i.field, i.code])).toEqual([
      ['size', 'wrong_type'],
      ['industry', 'not_allowed_value'],
      ['lastVisit', 'unreadable_date'],
    ]);
  });

  it('reads numeric strings before comparing', () => {
    expect(exitOf(run(big, { size: ' 1,200 ' }))).toBe('true');
    expect(exitOf(run(big, { size: '49' }))).toBe('false');
  });

  it('ignores __proto__ and constructor keys in the lead', () => {
    const lead = JSON.parse('{"__proto__":{"size":99},"constructor":{"prototype":{"size":99}}}');
    const d = run(big, lead);
    expect(d.reasons[0]).toMatch(/not known/);
    expect(d.dataIssues).toEqual([]);
    const normalized = makeNormalizer([{ path: 'size', type: 'number' }])(lead).lead;
    expect(leaves(normalized)).toEqual({});
    expect(Object.hasOwn(normalized, '__proto__')).toBe(false);
    expect(Object.hasOwn(normalized, 'constructor')).toBe(false);
  });

  it('does not pollute the prototype', () => {
    const polluting = workflow(
      [
        { id: 'start', kind: 'start' },
        { id: 'n', kind: 'condition', data: { condition: c('company.country', 'present') } },
        { id: 'r', kind: 'route', data: { to: 'nurture', track: 't' } },
      ],
      [
        ['start', 'next', 'n'],
        ['n', 'true', 'r'],
        ['n', 'false', 'r'],
      ],
    );
    for (const text of [
      '{"__proto__":{"polluted":1}}',
      '{"company":{"__proto__":{"polluted":1},"country":"DE"}}',
      '{"constructor":{"prototype":{"polluted":1}}}',
    ]) {
      run(polluting, JSON.parse(text));
      run(big, JSON.parse(text));
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['an array', [{ size: 100 }]],
    ['a string', '{"size":100}'],
    ['a number', 100],
    ['a boolean', true],
    ['a function', () => ({ size: 100 })],
    ['nested junk', { size: { size: [[{ size: 100 }]] }, company: [null, { country: 1 }] }],
  ])('never throws for %s as the whole lead', (_, lead) => {
    const d = run(big, lead);
    expect(exitOf(d)).toBe('false');
    expect(d.route?.kind).toBe('nurture');
  });

  // The first normaliser wrote a value of field "valueOf.amount" onto Object.prototype.valueOf, and a
  // field named "toString" read as present on every lead. Such names are now refused at both doors.
  it.each(['valueOf.amount', 'toString', 'company.hasOwnProperty'])(
    'refuses a field named like an Object.prototype member ("%s")',
    (path) => {
      const fields = [{ path, label: 'Odd', type: 'number' as const, category: 'fit' as const }];
      const wf = around('condition', { condition: c(path, 'present') }, { fields });
      expect(validate(wf)).toContainEqual(
        expect.objectContaining({ code: 'schema', path: 'fields.0.path', severity: 'error' }),
      );
      expect(() => makeNormalizer([{ path, type: 'number' }])).toThrow(/not a usable field path/);
      expect((Object.prototype.valueOf as unknown as Record<string, unknown>).amount).toBeUndefined();
    },
  );

  it('evaluates the shared catalogue with every type at once', () => {
    const all = makeNormalizer(FIELDS.map((f) => ({ path: f.path, type: f.type, values: f.values })));
    expect(
      all({
        size: '250',
        title: ' CEO ',
        email: 'Ann@Acme.io',
        demo: 'yes',
        industry: 'saas',
        lastVisit: '2026-03-01',
        tags: 'A,B',
        company: { country: 'DE' },
      }),
    ).toEqual({
      lead: {
        size: 250,
        title: 'ceo',
        email: 'ann@acme.io',
        demo: true,
        industry: 'SaaS',
        lastVisit: Date.parse('2026-03-01'),
        tags: ['a', 'b'],
        company: { country: 'de' },
      },
      issues: [],
    });
  });
});

/** The converted values of a normalised lead by dotted path; empty parent objects do not count. */
function leaves(lead: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(lead)) {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      Object.assign(out, leaves(v as Record<string, unknown>, `${prefix}${k}.`));
    } else out[`${prefix}${k}`] = v;
  }
  return out;
}

describe('an enum field read from a number', () => {
  const normalize = makeNormalizer([{ path: 'tier', type: 'enum', values: ['1', 'NaN', 'Infinity'] }]);

  it('takes a finite number by its text, and refuses NaN and infinities as docs/artifact.md says', () => {
    expect(normalize({ tier: 1 }).lead.tier).toBe('1');
    expect(normalize({ tier: Number.NaN }).issues).toEqual([
      expect.objectContaining({ code: 'not_allowed_value' }),
    ]);
    expect(normalize({ tier: Number.POSITIVE_INFINITY }).issues).toHaveLength(1);
  });
});
