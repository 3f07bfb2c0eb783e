import { DEFAULT_EVENT_PROPERTIES, type Field, type Grade, type Workflow } from '@qualify/rules';
import { setEventProperties } from '../graph/edits.ts';
import { useStudio } from './studio-store.ts';

const NO_FIELDS: Field[] = [];

/** The draft document being edited (null outside the editor). */
export const useDoc = (): Workflow | null => useStudio((s) => s.doc);

/** The lead field catalogue of the draft. */
export const useFields = (): Field[] => useStudio((s) => s.doc?.fields ?? NO_FIELDS);

/** The draft's grade bands; undefined while grading is off. */
export const useGrade = (): Grade | undefined => useStudio((s) => s.doc?.grade);

/**
 * The event properties events conditions test: the draft's, or the defaults until it has its own.
 * `adopt` writes the defaults into the draft as part of the edit just made (call it right after
 * adding the first events condition, so the document validates and one undo takes both back).
 */
export function useEventProperties(): { properties: Field[]; adopt: () => void } {
  const properties = useStudio((s) => s.doc?.events?.properties) ?? DEFAULT_EVENT_PROPERTIES;
  const adopt = () => {
    const { doc, commit } = useStudio.getState();
    if (doc && !doc.events) commit(setEventProperties(doc, DEFAULT_EVENT_PROPERTIES), { join: true });
  };
  return { properties, adopt };
}
