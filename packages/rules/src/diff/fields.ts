import type { Field, FieldType } from '../model/fields.ts';
import type { Change } from './types.ts';
import { byId, list, q, same } from './words.ts';

const TYPE_WORDS: Record<FieldType, string> = {
  number: 'a number',
  string: 'text',
  boolean: 'yes or no',
  enum: 'a choice',
  date: 'a date',
  stringList: 'a list of text',
};

const named = (f: Field) => `Field ${q(f.label)} (${f.path})`;
const quoted = (values: readonly string[]) => list(values.map(q));

/** What changed in one field, one sentence a change. */
function fieldChanges(a: Field, b: Field): string[] {
  const out: string[] = [];
  const it = named(b);
  if (a.label !== b.label) out.push(`Field ${q(a.label)} (${b.path}) renamed to ${q(b.label)}.`);
  if (a.type !== b.type) out.push(`${it} is now ${TYPE_WORDS[b.type]}, was ${TYPE_WORDS[a.type]}.`);
  if (a.category !== b.category) out.push(`${it} is now a ${b.category} field, was ${a.category}.`);
  if (!same(a.values ?? [], b.values ?? [])) {
    const was = new Set(a.values ?? []);
    const now = new Set(b.values ?? []);
    const added = [...now].filter((v) => !was.has(v));
    const removed = [...was].filter((v) => !now.has(v));
    const parts = [
      added.length && `${quoted(added)} added`,
      removed.length && `${quoted(removed)} removed`,
    ].filter(Boolean);
    out.push(`${it}: ${parts.length ? `values ${parts.join(', ')}` : 'values reordered'}.`);
  }
  if (!same(a.missingValues, b.missingValues)) {
    const own = (f: Field) =>
      f.missingValues ? `its own list (${quoted(f.missingValues) || 'none'})` : "the workflow's list";
    out.push(`${it}: values that mean missing now ${own(b)}, was ${own(a)}.`);
  }
  if ((a.description ?? '') !== (b.description ?? '')) out.push(`${it}: description changed.`);
  if (Boolean(a.leadId) !== Boolean(b.leadId))
    out.push(`${it} ${b.leadId ? 'now holds' : 'no longer holds'} the lead's id.`);
  if (Boolean(a.currentStage) !== Boolean(b.currentStage))
    out.push(`${it} ${b.currentStage ? 'now holds' : 'no longer holds'} the lead's current stage.`);
  return out;
}

/** Fields added, removed and changed between two catalogues, matched by path. */
export function diffFields(before: Field[], after: Field[]): Change[] {
  const keyed = (fs: Field[]) => fs.map((f) => ({ ...f, id: f.path }));
  const { removed, added, kept } = byId(keyed(before), keyed(after));
  return [
    ...removed.map(
      (f): Change => ({ kind: 'field_removed', field: f.path, sentence: `${named(f)} removed.` }),
    ),
    ...added.map(
      (f): Change => ({
        kind: 'field_added',
        field: f.path,
        sentence: `${named(f)} added: ${TYPE_WORDS[f.type]}.`,
      }),
    ),
    ...kept.flatMap(([a, b]) =>
      fieldChanges(a, b).map((sentence): Change => ({ kind: 'field_changed', field: b.path, sentence })),
    ),
  ];
}
