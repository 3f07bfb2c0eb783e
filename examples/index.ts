import { readdirSync, readFileSync } from 'node:fs';

/** A sample lead of an example and the decision it must get. */
export interface ExampleLead {
  name: string;
  now: string;
  lead: Record<string, unknown>;
  expect: {
    route: 'sales' | 'nurture' | 'disqualify';
    target?: string;
    stage: string;
    score: number;
    /** Criterion ids a rep should ask about, in order. */
    nextQuestions?: string[];
  };
}

export interface Example {
  name: string;
  workflow: Record<string, unknown>;
  leads: ExampleLead[];
}

const dir = new URL('./', import.meta.url);

/** Every example workflow in this folder with its sample leads, in name order. */
export function loadExamples(): Example[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.workflow.json'))
    .sort()
    .map((file) => {
      const name = file.replace('.workflow.json', '');
      const read = (f: string) => JSON.parse(readFileSync(new URL(f, dir), 'utf8'));
      return { name, workflow: read(file), leads: read(`${name}.leads.json`) };
    });
}

/** A pool of the examples' team, as the runtime's team API takes it (`id` is the pool's id). */
export interface ExamplePool {
  id: string;
  name: string;
  schedule: { timeZone: string; days: string[]; start: string; end: string; daysOff: string[] };
  managerEmail?: string;
  reps: { id: string; name: string; email: string; weight?: number; dailyCap?: number }[];
}

/** The pools the example workflows' sales routes assign from (team.json). */
export function loadTeam(): ExamplePool[] {
  return JSON.parse(readFileSync(new URL('team.json', dir), 'utf8'));
}
