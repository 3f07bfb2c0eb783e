import { compileMapping, isConverted, suggestMapping } from '@qualify/rules';
import { describe, expect, it } from 'vitest';

const fields = [
  { path: 'company.employees', label: 'Employees', type: 'number' as const, category: 'fit' as const },
  { path: 'jobTitle', label: 'Job title', type: 'string' as const, category: 'fit' as const },
  {
    path: 'activity.lastVisit',
    label: 'Last website visit',
    type: 'date' as const,
    category: 'engagement' as const,
  },
];

describe('column mapping', () => {
  it('matches columns by path, label or last path segment, ignoring case and punctuation', () => {
    expect({ ...suggestMapping(['Company.Employees', 'job_title', 'LAST VISIT', 'other'], fields) }).toEqual({
      'Company.Employees': 'company.employees',
      job_title: 'jobTitle',
      'LAST VISIT': 'activity.lastVisit',
      other: null,
    });
    expect({ ...suggestMapping(['Last website visit', 'lastVisit'], fields) }).toEqual({
      'Last website visit': 'activity.lastVisit',
      lastVisit: null,
    });
  });

  it('keeps a column named __proto__ as a column', () => {
    const mapping = suggestMapping(JSON.parse('["__proto__","jobtitle"]'), fields);
    expect(Object.keys(mapping)).toEqual(['__proto__', 'jobtitle']);
    expect(mapping.jobtitle).toBe('jobTitle');
  });

  it('builds nested leads and never walks into names every object has', () => {
    const toLead = compileMapping(
      JSON.parse(
        '{"employees":"company.employees","title":"jobTitle","a":"x.__proto__.y","b":"toString","c":"x.prototype","d":null}',
      ),
    );
    const lead = toLead(JSON.parse('{"employees":"40","title":"CEO","a":1,"b":2,"c":3,"d":4,"__proto__":5}'));
    expect(lead).toEqual({ company: { employees: '40' }, jobTitle: 'CEO' });
    expect(({} as Record<string, unknown>).y).toBeUndefined();
    // A later column overwrites a scalar parent with an object rather than failing.
    expect(compileMapping({ a: 'company', b: 'company.size' })({ a: 'acme', b: '9' })).toEqual({
      company: { size: '9' },
    });
  });

  it.each([
    ['won', true],
    ['Closed Won', true],
    [' YES ', true],
    [1, true],
    [true, true],
    ['lost', false],
    ['0', false],
    ['', false],
    [null, false],
  ])('reads outcome %j as converted: %s', (value, want) => {
    expect(isConverted(value)).toBe(want);
  });
});

describe('the documented header rule (docs/api-contract.md, "Reading uploads")', () => {
  const catalogue = [
    { path: 'company.size', label: 'Company size', type: 'number' as const, category: 'fit' as const },
    { path: 'jobTitle', label: 'Poste occupé', type: 'string' as const, category: 'fit' as const },
    { path: 'lead.source', label: 'Lead Source', type: 'string' as const, category: 'fit' as const },
    { path: 'country', label: 'Страна', type: 'string' as const, category: 'fit' as const },
  ];
  it.each([
    // A header's key is its letters and digits, of any script, lower-cased.
    ['company_size', 'company.size'],
    ['COMPANY.SIZE', 'company.size'],
    [' Company-Size ', 'company.size'],
    ['Poste occupé', 'jobTitle'],
    ['POSTE_OCCUPÉ', 'jobTitle'],
    ['Lead Source', 'lead.source'],
    ['страна', 'country'],
    // Then the last segment of the path.
    ['size', 'company.size'],
    ['source', 'lead.source'],
    // Letters count, so accents and other scripts are not dropped: these name nothing.
    ['Poste occupe', null],
    ['Город', null],
    // A header with no letter or digit matches nothing (it used to match any label without Latin letters).
    ['—', null],
    ['', null],
  ])('%j feeds %s', (header, want) => {
    expect(suggestMapping([header], catalogue)[header]).toBe(want);
  });

  it('takes path matches first, then labels, then last segments; each field once, headers in file order', () => {
    const fields = [
      { path: 'size', label: 'Headcount', type: 'number' as const, category: 'fit' as const },
      { path: 'company.size', label: 'Company size', type: 'number' as const, category: 'fit' as const },
    ];
    // "headcount" (a label) is seen before "size" (a path) in the file, but paths go first.
    expect({ ...suggestMapping(['Headcount', 'SIZE', 'Size', 'company size'], fields) }).toEqual({
      Headcount: null,
      SIZE: 'size',
      Size: null,
      'company size': 'company.size',
    });
  });

  it('reads the catalogue a fixed number of times however many headers there are', () => {
    let reads = 0;
    const counted = catalogue.map((f) => {
      const o = {} as typeof f;
      for (const [k, v] of Object.entries(f)) {
        Object.defineProperty(o, k, {
          enumerable: true,
          get: () => {
            reads++;
            return v;
          },
        });
      }
      return o;
    });
    const readsFor = (n: number) => {
      reads = 0;
      const headers = Array.from({ length: n }, (_, i) => `column ${i}`);
      headers.push('Lead Source');
      const mapping = suggestMapping(headers, counted);
      expect(mapping['Lead Source']).toBe('lead.source');
      expect(mapping['column 0']).toBeNull();
      return reads;
    };
    expect(readsFor(10_000)).toBe(readsFor(10));
  });
});
