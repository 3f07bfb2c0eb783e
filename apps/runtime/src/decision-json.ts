import type { Contribution, Decision, Outcome } from '@qualify/rules';
import type { DecisionLogEntry } from './store.ts';

/**
 * The JSON text of the two shapes written once per lead: a decision log line and a summary answer.
 * Built from pieces rather than by `JSON.stringify` of a new object, which measured about four times
 * slower for these flat shapes; tests check both give the same text.
 */

/** Strings that JSON writes as they are, between quotes (ids, e-mails, most lead ids). */
const PLAIN = /^[\w.@+:-]*$/;

/** A string from the caller (a lead id, an e-mail): quoted as it is when it needs no escaping. */
export const quote = (s: string | null): string =>
  s === null ? 'null' : PLAIN.test(s) ? `"${s}"` : JSON.stringify(s);

/** Past this many distinct strings the cache starts over, so odd inputs cannot grow it without bound. */
const CACHE_LIMIT = 10_000;
const known = new Map<string, string>();

/**
 * A string from a small set (workflow ids, stages, route kinds and targets): encoded once, then
 * looked up.
 */
export function quoteKnown(s: string | null): string {
  if (s === null) return 'null';
  let text = known.get(s);
  if (text === undefined) {
    if (known.size >= CACHE_LIMIT) known.clear();
    text = JSON.stringify(s);
    known.set(s, text);
  }
  return text;
}

/** A number as JSON writes it: `null` for NaN and the infinities. */
export const number = (n: number): string => (Number.isFinite(n) ? String(n) : 'null');

/** One decision log line: the same text as `JSON.stringify(entry)`. */
export const decisionLine = (e: DecisionLogEntry): string =>
  `{"decisionId":${quote(e.decisionId)},"workflowId":${quoteKnown(e.workflowId)},"version":${number(e.version)},"leadId":${quote(e.leadId)},"email":${quote(e.email)},"route":${quoteKnown(e.route)},"target":${quoteKnown(e.target)},"routeNodeId":${quoteKnown(e.routeNodeId)},"stage":${quoteKnown(e.stage)},"score":${number(e.score)},"at":${quote(e.at)}}`;

/** Characters JSON.stringify escapes (surrogates too, where only lone ones are: it then does the work). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what JSON escapes.
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/** Any string (a reason, a time): quoted as it is when JSON needs no escape in it. */
const quoteText = (s: string): string => (ESCAPED.test(s) ? JSON.stringify(s) : `"${s}"`);

/** Route results are the prepared workflow's own objects, one per route node: encoded once each. */
const routes = new WeakMap<object, string>();

function routeJson(route: Outcome['route']): string {
  if (route === null) return 'null';
  let text = routes.get(route);
  if (text === undefined) {
    text = JSON.stringify(route);
    routes.set(route, text);
  }
  return text;
}

function list<T>(items: readonly T[], encode: (item: T) => string): string {
  if (items.length === 0) return '[]';
  let out = `[${encode(items[0]!)}`;
  for (let i = 1; i < items.length; i++) out += `,${encode(items[i]!)}`;
  return `${out}]`;
}

const contributionJson = (c: Contribution): string =>
  `{"nodeId":${quoteKnown(c.nodeId)},"ruleId":${quoteKnown(c.ruleId)},"label":${quoteKnown(c.label)},"scoreType":${quoteKnown(c.scoreType)},"points":${number(c.points)}}`;

/** Rarer or smaller parts (gates, questions, SLA, data issues): JSON.stringify, when there are any. */
const rest = (v: readonly unknown[] | object | null): string =>
  v === null ? 'null' : Array.isArray(v) && v.length === 0 ? '[]' : JSON.stringify(v);

/** The receipt's optional parts after the score, present only when the workflow has them. */
function scoringExtras(d: Decision): string {
  if (d.limits === undefined && d.grade === undefined && d.events === undefined) return '';
  return `${d.limits === undefined ? '' : `,"limits":${rest(d.limits)}`}${d.grade === undefined ? '' : `,"grade":${quoteText(d.grade)}`}${d.events === undefined ? '' : `,"events":${rest(d.events)}`}`;
}

/**
 * A full decision receipt after `{` and `head`: the same text as `JSON.stringify({ …head, …decision })`,
 * in about two thirds of the time once written out (its largest parts, contributions, path and
 * reasons, are built from pieces).
 */
export function receiptJson(head: string, d: Decision): string {
  const s = d.score;
  const version = d.workflow.version === null ? 'null' : number(d.workflow.version);
  return `{${head}"workflow":{"id":${quoteKnown(d.workflow.id)},"version":${version}},"route":${routeJson(d.route)},"stage":${quoteKnown(d.stage)},"priorStage":${quoteKnown(d.priorStage)},"stageKept":${d.stageKept},"score":{"total":${number(s.total)},"fit":${number(s.fit)},"engagement":${number(s.engagement)},"contributions":${list(s.contributions, contributionJson)}}${scoringExtras(d)},"gates":${rest(d.gates)},"nextQuestions":${rest(d.nextQuestions)},"sla":${rest(d.sla)},"path":${list(d.path, quoteKnown)},"reasons":${list(d.reasons, quoteText)},"dataIssues":${rest(d.dataIssues)},"evaluatedAt":${quoteText(d.evaluatedAt)}}`;
}

/** `{"id":…,"version":…}`, made once per request rather than once per lead. */
export const workflowJson = (id: string, version: number): string =>
  `{"id":${quoteKnown(id)},"version":${number(version)}}`;

/**
 * The members of a summary answer after `{` and what `head` holds (`"decisionId":"…",`, with the
 * line number first in a batch): the same text as `JSON.stringify({ …head, workflow, …outcome })`.
 */
export function summaryJson(head: string, workflow: string, o: Outcome): string {
  const s = o.score;
  const issues = o.dataIssues.length === 0 ? '[]' : JSON.stringify(o.dataIssues);
  return `{${head}"workflow":${workflow},"route":${routeJson(o.route)},"stage":${quoteKnown(o.stage)},"priorStage":${quoteKnown(o.priorStage)},"stageKept":${o.stageKept},"score":{"total":${number(s.total)},"fit":${number(s.fit)},"engagement":${number(s.engagement)}}${o.grade === undefined ? '' : `,"grade":${quoteText(o.grade)}`},"dataIssues":${issues}}`;
}
