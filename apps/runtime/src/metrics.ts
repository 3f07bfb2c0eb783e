const BUCKETS = [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.01, 0.05];

const label = (v: string) => v.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');

/** Counters and one histogram, rendered in the Prometheus text format; cheap enough for every lead. */
export class Metrics {
  /** By workflow, then route: two lookups instead of building a key string for every lead. */
  private readonly evaluations = new Map<
    string,
    Map<string, { workflow: string; route: string; n: number }>
  >();
  private readonly errors = new Map<string, { code: string; status: number; n: number }>();
  private readonly bucketCounts = new Array<number>(BUCKETS.length).fill(0);
  private aborted = 0;
  private readonly webhookAttempts = { delivered: 0, failed: 0, dead: 0 };
  private webhookSeconds = 0;
  private latencySum = 0;
  private latencyCount = 0;
  private readonly backtests = new Map<
    string,
    { workflow: string; result: string; n: number; rows: number }
  >();

  /** One evaluated lead; `route` is the decision's route kind, or `none`. */
  evaluated(workflow: string, route: string, seconds: number): void {
    let routes = this.evaluations.get(workflow);
    if (!routes) {
      routes = new Map();
      this.evaluations.set(workflow, routes);
    }
    const hit = routes.get(route);
    if (hit) hit.n++;
    else routes.set(route, { workflow, route, n: 1 });
    this.latencySum += seconds;
    this.latencyCount++;
    for (let i = 0; i < BUCKETS.length; i++) {
      if (seconds <= BUCKETS[i]!) {
        this.bucketCounts[i]!++;
        break;
      }
    }
  }

  /** One finished backtest stream: `result` is `done` or the error code that stopped it. */
  backtested(workflow: string, result: string, rows: number): void {
    const key = `${workflow}\u0000${result}`;
    const hit = this.backtests.get(key) ?? { workflow, result, n: 0, rows: 0 };
    hit.n++;
    hit.rows += rows;
    this.backtests.set(key, hit);
  }

  httpError(code: string, status: number): void {
    const key = `${code}\u0000${status}`;
    const hit = this.errors.get(key);
    if (hit) hit.n++;
    else this.errors.set(key, { code, status, n: 1 });
  }

  /** One webhook delivery attempt: delivered (2xx), failed (to be tried again) or dead (given up). */
  webhookAttempt(result: 'delivered' | 'failed' | 'dead', seconds: number): void {
    this.webhookAttempts[result]++;
    this.webhookSeconds += seconds;
  }

  /** A request whose client hung up before it was answered (an aborted upload). */
  requestAborted(): void {
    this.aborted++;
  }

  render(gauges: Record<string, { help: string; value: number; type?: 'gauge' | 'counter' }> = {}): string {
    const out: string[] = [
      '# HELP evaluations_total Leads evaluated against published versions, by workflow and decision route.',
      '# TYPE evaluations_total counter',
    ];
    for (const e of [...this.evaluations.values()].flatMap((routes) => [...routes.values()])) {
      out.push(`evaluations_total{workflow="${label(e.workflow)}",route="${label(e.route)}"} ${e.n}`);
    }
    out.push(
      '# HELP evaluation_duration_seconds Time to evaluate one lead with a prepared version.',
      '# TYPE evaluation_duration_seconds histogram',
    );
    let cumulative = 0;
    BUCKETS.forEach((le, i) => {
      cumulative += this.bucketCounts[i]!;
      out.push(`evaluation_duration_seconds_bucket{le="${le}"} ${cumulative}`);
    });
    out.push(
      `evaluation_duration_seconds_bucket{le="+Inf"} ${this.latencyCount}`,
      `evaluation_duration_seconds_sum ${this.latencySum}`,
      `evaluation_duration_seconds_count ${this.latencyCount}`,
      '# HELP http_errors_total Error answers, by problem code and HTTP status.',
      '# TYPE http_errors_total counter',
    );
    for (const e of this.errors.values()) {
      out.push(`http_errors_total{code="${label(e.code)}",status="${e.status}"} ${e.n}`);
    }
    out.push(
      '# HELP http_requests_aborted_total Requests whose client closed the connection before the answer ended, such as an aborted upload or a batch left mid-answer; not in http_errors_total.',
      '# TYPE http_requests_aborted_total counter',
      `http_requests_aborted_total ${this.aborted}`,
    );
    out.push(
      '# HELP backtests_total Backtest streams that ran to the end, by workflow and result (done or the stopping error).',
      '# TYPE backtests_total counter',
    );
    for (const b of this.backtests.values()) {
      out.push(`backtests_total{workflow="${label(b.workflow)}",result="${label(b.result)}"} ${b.n}`);
    }
    out.push(
      '# HELP backtest_rows_total Upload rows read by backtests (evaluated or bad), by workflow.',
      '# TYPE backtest_rows_total counter',
    );
    const rows = new Map<string, number>();
    for (const b of this.backtests.values()) rows.set(b.workflow, (rows.get(b.workflow) ?? 0) + b.rows);
    for (const [workflow, n] of rows) out.push(`backtest_rows_total{workflow="${label(workflow)}"} ${n}`);
    out.push(
      '# HELP webhook_attempts_total Webhook delivery attempts: delivered (2xx), failed (to be tried again), dead (retries gave up; GET /v1/deliveries?status=dead).',
      '# TYPE webhook_attempts_total counter',
    );
    for (const [result, n] of Object.entries(this.webhookAttempts)) {
      out.push(`webhook_attempts_total{result="${result}"} ${n}`);
    }
    const attempts = this.webhookAttempts.delivered + this.webhookAttempts.failed + this.webhookAttempts.dead;
    out.push(
      '# HELP webhook_attempt_duration_seconds Time from sending a delivery to its answer, timeout or error.',
      '# TYPE webhook_attempt_duration_seconds summary',
      `webhook_attempt_duration_seconds_sum ${this.webhookSeconds}`,
      `webhook_attempt_duration_seconds_count ${attempts}`,
    );
    for (const [name, g] of Object.entries(gauges)) {
      out.push(`# HELP ${name} ${g.help}`, `# TYPE ${name} ${g.type ?? 'gauge'}`, `${name} ${g.value}`);
    }
    return `${out.join('\n')}\n`;
  }
}
