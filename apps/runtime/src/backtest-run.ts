import {
  Backtest,
  type ColumnMapping,
  compileMapping,
  type DataIssue,
  isConverted,
  type Outcome,
  type RowLead,
  ThresholdSweep,
} from '@qualify/rules';
import type { BacktestPlan } from './backtest-plan.ts';
import type { RowTimes } from './backtest-time.ts';
import type { RowValues } from './backtest-upload.ts';
import { type BatchError, lineProblem } from './batch/items.ts';

/** Samples of bad rows and of rows with data issues list at most this many lines (the contract's). */
const SAMPLE = 100;
const PROGRESS_EVERY = 1000;

type SweepWorkflow = ConstructorParameters<typeof ThresholdSweep>[0];

const isMissing = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * One backtest as the upload streams through it: each row is evaluated by every version at once
 * (`Backtest.add`), counted, and forgotten; only sums, samples and a sweep chunk stay in memory.
 * `add` answers the NDJSON lines the row adds to the answer (progress, `row`), `result` the last one.
 */
export class BacktestRun {
  private readonly backtest: Backtest;
  private readonly sweep: ThresholdSweep | null;
  private toLead: (values: RowValues) => RowLead = () => ({ lead: {} });
  /** The header the outcome is read from: `plan.outcome` as the upload spells it. */
  private outcome: string;
  private times: RowTimes | null = null;
  private read = 0;
  private evaluated = 0;
  private readonly badRows = { count: 0, sample: [] as { line: number; code: string; error: string }[] };
  private readonly dataIssues = { count: 0, sample: [] as { line: number; issues: DataIssue[] }[] };

  constructor(private readonly plan: BacktestPlan) {
    this.outcome = plan.outcome;
    // Every row carries its own time (`RowTimes`), so the sweep sees the same times as the versions.
    this.backtest = new Backtest(plan.versions.map((v) => ({ name: v.name, workflow: v.prepared })));
    const last = plan.versions.at(-1)!.workflow as unknown as SweepWorkflow;
    this.sweep = plan.sweep ? new ThresholdSweep(last, plan.sweep) : null;
  }

  useMapping(mapping: ColumnMapping): void {
    this.toLead = compileMapping(mapping);
  }

  useOutcome(column: string): void {
    this.outcome = column;
  }

  /** Sets when rows are evaluated; needed before the first row. */
  useTimes(times: RowTimes): void {
    this.times = times;
  }

  /** Rows read so far, evaluated or bad. */
  get rowsRead(): number {
    return this.read;
  }

  /** Takes one row of the upload (or why it cannot be read); answers the lines it adds. */
  add(item: { line: number; values: RowValues } | { line: number; bad: BatchError }): string {
    this.read++;
    let text = 'bad' in item ? this.bad(item.line, item.bad) : this.row(item.line, item.values);
    if (this.read % PROGRESS_EVERY === 0) text += `{"type":"progress","rows":${this.read}}\n`;
    return text;
  }

  /** A bad row is counted under the code the batch answers for the same row. */
  private bad(line: number, error: BatchError): string {
    this.badRows.count++;
    if (this.badRows.sample.length < SAMPLE)
      this.badRows.sample.push({ line, code: error.code, error: error.detail });
    return '';
  }

  private row(line: number, values: RowValues): string {
    const outcome = values[this.outcome];
    if (isMissing(outcome)) {
      return this.bad(line, {
        code: 'no_outcome',
        detail: `Line ${line} has no value in the outcome column "${this.outcome}".`,
      });
    }
    const read = this.toLead(values);
    if ('problem' in read) return this.bad(line, lineProblem(line, read.problem));
    const now = this.times!.of(line, values);
    const row = { line, lead: read.lead, converted: isConverted(outcome), now };
    const outcomes = this.backtest.add(row);
    this.evaluated++;
    const issues = issuesOf(outcomes);
    if (issues.length) {
      this.dataIssues.count++;
      if (this.dataIssues.sample.length < SAMPLE) this.dataIssues.sample.push({ line, issues });
    }
    this.sweep?.add(row);
    if (!this.plan.rows) return '';
    // The id as the decision log would record it, read with the last version's catalogue (the draft's).
    const leadId = this.plan.versions.at(-1)!.prepared.leadId(row.lead);
    return `${JSON.stringify({ type: 'row', line, leadId, converted: row.converted, outcomes })}\n`;
  }

  /** The `result` line; runs the rest of the sweep. */
  result(): string {
    const { versions, changes } = this.backtest.result();
    return `${JSON.stringify({
      type: 'result',
      evaluatedAt: this.times!.report(),
      versions,
      changes,
      rows: this.evaluated,
      badRows: this.badRows,
      dataIssues: this.dataIssues,
      sweep:
        this.plan.sweep && this.sweep
          ? {
              nodeId: this.plan.sweep.nodeId,
              tierId: this.plan.sweep.tierId,
              current: this.plan.sweep.current,
              points: this.sweep.result(),
            }
          : null,
    })}\n`;
  }
}

/** The values any version could not convert (each version reports its own catalogue's), once each. */
function issuesOf(outcomes: Outcome[]): DataIssue[] {
  if (outcomes.length === 1) return outcomes[0]!.dataIssues;
  const byField = new Map<string, DataIssue>();
  for (const o of outcomes)
    for (const issue of o.dataIssues) byField.set(`${issue.field}\u0000${issue.code}`, issue);
  return [...byField.values()];
}
