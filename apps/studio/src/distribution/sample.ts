import type { SampleLead, Workflow } from '@qualify/rules';
import type { Template } from '../api/types.ts';

/** The leads a distribution is counted over, and where they came from in words. */
export interface Sample {
  leads: SampleLead[];
  /** "4 test cases and 4 sample leads"; empty when there are none. */
  source: string;
}

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** Whether a template is where this workflow came from (its id, or an id made from it). */
export const isTemplateOf = (t: Template, doc: Workflow): boolean =>
  t.workflow.id === doc.id || doc.id.startsWith(`${t.id}-`) || doc.id === t.id;

/**
 * The draft's test cases' leads and the sample leads of the template it was made from, each lead once
 * (the same lead at the same time counts once, whichever list holds it).
 */
export function sampleOf(doc: Workflow, templates: readonly Template[] | null): Sample {
  const seen = new Set<string>();
  const leads: SampleLead[] = [];
  const add = (s: SampleLead) => {
    const key = JSON.stringify([s.lead, s.now ?? null, s.currentStage ?? null]);
    if (seen.has(key)) return false;
    seen.add(key);
    leads.push(s);
    return true;
  };
  let cases = 0;
  for (const c of doc.testCases)
    if (
      add({
        name: c.name,
        lead: c.lead,
        now: c.now,
        ...(c.currentStage ? { currentStage: c.currentStage } : {}),
      })
    )
      cases++;
  let samples = 0;
  for (const t of templates ?? [])
    if (isTemplateOf(t, doc))
      for (const l of t.leads)
        if (add({ name: l.name, lead: l.lead, ...(l.now ? { now: l.now } : {}) })) samples++;
  const parts = [cases && count(cases, 'test case'), samples && count(samples, 'sample lead')].filter(
    Boolean,
  );
  return { leads, source: parts.join(' and ') };
}
