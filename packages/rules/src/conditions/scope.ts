import type { EventCatalogue } from '../model/events.ts';
import type { FieldCatalogue } from '../model/fields.ts';
import type { Grade } from '../model/grade.ts';

/**
 * What a condition may read beyond the lead field catalogue: the catalogue's event properties (for the
 * `where` of an events condition) and the workflow's grade bands (for a grade condition). A node's
 * KindContext is one, so nodes hand theirs on as it is.
 */
export interface ConditionScope {
  events?: FieldCatalogue;
  grade?: Grade;
}

/** A workflow's scope: its catalogue's event properties and its grade bands, where it has them. */
export const scopeOf = (wf: { events?: EventCatalogue; grade?: Grade }): ConditionScope => ({
  ...(wf.events ? { events: wf.events.properties } : {}),
  ...(wf.grade ? { grade: wf.grade } : {}),
});
