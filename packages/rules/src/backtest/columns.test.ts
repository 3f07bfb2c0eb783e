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
