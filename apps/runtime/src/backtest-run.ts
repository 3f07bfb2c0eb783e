import {
  Backtest,
  type ColumnMapping,
  type DataIssue,
  isConverted,
  makeNormalizer,
  type Normalizer,
} from '@qualify/rules';
import { compileMapping } from './backtest-mapping.ts';
import type { BacktestPlan } from './backtest-plan.ts';
import { ChunkedSweep } from './backtest-sweep.ts';
import type { RowValues } from './backtest-upload.ts';

/** Samples of bad rows and of rows with data issues list at most this many lines (the contract's). */
const SAMPLE = 100;
const PROGRESS_EVERY = 1000;

type SweepWorkflow = ConstructorParameters<typeof ChunkedSweep>[0];

const isMissing = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * One backtest as the upload streams through it: each row is evaluated by every version at once
 * (`Backtest.add`), counted, and forgotten; only sums, samples and a sweep chunk stay in memory.
 * `add` answers the NDJSON lines the row adds to the answer (progress, `row`), `result` the last one.
 */
export class BacktestRun {
  private readonly backtest: Backtest;
  private readonly normalizers: Normalizer[];
  private readonly sweep: ChunkedSweep | null;
  private toLead: (values: RowValues) => Record<string, unknown> = () => ({});
  private read = 0;
  private evaluated = 0;
  private readonly badRows = { count: 0, sample: [] as { line: number; error: string }[] };
  private readonly dataIssues = { count: 0, sample: [] as { line: number; issues: DataIssue[] }[] };

  constructor(private readonly plan: BacktestPlan) {
    const now = plan.now;
    this.backtest = new Backtest(
      plan.versions.map((v) => ({ name: v.name, workflow: v.prepared })),
      { now },
    );
    // Versions usually share their catalogue: one normaliser then finds the issues for all of them.
    const byFields = new Map<string, Normalizer>();
    for (const v of plan.versions) {
      const fields = v.prepared.artifact.fields;
      const key = JSON.stringify(fields);
      if (!byFields.has(key)) byFields.set(key, makeNormalizer(fields));
    }
    this.normalizers = [...byFields.values()];
    const last = plan.versions.at(-1)!.workflow as unknown as SweepWorkflow;
    this.sweep = plan.sweep ? new ChunkedSweep(last, plan.sweep, now) : null;
  }

  useMapping(mapping: ColumnMapping): void {
    this.toLead = compileMapping(mapping);
  }

  /** Rows read so far, evaluated or bad. */
  get rowsRead(): number {
    return this.read;
  }

  /** Takes one row of the upload (or why it cannot be read); answers the lines it adds. */
  add(item: { line: number; values: RowValues } | { line: number; bad: string }): string {
    this.read++;
    let text = 'bad' in item ? this.bad(item.line, item.bad) : this.row(item.line, item.values);
    if (this.read % PROGRESS_EVERY === 0) text += `{"type":"progress","rows":${this.read}}\n`;
    return text;
  }

  private bad(line: number, error: string): string {
    this.badRows.count++;
    if (this.badRows.sample.length < SAMPLE) this.badRows.sample.push({ line, error });
    return '';
  }

  private row(line: number, values: RowValues): string {
    const outcome = values[this.plan.outcome];
    if (isMissing(outcome)) return this.bad(line, `the outcome column "${this.plan.outcome}" is empty`);
    const row = { line, lead: this.toLead(values), converted: isConverted(outcome) };
    const outcomes = this.backtest.add(row);
    this.evaluated++;
    const issues = this.issuesOf(row.lead);
    if (issues.length) {
      this.dataIssues.count++;
      if (this.dataIssues.sample.length < SAMPLE) this.dataIssues.sample.push({ line, issues });
    }
    this.sweep?.add(row);
    if (!this.plan.rows) return '';
    return `${JSON.stringify({ type: 'row', line, converted: row.converted, outcomes })}\n`;
  }

  /**
   * The values the versions' catalogues cannot convert; `decide` treats them as missing but does not
   * report them, so the normaliser runs once more here.
   */
  private issuesOf(lead: unknown): DataIssue[] {
    if (this.normalizers.length === 1) return this.normalizers[0]!(lead).issues;
    const byField = new Map<string, DataIssue>();
    for (const normalize of this.normalizers) {
      for (const issue of normalize(lead).issues) byField.set(`${issue.field}\u0000${issue.code}`, issue);
    }
    return [...byField.values()];
  }

  /** The `result` line; runs the rest of the sweep. */
  result(): string {
    const { versions, changes } = this.backtest.result();
    return `${JSON.stringify({
      type: 'result',
      versions,
      changes,
      rows: this.evaluated,
      badRows: this.badRows,
      dataIssues: this.dataIssues,
      sweep: this.sweep?.result() ?? null,
    })}\n`;
  }
}
