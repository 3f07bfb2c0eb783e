import type { Field, Workflow } from '@qualify/rules';
import { useStudio } from './studio-store.ts';

const NO_FIELDS: Field[] = [];

/** The draft document being edited (null outside the editor). */
export const useDoc = (): Workflow | null => useStudio((s) => s.doc);

/** The lead field catalogue of the draft. */
export const useFields = (): Field[] => useStudio((s) => s.doc?.fields ?? NO_FIELDS);
