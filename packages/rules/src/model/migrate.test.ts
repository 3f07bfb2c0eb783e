import { readFileSync } from 'node:fs';
import { compile, migrateWorkflow, SCHEMA_VERSION, validate } from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import { compare as c } from '../conditions/schema.ts';
import { around } from '../testing/build.ts';

/** A document as version 1 stored it: no values that mean missing. */
const version1 = () => {
  const { missingValues: _, ...doc } = around('condition', { condition: c('title', 'present') });
  return { ...doc, schemaVersion: 1 };
};

describe('migrateWorkflow', () => {
  it('brings a version 1 document to the current version, with no values that mean missing', () => {
    const migrated = migrateWorkflow(version1()) as Record<string, unknown>;
    expect(migrated.schemaVersion).toBe(SCHEMA_VERSION);
    expect(migrated.missingValues).toEqual([]);
    expect(validate(version1())).toEqual([]);
  });

  it('keeps a version 1 document deciding as it did: "Select" is still an answer there', () => {
    const old = compile(version1());
    const current = compile({ ...version1(), schemaVersion: SCHEMA_VERSION });
    expect(old.fields.find((f) => f.path === 'title')?.missing).toBeUndefined();
    expect(current.fields.find((f) => f.path === 'title')?.missing).toContain('select');
  });

  it.each([
    ['the current version', { schemaVersion: SCHEMA_VERSION, missingValues: ['x'] }],
    ['a newer version', { schemaVersion: SCHEMA_VERSION + 1 }],
    ['an unknown version', { schemaVersion: 0 }],
    ['no version', { id: 'x' }],
    ['not an object', 'workflow'],
    ['null', null],
    ['an array', [{ schemaVersion: 1 }]],
  ])('leaves %s as it is', (_, doc) => {
    expect(migrateWorkflow(doc)).toBe(doc);
  });

  it('reads the stored version 1 example (Olist) without a change in its catalogue', () => {
    const url = new URL('../../../../examples/olist/olist-mql.workflow.json', import.meta.url);
    const olist = JSON.parse(readFileSync(url, 'utf8'));
    expect(olist.schemaVersion).toBe(1);
    expect(validate(olist).filter((i) => i.severity === 'error')).toEqual([]);
    // Olist's "unknown" origin stays an origin of its own.
    expect(compile(olist).fields.every((f) => f.missing === undefined)).toBe(true);
  });
});
