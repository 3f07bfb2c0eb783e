import { compileMapping, isConverted, MAX_EVENTS, rowToLead, suggestMapping } from '@qualify/rules';
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
    expect(lead).toEqual({ lead: { company: { employees: '40' }, jobTitle: 'CEO' } });
    expect(({} as Record<string, unknown>).y).toBeUndefined();
    // A later column overwrites a scalar parent with an object rather than failing.
    expect(compileMapping({ a: 'company', b: 'company.size' })({ a: 'acme', b: '9' })).toEqual({
      lead: { company: { size: '9' } },
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

describe("an upload's events column", () => {
  const view = { type: 'page_view', url: '/pricing', at: '2026-03-01T09:00:00Z' };

  it('is matched by name to the lead’s events list, unless fields live under events', () => {
    expect({ ...suggestMapping(['jobtitle', ' Events '], fields) }).toEqual({
      jobtitle: 'jobTitle',
      ' Events ': 'events',
    });
    const counts = [
      { path: 'events.webinar', label: 'Webinars', type: 'number' as const, category: 'engagement' as const },
    ];
    expect(suggestMapping(['events', 'webinar'], counts)).toEqual({
      events: null,
      webinar: 'events.webinar',
    });
  });

  it('holds JSON text, parsed; a list already parsed (NDJSON) is kept; a blank cell leaves the list out', () => {
    const toLead = compileMapping({ title: 'jobTitle', activity: 'events' });
    expect(toLead({ title: 'CEO', activity: JSON.stringify([view]) })).toEqual({
      lead: { jobTitle: 'CEO', events: [view] },
    });
    expect(toLead({ activity: [view] })).toEqual({ lead: { events: [view] } });
    expect(toLead({ title: 'CEO' })).toEqual({ lead: { jobTitle: 'CEO' } });
  });

  it('makes a cell that is not JSON, or a list over the limit, the row’s problem', () => {
    const toLead = compileMapping({ activity: 'events' });
    expect(toLead({ activity: '[{"type":' })).toEqual({
      problem: {
        code: 'events_unreadable',
        message: expect.stringMatching(
          /^The events in column "activity" are not JSON \(.+\)\. Write them as a JSON list/,
        ),
      },
    });
    const many = JSON.stringify(Array.from({ length: MAX_EVENTS + 1 }, () => view));
    expect(toLead({ activity: many })).toEqual({
      problem: {
        code: 'too_many_events',
        events: 1001,
        message: expect.stringContaining('carries 1,001 events'),
      },
    });
    expect(() => rowToLead({ activity: 'x' }, { activity: 'events' })).toThrow(/not JSON/);
  });
});
