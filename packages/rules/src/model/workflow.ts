import { z } from 'zod';
import { EventCatalogueSchema } from './events.ts';
import { DEFAULT_MISSING_VALUES, FieldSchema, MissingValuesSchema } from './fields.ts';
import { GradeSchema } from './grade.ts';
import { IdSchema } from './ids.ts';
import { ScoreLimitsSchema } from './score-limits.ts';
import { MAX_TEST_CASES, TestCaseSchema } from './test-cases.ts';

/**
 * The current version of the stored workflow document; older documents are migrated on read
 * (model/migrate.ts). 2: values that mean missing (`missingValues`) and the lead-id field.
 */
export const SCHEMA_VERSION = 2;

export const PositionSchema = z.object({ x: z.number().finite(), y: z.number().finite() });

/** A node as stored: its `data` is checked against its kind's own schema by `validate`. */
export const WorkflowNodeSchema = z.object({
  id: IdSchema,
  kind: z.string().min(1).max(50),
  label: z.string().max(200).default(''),
  position: PositionSchema.default({ x: 0, y: 0 }),
  data: z.unknown(),
});
export type WorkflowNode = z.infer<typeof WorkflowNodeSchema>;

/** An edge leaves `from` through one of its ports and enters `to`. */
export const WorkflowEdgeSchema = z.object({
  id: IdSchema,
  from: IdSchema,
  to: IdSchema,
  port: z.string().min(1).max(100),
});
export type WorkflowEdge = z.infer<typeof WorkflowEdgeSchema>;

export const WorkflowSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  id: IdSchema,
  name: z.string().min(1).max(200),
  description: z.string().max(5000).default(''),
  fields: z.array(FieldSchema).max(500),
  /** The properties of the lead's events (`lead.events`) that conditions may test; optional. */
  events: EventCatalogueSchema.optional(),
  /** Floors and caps on the workflow's fit, engagement and total scores; optional. */
  scoreLimits: ScoreLimitsSchema.optional(),
  /** Fit × engagement as a grade A1 to C3, from these bands; optional (no grade without it). */
  grade: GradeSchema.optional(),
  /** Values that mean missing in every field without a list of its own; a new document gets the product's. */
  missingValues: MissingValuesSchema.default(() => [...DEFAULT_MISSING_VALUES]),
  nodes: z.array(WorkflowNodeSchema).max(5000),
  edges: z.array(WorkflowEdgeSchema).max(20000),
  /** Leads with the decision each must get; run before publishing, never compiled into the artifact. */
  testCases: z.array(TestCaseSchema).max(MAX_TEST_CASES).default([]),
});
export type Workflow = z.infer<typeof WorkflowSchema>;
/** What a caller may hand in: defaults (labels, positions, description) filled in on parse. */
export type WorkflowInput = z.input<typeof WorkflowSchema>;

/** A validation finding; `nodeId`/`edgeId` tie it to the canvas. */
export interface Issue {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  nodeId?: string;
  edgeId?: string;
  /** JSON path of the offending value inside the document, e.g. `nodes.3.data.rules.0.points`. */
  path?: string;
}
