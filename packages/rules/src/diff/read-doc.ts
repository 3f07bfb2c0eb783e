import { type EventCatalogue, EventCatalogueSchema } from '../model/events.ts';
import { type Field, FieldSchema } from '../model/fields.ts';
import { type Grade, GradeSchema } from '../model/grade.ts';
import { migrateWorkflow } from '../model/migrate.ts';
import { type ScoreLimits, ScoreLimitsSchema } from '../model/score-limits.ts';
import { type TestCase, TestCaseSchema } from '../model/test-cases.ts';
import {
  type WorkflowEdge,
  WorkflowEdgeSchema,
  type WorkflowNode,
  WorkflowNodeSchema,
} from '../model/workflow.ts';

/** A document read part by part, so an unfinished draft can be compared: what does not parse is left out. */
export interface LooseDoc {
  name: string;
  description: string;
  missingValues: string[] | undefined;
  fields: Field[];
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
  testCases: TestCase[];
  events: EventCatalogue | undefined;
  grade: Grade | undefined;
  scoreLimits: ScoreLimits | undefined;
}

const optional = <T>(raw: unknown, parse: (x: unknown) => { success: boolean; data?: T }): T | undefined =>
  raw === undefined ? undefined : (parse(raw).data as T | undefined);

const listOf = <T>(raw: unknown, parse: (x: unknown) => { success: boolean; data?: T }): T[] =>
  Array.isArray(raw) ? raw.flatMap((x) => (parse(x).success ? [parse(x).data as T] : [])) : [];

/** Reads any value as a workflow document, as far as it is one. */
export function readDoc(raw: unknown): LooseDoc {
  const doc = (migrateWorkflow(raw) ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const missing = doc.missingValues;
  return {
    name: text(doc.name),
    description: text(doc.description),
    missingValues: Array.isArray(missing) ? missing.filter((v) => typeof v === 'string') : undefined,
    fields: listOf(doc.fields, (x) => FieldSchema.safeParse(x)),
    nodes: listOf(doc.nodes, (x) => WorkflowNodeSchema.safeParse(x)),
    edges: listOf(doc.edges, (x) => WorkflowEdgeSchema.safeParse(x)),
    testCases: listOf(doc.testCases, (x) => TestCaseSchema.safeParse(x)),
    events: optional(doc.events, (x) => EventCatalogueSchema.safeParse(x)),
    grade: optional(doc.grade, (x) => GradeSchema.safeParse(x)),
    scoreLimits: optional(doc.scoreLimits, (x) => ScoreLimitsSchema.safeParse(x)),
  };
}
