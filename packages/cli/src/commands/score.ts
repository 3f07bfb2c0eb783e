import type { FieldCatalogue } from '@qualify/rules';
import { type Command, UsageError } from '../command.ts';
import { readWorkflow } from '../files.ts';
import { columnsOf, compileSqlOrReport, MAPPING_HELP, MAPPING_OPTIONS, nowOf } from '../sql/options.ts';
import { scoreFile } from '../sql/score-duckdb.ts';
import { scoreTable } from '../sql/score-postgres.ts';

export const scoreCommand: Command = {
  name: 'score',
  summary: 'Score a PostgreSQL table, or a CSV or Parquet file through DuckDB, inside the database.',
  usage:
    'score <workflow.json> (--db <url> --table <name> --out-table <name> | --file <leads.csv|.parquet> --out <decisions.csv|.parquet>) [--column <path>=<column>]... [--now <time>]',
  help: `Runs the workflow's SQL (qualify sql) where the leads are, with the decisions the runtime makes:
a PostgreSQL table into a new table, or a CSV or Parquet file through embedded DuckDB into a CSV or
Parquet file. A CSV is read as text, a blank cell missing. Each field is read from the column --column
names, else the one named as its path with _ for . (company.size → company_size), else the column the
batch endpoint would match to it by name; a field without a column is missing for every lead.

Options:
  --db <url>                a PostgreSQL connection URL (postgres://user@host:5432/db)
  --table <name>            the leads table or view in it (schema.table or table)
  --out-table <name>        the table the decisions are written to (created; it must not exist)
  --file <file>             a .csv or .parquet file of leads, scored with DuckDB
  --out <file>              the .csv or .parquet file the decisions are written to
${MAPPING_HELP}; default: now

Exit code: 0 when scored, 1 when the workflow has errors or uses something SQL cannot compute exactly
as the runtime does, 2 when an option is wrong, a file cannot be read or the database refuses.`,
  options: {
    db: { type: 'string' },
    table: { type: 'string' },
    'out-table': { type: 'string' },
    file: { type: 'string' },
    out: { type: 'string' },
    ...MAPPING_OPTIONS,
  },
  args: { min: 1, max: 1 },
  async run([path], options, io) {
    const now = nowOf(options.now) ?? Date.now();
    const file = options.file as string | undefined;
    const db = options.db as string | undefined;
    if ((file === undefined) === (db === undefined)) throw new UsageError('Give either --file or --db.');
    const doc = await readWorkflow(path!);
    const fields = (Array.isArray(doc.fields) ? doc.fields : []) as FieldCatalogue;
    const given = columnsOf(options.column, fields);
    const givenId = options.id as string | undefined;
    const compileFor =
      (dialect: 'postgres' | 'duckdb') =>
      (table: string, columns: Record<string, string | null>, idColumn: string | null) =>
        compileSqlOrReport(path!, doc, { dialect, table, columns, now, idColumn }, io.err);
    let tally: Record<string, number> | null;
    let where: string;
    if (file !== undefined) {
      const out = options.out as string | undefined;
      if (!out) throw new UsageError('--file needs --out <decisions.csv|.parquet>.');
      tally = await scoreFile(file, out, fields, compileFor('duckdb'), given, givenId);
      where = out;
    } else {
      const [table, outTable] = [
        options.table as string | undefined,
        options['out-table'] as string | undefined,
      ];
      if (!table || !outTable) throw new UsageError('--db needs --table <name> and --out-table <name>.');
      tally = await scoreTable(db!, table, outTable, fields, compileFor('postgres'), given, givenId);
      where = outTable;
    }
    if (!tally) return 1;
    const total = Object.values(tally).reduce((a, b) => a + b, 0);
    const parts = Object.entries(tally).map(([k, n]) => `${n} ${k}`);
    io.err(`Scored ${total} leads into ${where}: ${parts.join(', ')}.\n`);
    return 0;
  },
};
