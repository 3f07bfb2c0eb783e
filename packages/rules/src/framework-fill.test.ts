import { describe, expect, it } from 'vitest';
import { compare, type Field, frameworkPreset, matchCriteria, positiveValues, validate } from './index.ts';

const f = (path: string, label: string, type: Field['type'], values?: string[]): Field => ({
  path,
  label,
  type,
  category: 'conversation',
  ...(values ? { values } : {}),
});

const BANT_FIELDS: Field[] = [
  f('email', 'E-mail', 'string'),
  f('budget', 'Budget (EUR)', 'number'),
  f('authority', 'Authority', 'enum', ['decision_maker', 'influencer', 'user']),
  f('need', 'Need', 'enum', ['high', 'medium', 'low', 'none']),
  f('timeline', 'Timeline', 'enum', ['this_quarter', 'next_quarter', 'this_year', 'later']),
];

describe('framework presets filled from the catalogue', () => {
  it('fills BANT with one sensible condition per field type', () => {
    const preset = frameworkPreset('BANT', BANT_FIELDS);
    expect(preset.criteria.map((c) => c.condition)).toEqual([
      compare('budget', 'gte', 1),
      compare('authority', 'in', ['decision_maker', 'influencer']),
      compare('need', 'in', ['high', 'medium']),
      compare('timeline', 'in', ['this_quarter', 'next_quarter']),
    ]);
  });

  it('reads synonyms only where no criterion claims the field by name, each field once', () => {
    const fields = [
      f('role', 'Role in the purchase', 'enum', ['signs', 'recommends', 'uses']),
      ...BANT_FIELDS,
    ];
    // ANUM: Money reads budget, Urgency reads timeline; Authority prefers its own field over `role`.
    expect(
      matchCriteria(['Authority', 'Need', 'Urgency', 'Money'], fields).map((m) => m.field?.path),
    ).toEqual(['authority', 'need', 'timeline', 'budget']);
    // GPCTBA/C&I: Challenges falls back to `need`; Budget keeps `budget` from being read twice.
    expect(
      matchCriteria(['Challenges', 'Budget', 'Money'], fields).map((m) => m.field?.path ?? null),
    ).toEqual(['need', 'budget', null]);
  });

  it('matches nested paths and labels, and leaves criteria without a field empty', () => {
    const fields = [
      f('deal.metrics', 'Success metrics agreed', 'boolean'),
      f('deal.pain', 'Pain identified', 'boolean'),
      f('notes', 'Champion', 'string'),
    ];
    const preset = frameworkPreset('MEDDIC', fields);
    const byLabel = Object.fromEntries(preset.criteria.map((c) => [c.label, c.condition]));
    expect(byLabel.Metrics).toEqual(compare('deal.metrics', 'eq', true));
    expect(byLabel['Identify pain']).toEqual(compare('deal.pain', 'eq', true));
    expect(byLabel.Champion).toEqual(compare('notes', 'present'));
    expect(byLabel['Decision process']).toEqual({ type: 'group', match: 'all', conditions: [] });
  });

  it('a filled preset validates; without a catalogue it still starts empty', () => {
    const doc = (data: unknown) => ({
      schemaVersion: 1,
      id: 'w',
      name: 'w',
      description: '',
      fields: BANT_FIELDS,
      nodes: [
        { id: 's', kind: 'start', label: 'Lead arrives', position: { x: 0, y: 0 }, data: {} },
        { id: 'g', kind: 'gate', label: 'BANT', position: { x: 0, y: 0 }, data },
        {
          id: 'a',
          kind: 'route',
          label: 'Sales',
          position: { x: 0, y: 0 },
          data: { to: 'sales', target: 'SDR' },
        },
      ],
      edges: [
        { id: 'e1', from: 's', port: 'next', to: 'g' },
        { id: 'e2', from: 'g', port: 'pass', to: 'a' },
        { id: 'e3', from: 'g', port: 'fail', to: 'a' },
      ],
      testCases: [],
    });
    const codes = (data: unknown) =>
      validate(doc(data) as never)
        .filter((i) => i.nodeId === 'g')
        .map((i) => i.code);
    expect(codes(frameworkPreset('BANT', BANT_FIELDS))).toEqual([]);
    expect(codes(frameworkPreset('BANT'))).toContain('empty_condition');
  });

  it('positive values: the better half, best first, never a negative answer', () => {
    expect(positiveValues(['none', 'low', 'medium', 'high'])).toEqual(['high', 'medium']);
    expect(positiveValues(['top', 'high', 'medium', 'low'])).toEqual(['top', 'high']);
    expect(positiveValues(['yes', 'no'])).toEqual(['yes']);
    expect(positiveValues(['no', 'unknown'])).toEqual([]);
  });
});
