import { SCHEMA_VERSION } from './workflow.ts';

type Doc = Record<string, unknown>;

/** One step per older version: it takes a document of that version to the next. */
const STEPS: Record<number, (doc: Doc) => Doc> = {
  // 2 brought values that mean missing, with a product default for documents that do not list any.
  // A document written before read "Select" or "N/A" as answers; an empty list keeps it reading them
  // so, and keeps every published version deciding as it did.
  1: (doc) => ({ ...doc, schemaVersion: 2, missingValues: [] }),
};

/**
 * Brings a stored workflow document of an older schema version to the current one; anything else
 * (the current version, a newer one, not a document at all) comes back as it was, for the schema to judge.
 * @example migrateWorkflow({ schemaVersion: 1, ...rest }) // { schemaVersion: 2, missingValues: [], ...rest }
 */
export function migrateWorkflow<T>(input: T): T {
  let doc: unknown = input;
  for (;;) {
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return doc as T;
    const version = (doc as Doc).schemaVersion;
    const step = typeof version === 'number' && version < SCHEMA_VERSION ? STEPS[version] : undefined;
    if (!step) return doc as T;
    doc = step(doc as Doc);
  }
}
