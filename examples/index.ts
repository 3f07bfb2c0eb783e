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
