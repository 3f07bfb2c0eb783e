import { all, type Field } from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import { parsePastedRules } from './paste-rules.ts';
import { appendRules, moveRule } from './rule-edits.ts';

const FIELDS: Field[] = [
  { path: 'company.employees', label: 'Company size', type: 'number', category: 'fit' },
  { path: 'jobTitle', label: 'Job title', type: 'string', category: 'fit' },
  {
    path: 'authority',
    label: 'Authority',
    type: 'enum',
    category: 'conversation',
    values: ['decision_maker', 'none'],
  },
  { path: 'activity.demoRequested', label: 'Demo requested', type: 'boolean', category: 'engagement' },
] as Field[];

describe('parsePastedRules', () => {
  it.each([
    [
      'Big company\t20\tcompany.employees\t>=\t1,000',
      { type: 'compare', field: 'company.employees', op: 'gte', value: 1000 },
    ],
    [
      'Mid size\t10\tCompany size\tis between\t50 to 200',
      { type: 'compare', field: 'company.employees', op: 'between', value: [50, 200] },
    ],
    [
      'Decider\t15\tauthority\tis one of\tdecision_maker',
      { type: 'compare', field: 'authority', op: 'in', value: ['decision_maker'] },
    ],
    [
      'Demo\t+25\tDemo requested\tis\tyes',
      { type: 'compare', field: 'activity.demoRequested', op: 'eq', value: true },
    ],
    ['Has title\t5\tjobTitle\tis known\t', { type: 'compare', field: 'jobTitle', op: 'present' }],
    ['Everyone\t−5', { type: 'group', match: 'all', conditions: [] }],
  ])('reads %j', (row, condition) => {
    const out = parsePastedRules(row, FIELDS);
    expect(out.rejected).toEqual([]);
    expect(out.rules).toHaveLength(1);
    expect(out.rules[0]!.condition).toEqual(condition);
  });

  it.each([
    ['Oops\tten', 'points "ten" are not a whole number'],
    ['\t10', 'the label is empty'],
    ['Huge\t5000', 'points 5000 are outside −1000 to 1000'],
    ['Nope\t10\tbudget\t>=\t5', 'no field "budget" in the catalogue'],
    ['Bad op\t10\tjobTitle\t>=\t5', '">=" is not an operator for Job title'],
    ['Bad value\t10\tcompany.employees\t>=\tmany', 'Company size is at least needs a number, not "many"'],
    ['Orphan\t10\t\t>=\t5', 'an operator or value needs a field'],
    ['Long\t1\tjobTitle\tis known\t\textra', 'more cells than the 5 columns'],
  ])('rejects %j', (row, reason) => {
    const out = parsePastedRules(row, FIELDS);
    expect(out.rules).toEqual([]);
    expect(out.rejected).toHaveLength(1);
    expect(out.rejected[0]!.reason).toContain(reason);
  });

  it('takes a header row for the column order and reports rows by their line', () => {
    const text = 'Points\tLabel\n20\tDemo\n\nfive\tBad\n-3\tStudent\n';
    const out = parsePastedRules(text, FIELDS);
    expect(out.header).toBe(true);
    expect(out.columns).toEqual(['points', 'label']);
    expect(out.rules.map((r) => [r.label, r.points])).toEqual([
      ['Demo', 20],
      ['Student', -3],
    ]);
    expect(out.rejected).toEqual([
      { line: 4, text: 'five · Bad', reason: 'points "five" are not a whole number' },
    ]);
  });
});

describe('rule edits', () => {
  const rules = ['a', 'b', 'c'].map((id) => ({
    id,
    label: id,
    points: 1,
    condition: all(),
  }));
  it('moves a rule and clamps at the ends', () => {
    expect(moveRule(rules, 0, 2).map((r) => r.id)).toEqual(['b', 'c', 'a']);
    expect(moveRule(rules, 2, -1).map((r) => r.id)).toEqual(['c', 'a', 'b']);
    expect(moveRule(rules, 1, 1)).toBe(rules);
  });
  it('appends rules with ids unique in the table', () => {
    const next = appendRules(
      [{ ...rules[0]!, id: 'rule-1' }],
      [{ label: 'x', points: 2, condition: rules[0]!.condition }],
    );
    expect(next.map((r) => r.id)).toEqual(['rule-1', 'rule-2']);
  });
});
