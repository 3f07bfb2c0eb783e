// A driver for compiled artifacts written from docs/artifact.md alone, as a team porting the product to
// another language would write it: its own normalisation (the doc's table and regular expressions) and
// its own walk over the nodes (the doc's driver table), with any JSON-logic engine's `apply`. It imports
// nothing from the product, so agreeing with it shows the doc is enough to reproduce decisions.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Apply = (rule: Json, data: unknown) => unknown;

interface DocField {
  path: string;
  type: 'number' | 'boolean' | 'string' | 'enum' | 'date' | 'stringList';
  values?: string[];
  missing?: string[];
  currentStage?: boolean;
}

interface DocNode {
  kind: string;
  next: Record<string, string>;
  [key: string]: unknown;
}

export interface DocArtifact {
  fields: DocField[];
  events?: { properties: DocField[] };
  grade?: Json;
  start: string;
  nodes: Record<string, DocNode>;
}

export interface DocDecision {
  route: { nodeId: string; to: string } | null;
  stage: string;
  priorStage: string | null;
  stageKept: boolean;
  score: { total: number; fit: number; engagement: number };
  gates: { nodeId: string; passed: boolean; criteria: ('met' | 'not_met' | 'unknown')[] }[];
  dueAt: number | null;
  /** With grade bands, the grade after the path. */
  grade: string | null;
  /** Fields whose value was present but unreadable (reported, treated as missing). */
  issues: string[];
}

// ── normalisation: docs/artifact.md, "Normalisation" ─────────────────────────

const NUMERAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const THOUSANDS = /(\d)[,_](?=\d{3}\b)/g;
const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?)?$/;
const YES = ['true', 'yes', 'y', '1'];
const NO = ['false', 'no', 'n', '0'];

const MISSING = Symbol('missing');
const UNREADABLE = Symbol('unreadable');
type Read = unknown;

const blank = (v: unknown) => typeof v === 'string' && v.trim() === '';

function readText(v: unknown): Read {
  if (typeof v === 'string') return v.trim() === '' ? MISSING : v.trim().toLowerCase();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return UNREADABLE;
}

