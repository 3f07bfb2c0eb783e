import { z } from 'zod';
import { type Field, FieldPathSchema, FieldTypeSchema, missingValuesOf } from '../model/fields.ts';
import type { JsonLogic } from '../model/logic.ts';
import { KIND_NAMES } from '../nodes/index.ts';
import type { ArtifactNode } from '../nodes/kind.ts';

export const ARTIFACT_FORMAT = 'qualify-artifact/1';

/** The normalisation spec of one field: what `normalizeLead` does before the JSON-logic runs. */
export const ArtifactFieldSchema = z.object({
  path: FieldPathSchema,
  type: FieldTypeSchema,
  values: z.array(z.string()).optional(),
  /** Values that mean missing, trimmed and lower-cased: a string value that folds to one of them is missing. */
  missing: z.array(z.string()).optional(),
  /** The field holding the lead's id (what a decision log records); it does not change evaluation. */
  leadId: z.boolean().optional(),
  /** The field holding the lead's current stage: stages only move forward from it (docs/artifact.md). */
  currentStage: z.boolean().optional(),
});
export type ArtifactField = z.infer<typeof ArtifactFieldSchema>;

/** A catalogue field's entry in the artifact: what the normaliser needs, and nothing it would not use. */
export function artifactField(field: Field, missingValues: readonly string[]): ArtifactField {
  const missing = missingValuesOf(field, missingValues);
  return {
    path: field.path,
    type: field.type,
    ...(field.type === 'enum' ? { values: field.values } : {}),
    ...(missing.length ? { missing } : {}),
    ...(field.leadId ? { leadId: true } : {}),
    ...(field.currentStage ? { currentStage: true } : {}),
  };
}

/**
 * The lead's events, when a condition counts them: each event of `lead.events` is normalised to `at`
 * (epoch ms) and these properties, converted as fields are (docs/artifact.md).
 */
export const ArtifactEventsSchema = z.object({ properties: z.array(ArtifactFieldSchema) });
export type ArtifactEvents = z.infer<typeof ArtifactEventsSchema>;

const ArtifactNodeSchema = z.looseObject({
  kind: z.enum(KIND_NAMES as [string, ...string[]]),
  label: z.string(),
  next: z.record(z.string(), z.string()),
});

/**
 * The compiled form of a workflow: plain JSON, standard JSON-logic only. A driver walks `nodes` from
 * `start`, runs each node's expressions on `{ lead, now, score, gate }` and follows `next[port]`
 * (docs/artifact.md).
 */
export const ArtifactSchema = z
  .object({
    format: z.literal(ARTIFACT_FORMAT),
    workflow: z.object({ id: z.string(), name: z.string(), version: z.number().int().nullable() }),
    fields: z.array(ArtifactFieldSchema),
    events: ArtifactEventsSchema.optional(),
    /** The grade (A1 to C3) as JSON-logic over `score`, for the receipt; only with grade bands. */
    grade: z.unknown().optional(),
    start: z.string(),
    nodes: z.record(z.string(), ArtifactNodeSchema),
  })
  .superRefine((a, ctx) => {
    if (!Object.hasOwn(a.nodes, a.start))
      ctx.addIssue({ code: 'custom', message: `start "${a.start}" is not a node` });
    for (const [id, node] of Object.entries(a.nodes)) {
      for (const [port, to] of Object.entries(node.next)) {
        if (!Object.hasOwn(a.nodes, to)) {
          ctx.addIssue({
            code: 'custom',
            path: ['nodes', id, 'next', port],
            message: `leads to unknown node "${to}"`,
          });
        }
      }
    }
  });

export interface Artifact {
  format: typeof ARTIFACT_FORMAT;
  workflow: { id: string; name: string; version: number | null };
  fields: ArtifactField[];
  events?: ArtifactEvents;
  grade?: JsonLogic;
  start: string;
  nodes: Record<string, ArtifactNode>;
}
