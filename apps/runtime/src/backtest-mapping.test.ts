import { readFileSync } from 'node:fs';
import { type ColumnMapping, type FieldCatalogue, rowToLead, suggestMapping } from '@qualify/rules';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { loadExamples } from '../../../examples/index.ts';
import { compileMapping } from './backtest-mapping.ts';

const csv = readFileSync(new URL('../../../examples/backtest/history.csv', import.meta.url), 'utf8');
const records = (parse(csv, { columns: true }) as Record<string, string>[]).slice(0, 300);
const fields = loadExamples().find((e) => e.name === 'bant-inbound-saas')!.workflow.fields as FieldCatalogue;

describe('compileMapping', () => {
  it('builds the same leads as rowToLead from @qualify/rules', () => {
    const mappings: ColumnMapping[] = [
      suggestMapping(Object.keys(records[0]!), fields),
      // Overlapping, repeated and unsafe paths, and a column the rows lack.
      JSON.parse(
        '{"employees":"company","industry":"company.industry","budget":"company.employees","email":"a.b.c",' +
          '"need":"toString","authority":"x.__proto__.y","timeline":"x.prototype","lead_id":"constructor.z",' +
          '"__proto__":"p","missing":"m","job_title":null,"pricing_views":""}',
      ),
    ];
    for (const mapping of mappings) {
      const toLead = compileMapping(mapping);
      for (const r of records) expect(toLead(r)).toEqual(rowToLead(r, mapping));
    }
    const row = JSON.parse('{"__proto__":"x","need":"high"}');
    expect(compileMapping(mappings[1]!)(row)).toEqual(rowToLead(row, mappings[1]!));
  });
});
