import type { FieldCatalogue } from '@qualify/rules';
import type { Command } from '../command.ts';
import { readWorkflow } from '../files.ts';
import {
  columnsOf,
  compileSqlOrReport,
  dialectOf,
  MAPPING_HELP,
  MAPPING_OPTIONS,
  nowOf,
} from '../sql/options.ts';

export const sqlCommand: Command = {
  name: 'sql',
  summary: 'Print the SQL query that scores a leads table as the runtime would (PostgreSQL or DuckDB).',
  usage:
    'sql --dialect postgres|duckdb <workflow.json> [--table <name>] [--column <path>=<column>]... [--now <time>]',
  help: `Prints one query that returns, for each row of the leads table, the decision the runtime makes for
that lead: lead_id, route_kind, route_target, route_step, stage, prior_stage, stage_kept, fit,
engagement, total, and for each gate on the lead's path "gate.<step>" (passed) and
"gate.<step>.<criterion>" (met, not_met or unknown). Each column is read as text and normalised as
the runtime normalises a lead (docs/sql.md). Without --now, a workflow that reads the time takes it
as parameter $1, in epoch milliseconds.

Options:
  --dialect <name>          postgres or duckdb
  --table <name>            the leads table or view as SQL names it (default: leads)
${MAPPING_HELP}

Exit code: 0 when printed, 1 when the workflow has errors or uses something SQL cannot compute
exactly as the runtime does (the step is named on stderr), 2 when an option is wrong.`,
  options: { dialect: { type: 'string' }, table: { type: 'string' }, ...MAPPING_OPTIONS },
  args: { min: 1, max: 1 },
  async run([path], options, io) {
    const dialect = dialectOf(options.dialect);
    const now = nowOf(options.now);
    const doc = await readWorkflow(path!);
    const fields = (Array.isArray(doc.fields) ? doc.fields : []) as FieldCatalogue;
    const query = compileSqlOrReport(
      path!,
      doc,
      {
        dialect,
        table: (options.table as string | undefined) ?? 'leads',
        columns: columnsOf(options.column, fields),
        ...(options.id ? { idColumn: options.id as string } : {}),
        ...(now === undefined ? {} : { now }),
      },
      io.err,
    );
    if (!query) return 1;
    await io.out(`${query.sql};\n`);
    return 0;
  },
};
