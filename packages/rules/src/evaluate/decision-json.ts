import type { Contribution, Decision } from './decision.ts';
import type { Outcome } from './prepare.ts';

/**
 * The JSON text of a receipt (Decision) and of a summary (Outcome), written once per lead by the
 * runtime: built from pieces rather than by `JSON.stringify` of a new object, which measured slower
 * for these shapes. The text is exactly what `JSON.stringify` writes (decision-json.test.ts).
 *
 * Every member of the two types is listed below in the order the writers write it: a member added to
 * Decision or Outcome fails the type check here until the writer writes it too.
 */
const RECEIPT_MEMBERS: Record<keyof Decision, true> & Record<keyof Decision['score'], true> = {
  workflow: true,
  route: true,
  stage: true,
  priorStage: true,
  stageKept: true,
  score: true,
  total: true,
  fit: true,
  engagement: true,
  contributions: true,
  limits: true,
  grade: true,
  events: true,
  gates: true,
  nextQuestions: true,
  sla: true,
  path: true,
  reasons: true,
  dataIssues: true,
  evaluatedAt: true,
};
const SUMMARY_MEMBERS: Record<keyof Outcome, true> = {
  route: true,
  stage: true,
  priorStage: true,
  stageKept: true,
  score: true,
  grade: true,
  dataIssues: true,
};
const CONTRIBUTION_MEMBERS: Record<keyof Contribution, true> = {
  nodeId: true,
  ruleId: true,
  label: true,
  scoreType: true,
  points: true,
};
/** The members each writer writes, by name (for the test that every one is written). */
export const WRITTEN_MEMBERS = {
  receipt: Object.keys(RECEIPT_MEMBERS),
  summary: Object.keys(SUMMARY_MEMBERS),
  contribution: Object.keys(CONTRIBUTION_MEMBERS),
};

/** Strings that JSON writes as they are, between quotes (ids, e-mails, most lead ids). */
const PLAIN = /^[\w.@+:-]*$/;

/** A string from the caller (a lead id, an e-mail): quoted as it is when it needs no escaping. */
export const quoteJson = (s: string | null): string =>
  s === null ? 'null' : PLAIN.test(s) ? `"${s}"` : JSON.stringify(s);

/** A number as JSON writes it: `null` for NaN and the infinities. */
export const numberJson = (n: number): string => (Number.isFinite(n) ? String(n) : 'null');

/** Characters JSON.stringify escapes (surrogates too, where only lone ones are: it then does the work). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what JSON escapes.
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/** Any string (a reason, a time): quoted as it is when JSON needs no escape in it. */
const quoteText = (s: string): string => (ESCAPED.test(s) ? JSON.stringify(s) : `"${s}"`);

function list<T>(items: readonly T[], encode: (item: T) => string): string {
  if (items.length === 0) return '[]';
  let out = `[${encode(items[0]!)}`;
  for (let i = 1; i < items.length; i++) out += `,${encode(items[i]!)}`;
  return `${out}]`;
}

/** Rarer or smaller parts (gates, questions, SLA, data issues): JSON.stringify, when there are any. */
const rest = (v: readonly unknown[] | object | null): string =>
  v === null ? 'null' : Array.isArray(v) && v.length === 0 ? '[]' : JSON.stringify(v);

/** Past this many distinct strings the cache starts over, so odd inputs cannot grow it without bound. */
const CACHE_LIMIT = 10_000;

/**
 * The writers, with what they remember: strings from a small set (workflow ids, stages, route kinds,
 * step ids) encoded once, and each prepared workflow's route results encoded once. One per app, so two
 * apps in one process share nothing.
 */
export class DecisionJson {
  private readonly known = new Map<string, string>();
  /** Objects that do not change, by identity: their text, made once. */
  private readonly encoded = new WeakMap<object, string>();

  /**
   * A string from a small set (ids, stages, step ids, reasons: a workflow's fixed sentences and the
   * texts the rules core keeps by number): encoded once, then looked up.
   */
  readonly quoteKnown = (s: string | null): string => {
    if (s === null) return 'null';
    let text = this.known.get(s);
    if (text === undefined) {
      if (this.known.size >= CACHE_LIMIT) this.known.clear();
      text = JSON.stringify(s);
      this.known.set(s, text);
    }
    return text;
  };

