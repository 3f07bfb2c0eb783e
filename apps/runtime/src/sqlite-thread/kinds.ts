import { decisionIndexKind } from '../decision-index/kind.ts';
import { handoffKind } from '../handoff/sqlite/kind.ts';
import type { DbKind, KindCtx } from './kind.ts';

/** Every kind of database the process's SQLite thread holds: a client opens one by its name here. */
export const KINDS = {
  handoff: handoffKind,
  decisionIndex: decisionIndexKind,
};

export type KindName = keyof typeof KINDS;

/** A kind by name, its context opaque: the thread only hands a kind's functions what its own `open` made. */
export const kindOf = (name: string): DbKind<KindCtx> | undefined =>
  (KINDS as unknown as Record<string, DbKind<KindCtx> | undefined>)[name];
