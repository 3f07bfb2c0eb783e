import { describe, expect, it } from 'vitest';
import { compare as c } from '../conditions/schema.ts';
import { conditionText } from '../conditions/text.ts';
import { choiceLabel, type Field, FieldSchema, humanizeChoice } from './fields.ts';

const authority: Field = {
  path: 'authority',
  label: 'Authority',
  type: 'enum',
  category: 'conversation',
  values: ['decision_maker', 'budget_holder', 'none', 'SaaS'],
};

describe('choice labels', () => {
  it("reads identifiers as words and leaves a team's own spelling alone", () => {
    expect(humanizeChoice('decision_maker')).toBe('Decision maker');
    expect(humanizeChoice('c-level')).toBe('C level');
    expect(humanizeChoice('high')).toBe('High');
    expect(humanizeChoice('SaaS')).toBe('SaaS');
    expect(humanizeChoice('DE')).toBe('DE');
    expect(humanizeChoice('Enterprise AE')).toBe('Enterprise AE');
  });

  it("prefers the catalogue's label, and only labels choice fields", () => {
    const labelled = { ...authority, valueLabels: { none: 'No authority' } };
    expect(choiceLabel(labelled, 'none')).toBe('No authority');
    expect(choiceLabel(labelled, 'budget_holder')).toBe('Budget holder');
    expect(choiceLabel({ type: 'string' }, 'decision_maker')).toBe('decision_maker');
    expect(choiceLabel(undefined, 'decision_maker')).toBe('decision_maker');
  });

  it('keeps a catalogue without labels valid and reads labels in sentences', () => {
    expect(FieldSchema.parse(authority).valueLabels).toBeUndefined();
    const fields = [{ ...authority, valueLabels: { none: 'No authority' } }];
    expect(conditionText(c('authority', 'eq', 'decision_maker'), fields)).toBe('Authority is Decision maker');
    expect(conditionText(c('authority', 'in', ['none', 'SaaS']), fields)).toBe(
      'Authority is one of No authority or SaaS',
    );
  });
});