function readDate(v: unknown): Read {
  if (v instanceof Date) return Number.isFinite(v.getTime()) ? v.getTime() : UNREADABLE;
  if (typeof v === 'number') return Number.isFinite(v) ? v : UNREADABLE;
  if (typeof v !== 'string') return UNREADABLE;
  const m = ISO_DATE.exec(v.trim());
  if (!m) return UNREADABLE;
  const n = m.map((x) => (x === undefined ? 0 : Number(x)));
  const [y, mo, d, h, mi, s] = [n[1]!, n[2]!, n[3]!, n[4]!, n[5]!, n[6]!];
  const probe = new Date(0);
  probe.setUTCFullYear(y, mo - 1, d);
  // A day that does not exist in its month rolls over: refuse it.
  if (probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return UNREADABLE;
  if (h > 23 || mi > 59 || s > 59 || n[10]! > 23 || n[11]! > 59) return UNREADABLE;
  const offsetMinutes = m[9] ? (m[9] === '-' ? -1 : 1) * (n[10]! * 60 + n[11]!) : 0;
  const fraction = m[7] ? Number(`0.${m[7]}`.slice(0, 5)) * 1000 : 0;
  probe.setUTCHours(h, mi, s, Math.round(fraction));
  return probe.getTime() - offsetMinutes * 60_000;
}

function readValue(field: DocField, v: unknown): Read {
  if (v === undefined || v === null || blank(v)) return MISSING;
  if (typeof v === 'string' && field.missing?.includes(v.trim().toLowerCase())) return MISSING;
  switch (field.type) {
    case 'number': {
      if (typeof v === 'number') return Number.isFinite(v) ? v : UNREADABLE;
      if (typeof v !== 'string') return UNREADABLE;
      const s = v.trim().replace(THOUSANDS, '$1');
      return NUMERAL.test(s) && Number.isFinite(Number(s)) ? Number(s) : UNREADABLE;
    }
    case 'boolean': {
      if (typeof v === 'boolean') return v;
      if (v === 1 || v === 0) return v === 1;
      if (typeof v !== 'string') return UNREADABLE;
      const s = v.trim().toLowerCase();
      return YES.includes(s) ? true : NO.includes(s) ? false : UNREADABLE;
    }
    case 'string':
      return readText(v);
    case 'enum': {
      if (typeof v !== 'string' && typeof v !== 'number') return UNREADABLE;
      const s = String(v).trim().toLowerCase();
      return (field.values ?? []).find((x) => x.trim().toLowerCase() === s) ?? UNREADABLE;
    }
    case 'date':
      return readDate(v);
    case 'stringList': {
      const items = typeof v === 'string' ? v.split(/[,;]/) : Array.isArray(v) ? v : null;
      if (!items) return UNREADABLE;
      return items.map(readText).filter((x) => typeof x === 'string');
    }
  }
}

function normalise(
  raw: unknown,
  fields: DocField[],
): { lead: Record<string, unknown>; issues: string[]; current: unknown } {
  const lead: Record<string, unknown> = {};
  const issues: string[] = [];
  let current: unknown;
  for (const field of fields) {
    let v: unknown = raw;
    for (const key of field.path.split('.')) {
      v =
        v !== null && typeof v === 'object' && Object.hasOwn(v, key)
          ? (v as Record<string, unknown>)[key]
          : undefined;
    }
    const read = readValue(field, v);
    if (read === UNREADABLE) issues.push(field.path);
    if (read === MISSING || read === UNREADABLE) continue;
    if (field.currentStage) current = read;
    const keys = field.path.split('.');
    let target = lead;
    for (const key of keys.slice(0, -1)) {
      target[key] ??= {};
      target = target[key] as Record<string, unknown>;
    }
    target[keys.at(-1)!] = read;
  }
  return { lead, issues, current };
}

/** docs/artifact.md, "Normalisation", Events: the lead's `events` list, read item by item. */
function normaliseEvents(raw: unknown, props: DocField[], issues: string[]): unknown[] | undefined {
  const list =
    raw !== null && typeof raw === 'object' && Object.hasOwn(raw, 'events')
      ? (raw as { events: unknown }).events
      : undefined;
  if (list === undefined || list === null) return undefined;
  if (!Array.isArray(list)) {
    issues.push('events');
    return undefined;
  }
  const out: unknown[] = [];
  let [items, times, values] = [0, 0, 0];
  for (const item of list) {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      items++;
      continue;
    }
    const at = Object.hasOwn(item, 'at') ? readDate((item as { at: unknown }).at) : UNREADABLE;
    if (typeof at !== 'number') {
      times++;
      continue;
    }
    const event: Record<string, unknown> = { at };
    for (const p of props) {
      const read = readValue(
        p,
        Object.hasOwn(item, p.path) ? (item as Record<string, unknown>)[p.path] : undefined,
      );
      if (read === UNREADABLE) values++;
      else if (read !== MISSING) event[p.path] = read;
    }
    out.push(event);
  }
  for (const n of [items, times, values]) if (n) issues.push('events');
  return out;
}

/** docs/artifact.md, "The driver", score: hold `v` within a limit `{ floor, cap }`. */
function hold(v: number, limit: { floor: number | null; cap: number | null } | undefined): number {
  if (limit?.cap != null && v > limit.cap) return limit.cap;
  if (limit?.floor != null && v < limit.floor) return limit.floor;
  return v;
}

// ── the stage rule: docs/artifact.md, "Stages only move forward" ─────────────

const STAGE_NAMES = ['Subscriber', 'Lead', 'MQL', 'SAL', 'SQL', 'Opportunity', 'Customer', 'Disqualified'];
const LADDER = STAGE_NAMES.slice(0, 7);

/** The final stage from the current one (`C`), the path's (`P`) and a nurture route's recycle. */
function finalStage(
  current: string | null,
  path: string,
  recycle: { stage: string } | undefined,
): { stage: string; kept: boolean } {
  if (recycle) return { stage: recycle.stage, kept: false };
  if (current === null || current === 'Disqualified' || current === path) return { stage: path, kept: false };
  if (path === 'Disqualified')
    return LADDER.indexOf(current) >= LADDER.indexOf('SAL')
      ? { stage: current, kept: true }
      : { stage: path, kept: false };
  return LADDER.indexOf(path) < LADDER.indexOf(current)
    ? { stage: current, kept: true }
    : { stage: path, kept: false };
}