  /** An object that does not change, encoded the first time it is seen. */
  private once(o: object): string {
    let text = this.encoded.get(o);
    if (text === undefined) {
      text = JSON.stringify(o);
      this.encoded.set(o, text);
    }
    return text;
  }

  /** Route results are the prepared workflow's own objects, one per route node: encoded once each. */
  private route(route: Outcome['route']): string {
    return route === null ? 'null' : this.once(route);
  }

  /**
   * A part the rules core shares, frozen, between receipts (a gate's result, a contribution line, a
   * question, an SLA): it cannot change, so it is encoded once. Any other object is encoded each time.
   */
  private readonly part = (o: object): string => (Object.isFrozen(o) ? this.once(o) : JSON.stringify(o));

  private readonly contribution = (c: Contribution): string =>
    Object.isFrozen(c) ? this.once(c) : this.contributionText(c);

  private readonly contributionText = (c: Contribution): string =>
    `{"nodeId":${this.quoteKnown(c.nodeId)},"ruleId":${this.quoteKnown(c.ruleId)},"label":${this.quoteKnown(c.label)},"scoreType":${this.quoteKnown(c.scoreType)},"points":${numberJson(c.points)}}`;

  /** The receipt's optional parts after the score, present only when the workflow has them. */
  private extras(d: Decision): string {
    if (d.limits === undefined && d.grade === undefined && d.events === undefined) return '';
    return `${d.limits === undefined ? '' : `,"limits":${rest(d.limits)}`}${d.grade === undefined ? '' : `,"grade":${quoteText(d.grade)}`}${d.events === undefined ? '' : `,"events":${rest(d.events)}`}`;
  }

  /**
   * A full receipt after `{` and `head` (members already written, each with its comma): the same text as
   * `JSON.stringify({ …head, …decision })`.
   */
  receipt(head: string, d: Decision): string {
    const s = d.score;
    const version = d.workflow.version === null ? 'null' : numberJson(d.workflow.version);
    return `{${head}"workflow":{"id":${this.quoteKnown(d.workflow.id)},"version":${version}},"route":${this.route(d.route)},"stage":${this.quoteKnown(d.stage)},"priorStage":${this.quoteKnown(d.priorStage)},"stageKept":${d.stageKept},"score":{"total":${numberJson(s.total)},"fit":${numberJson(s.fit)},"engagement":${numberJson(s.engagement)},"contributions":${list(s.contributions, this.contribution)}}${this.extras(d)},"gates":${list(d.gates, this.part)},"nextQuestions":${list(d.nextQuestions, this.part)},"sla":${d.sla === null ? 'null' : this.part(d.sla)},"path":${list(d.path, this.quoteKnown)},"reasons":${list(d.reasons, this.quoteKnown)},"dataIssues":${rest(d.dataIssues)},"evaluatedAt":${quoteText(d.evaluatedAt)}}`;
  }

  /** `{"id":…,"version":…}`, made once per request rather than once per lead. */
  workflow(id: string, version: number): string {
    return `{"id":${this.quoteKnown(id)},"version":${numberJson(version)}}`;
  }

  /**
   * A summary after `{` and `head`, with `workflow` (from `workflow()`): the same text as
   * `JSON.stringify({ …head, workflow, …outcome })`.
   */
  summary(head: string, workflow: string, o: Outcome): string {
    const s = o.score;
    const issues = o.dataIssues.length === 0 ? '[]' : JSON.stringify(o.dataIssues);
    return `{${head}"workflow":${workflow},"route":${this.route(o.route)},"stage":${this.quoteKnown(o.stage)},"priorStage":${this.quoteKnown(o.priorStage)},"stageKept":${o.stageKept},"score":{"total":${numberJson(s.total)},"fit":${numberJson(s.fit)},"engagement":${numberJson(s.engagement)}}${o.grade === undefined ? '' : `,"grade":${quoteText(o.grade)}`},"dataIssues":${issues}}`;
  }
}
