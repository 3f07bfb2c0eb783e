import { type ArtifactField, leadIdReader } from '@qualify/rules';
import { describe, expect, it } from 'vitest';

const marked: ArtifactField[] = [
  { path: 'email', type: 'string' },
  { path: 'crm.prospectId', type: 'string', leadId: true },
];

describe('leadIdReader', () => {
  it.each([
    ['the marked field, case and all, trimmed', { crm: { prospectId: ' AbC-1 ' }, id: 'x' }, 'AbC-1'],
    ['a number as text', { crm: { prospectId: 660737 } }, '660737'],
    ["the lead's id when the marked field is blank", { crm: { prospectId: ' ' }, id: 'x' }, 'x'],
    ["the lead's id when the marked field is absent", { id: 7 }, '7'],
    ['no id from an object', { crm: { prospectId: { a: 1 } } }, null],
    ['no id from a parent that is not an object', { crm: 'Acme' }, null],
    ['no id from an inherited key', JSON.parse('{"__proto__":{"id":"p"}}'), null],
    ['no id from a lead that is not an object', 'lead', null],
    ['at most 200 characters', { crm: { prospectId: 'x'.repeat(300) } }, 'x'.repeat(200)],
  ])('%s', (_, lead, id) => {
    expect(leadIdReader(marked)(lead)).toBe(id);
  });

  it("reads the lead's id when no field is marked", () => {
    expect(leadIdReader([{ path: 'prospectId', type: 'string' }])({ prospectId: 'p', id: 'i' })).toBe('i');
  });
});
