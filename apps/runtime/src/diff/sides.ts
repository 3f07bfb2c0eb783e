import { type SampleLead, STAGES, type Stage } from '@qualify/rules';
import { ProblemError, versionNotFound } from '../problem.ts';
import type { Draft } from '../schemas.ts';
import type { WorkflowRow } from '../store.ts';
import type { Template } from '../templates.ts';

/** One side of a comparison: what a person calls it, its version (null: the draft) and its document. */
export interface Side {
  label: string;
  version: number | null;
  workflow: Draft;
}

/**
 * A side named in a query: `draft`, `live`, or a version number (`3` or `v3`); absent: `fallback`.
 * The default `from` is the live version, else the latest one.
 */
export function sideOf(row: WorkflowRow, name: string | undefined, fallback: 'draft' | 'base'): Side {
  const asked = name ?? (fallback === 'draft' ? 'draft' : 'live');
  if (asked === 'draft')
    return { label: `Draft (revision ${row.revision})`, version: null, workflow: row.draft };
  const n =
    asked === 'live'
      ? (row.liveVersion ?? (name === undefined ? row.versions.at(-1)?.number : null))
      : Number(asked.replace(/^v/, ''));
  if (n === null || n === undefined) {
    throw new ProblemError(
      404,
      'version_not_found',
      `Workflow "${row.id}" has ${row.versions.length ? 'no live version' : 'no version yet'}; name a version (from=1) or publish the draft first.`,
    );
  }
  const v = row.versions[n - 1];
  if (!v) throw versionNotFound(row.id, n);
  return { label: `Version ${n}${row.liveVersion === n ? ' (live)' : ''}`, version: n, workflow: v.workflow };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const stageOf = (v: unknown): Stage | undefined =>
  (STAGES as readonly unknown[]).includes(v) ? (v as Stage) : undefined;

/** A test case or a template's sample lead, read leniently: a draft's list is saved as sent. */
function sampleOf(v: unknown): (SampleLead & { key: string }) | undefined {
  if (!isObject(v) || !isObject(v.lead)) return undefined;
  const name = typeof v.name === 'string' ? v.name : undefined;
  const now = typeof v.now === 'string' && Number.isFinite(Date.parse(v.now)) ? v.now : undefined;
  const currentStage = stageOf(v.currentStage);
  return {
    key: typeof v.id === 'string' ? `id:${v.id}` : `name:${name}`,
    lead: v.lead,
    ...(name !== undefined && { name }),
    ...(now !== undefined && { now }),
    ...(currentStage !== undefined && { currentStage }),
  };
}

/**
 * The leads an impact is measured on without an upload: both sides' test cases (once per id), then
 * the sample leads of the template the workflow was seeded from, except those a test case already
 * carries (the examples' test cases are made from their sample leads).
 */
export function sampleLeads(from: Side, to: Side, templates: Template[], workflowId: string): SampleLead[] {
  const seen = new Set<string>();
  const names = new Set<string>();
  const out: SampleLead[] = [];
  for (const side of [from, to]) {
    const cases = Array.isArray(side.workflow.testCases) ? side.workflow.testCases : [];
    for (const c of cases) {
      const s = sampleOf(c);
      if (!s || seen.has(s.key)) continue;
      seen.add(s.key);
      if (s.name) names.add(s.name);
      const { key: _key, ...lead } = s;
      out.push(lead);
    }
  }
  for (const l of templates.find((t) => t.id === workflowId)?.leads ?? []) {
    const s = sampleOf(l);
    if (!s || (s.name !== undefined && names.has(s.name))) continue;
    const { key: _key, ...lead } = s;
    out.push(lead);
  }
  return out;
}
