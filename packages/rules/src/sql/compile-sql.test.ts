import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkflowInvalidError } from '../compile/compile-workflow.ts';
import { compileSql, SqlRefusedError } from './index.ts';

// What SQL cannot compute as the runtime does is refused, naming the step; the decisions themselves
// are compared with the runtime's in packages/cli/src/sql/differential.test.ts.
const bant = () =>
  JSON.parse(
    readFileSync(join(import.meta.dirname, '../../../../examples/bant-inbound-saas.workflow.json'), 'utf8'),
  );

const refusal = (workflow: unknown) => {
  try {
    compileSql(workflow, { dialect: 'postgres', table: 'leads' });
  } catch (e) {
    if (e instanceof SqlRefusedError) return e.message;
    throw e;
  }
  return null;
};

describe('compileSql', () => {
  it('compiles the example to one query for each dialect, reading the time as $1 only where the workflow does', () => {
    for (const dialect of ['postgres', 'duckdb'] as const) {
      const q = compileSql(bant(), { dialect, table: 'leads' });
      expect(q.sql.startsWith('WITH ')).toBe(true);
      expect(q.params).toEqual(['now']);
      expect(q.columns).toContain('gate.bant.timeline');
      expect(compileSql(bant(), { dialect, table: 'leads', now: 0 }).params).toEqual([]);
    }
  });

  it('reads a field from the column the mapping names, else from the path with _ for .', () => {
    const q = compileSql(bant(), { dialect: 'postgres', table: 'leads', columns: { jobTitle: 'title' } });
    expect(q.sql).toContain('CAST("title" AS text)');
    expect(q.sql).toContain('CAST("company_employees" AS text)');
  });

  it('refuses an events condition, naming the step', () => {
    const w = bant();
    w.events = { properties: [{ path: 'type', label: 'Type', type: 'string' }] };
    const fit = w.nodes.find((n: { id: string }) => n.id === 'engagement');
    fit.data.rules[0].condition = {
      type: 'events',
      where: { type: 'compare', field: 'type', op: 'eq', value: 'page_view' },
      count: { op: 'gte', value: 3 },
    };
    expect(refusal(w)).toMatch(/^step "engagement" \(score\): .*events/);
  });

  it('refuses text compared with a Greek sigma, which JavaScript and SQL lower-case differently', () => {
    const w = bant();
    const check = w.nodes.find((n: { kind: string }) => n.kind === 'condition');
    check.data.condition = { type: 'compare', field: 'jobTitle', op: 'contains', value: 'ΣΑΣ' };
    expect(refusal(w)).toMatch(new RegExp(`^step "${check.id}" \\(condition\\).*sigma`));
  });

  it('refuses a workflow with errors as compile does', () => {
    const w = bant();
    w.edges = [];
    expect(() => compileSql(w, { dialect: 'duckdb', table: 'leads' })).toThrow(WorkflowInvalidError);
  });
});
