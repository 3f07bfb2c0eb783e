import type { RouteKind, Stage } from '@qualify/rules';
import type { Draft } from '../schemas.ts';

/** Where a challenger came from: a published version, or a proposal's draft revision. */
export type ChallengerSource =
  | { kind: 'version'; version: number }
  | { kind: 'proposal'; proposalId: string; revision: number };

/** The workflow a shadow run evaluates beside the live version, with no side effect. */
export interface ChallengerRow {
  /** "c1", "c2"... per workflow. */
  id: string;
  source: ChallengerSource;
  /** "Version 3", "Proposal p2 (revision 9)". */
  label: string;
  /** The snapshot evaluated as the challenger. */
  workflow: Draft;
  startedBy: string;
  startedAt: string;
}

/** A challenger that was stopped (or replaced): kept without its workflow so old reports still say what ran. */
export interface PastChallenger extends Omit<ChallengerRow, 'workflow'> {
  stoppedBy: string;
  stoppedAt: string;
}

/** Starting a challenger: the store numbers it. */
export type NewChallenger = Omit<ChallengerRow, 'id'>;

/** What one side decided for a lead: what a shadow report compares. */
export interface ShadowSide {
  route: RouteKind | null;
  target: string | null;
  stage: Stage;
  score: number;
  fit: number;
  engagement: number;
}

/** One live evaluation and the challenger's answer to the same lead, time and stored stage. */
export interface ShadowEntry {
  challengerId: string;
  workflowId: string;
  /** The live decision's id (GET /v1/decisions/{id}). */
  decisionId: string;
  liveVersion: number;
  /** When the live decision was made (its log time). */
  at: string;
  leadId: string | null;
  live: ShadowSide;
  challenger: ShadowSide;
}

export interface ShadowFilter {
  workflow: string;
  challenger: string;
  /** ISO times: entries at or after `since`, before `until`. */
  since?: string;
  until?: string;
}