// ── the walk: docs/artifact.md, "The driver" ────────────────────────────────

/**
 * Runs an artifact on one raw lead at `now` (epoch ms) with `apply` from any JSON-logic engine; the
 * caller's current stage is `currentStage`.
 */
export function docDrive(
  artifact: DocArtifact,
  apply: Apply,
  raw: unknown,
  now: number,
  currentStage: string | null = null,
): DocDecision {
  const { lead, issues, current } = normalise(raw, artifact.fields);
  if (artifact.events) {
    const events = normaliseEvents(raw, artifact.events.properties, issues);
    if (events !== undefined) lead.events = events;
  }
  const score = { total: 0, fit: 0, engagement: 0 };
  const data = { lead, now, score, gate: [] as unknown[] };
  const out: DocDecision = {
    route: null,
    stage: 'Lead',
    priorStage: null,
    stageKept: false,
    score,
    gates: [],
    dueAt: null,
    grade: null,
    issues,
  };
  let recycle: { stage: string } | undefined;
  let id: string | undefined = artifact.start;
  walk: for (let steps = 0; id !== undefined && steps <= Object.keys(artifact.nodes).length; steps++) {
    const node: DocNode = artifact.nodes[id]!;
    let port: string | undefined;
    switch (node.kind) {
      case 'start':
      case 'stage':
        if (node.kind === 'stage') out.stage = node.stage as string;
        port = 'next';
        break;
      case 'condition':
        port = apply(node.test as Json, data) === 1 ? 'true' : 'false';
        break;
      case 'score': {
        let sum = 0;
        for (const rule of node.rules as { points: Json }[]) sum += apply(rule.points, data) as number;
        const cap = node.cap as number | null;
        if (cap !== null && sum > cap) sum = cap;
        const floor = node.floor as number | undefined;
        if (floor !== undefined && sum < floor) sum = floor;
        const type = node.scoreType as 'fit' | 'engagement';
        score[type] += sum;
        score.total += sum;
        type Limits = Record<string, { floor: number | null; cap: number | null }>;
        const limits = node.limits as Limits | undefined;
        const held = hold(score[type], limits?.[type]);
        score.total += held - score[type];
        score[type] = held;
        score.total = hold(score.total, limits?.total);
        port = 'next';
        break;
      }
      case 'gate': {
        data.gate = (node.criteria as { test: Json }[]).map((c) => apply(c.test, data));
        const passed = apply(node.pass as Json, data) === true;
        const status = (t: unknown) => (t === 1 ? 'met' : t === 0.5 ? 'unknown' : 'not_met');
        out.gates.push({ nodeId: id, passed, criteria: data.gate.map(status) });
        port = passed ? 'pass' : 'fail';
        break;
      }
      case 'branch':
      case 'grade':
        port = String(apply(node.select as Json, data));
        break;
      case 'route': {
        const route = node.route as {
          to: string;
          sla?: { firstContactHours: number };
          recycle?: { stage: string };
        };
        out.route = { nodeId: id, to: route.to };
        if (route.to === 'sales') out.dueAt = now + route.sla!.firstContactHours * 3_600_000;
        if (route.to === 'nurture') recycle = route.recycle;
        break walk;
      }
      default:
        throw new Error(`unknown kind ${node.kind}`);
    }
    id = node.next[port];
  }
  if (artifact.grade !== undefined) out.grade = apply(artifact.grade, data) as string;
  // The current stage: the marked field when it names a stage, else the caller's.
  let prior = currentStage;
  if (current !== undefined) {
    const named =
      typeof current === 'string'
        ? STAGE_NAMES.find((st) => st.toLowerCase() === current.trim().toLowerCase())
        : undefined;
    if (named) prior = named;
    else issues.push(artifact.fields.find((f) => f.currentStage)!.path);
  }
  const { stage, kept } = finalStage(prior, out.stage, recycle);
  out.priorStage = prior;
  out.stage = stage;
  out.stageKept = kept;
  return out;
}
