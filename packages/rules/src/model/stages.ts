import { z } from 'zod';

/** Lifecycle stages of the funnel, in order (DOMAIN.md). */
export const STAGES = [
  'Subscriber',
  'Lead',
  'MQL',
  'SAL',
  'SQL',
  'Opportunity',
  'Customer',
  'Disqualified',
] as const;
export const StageSchema = z.enum(STAGES);
export type Stage = z.infer<typeof StageSchema>;

/** The stage a lead holds when no stage node lies on its path. */
export const DEFAULT_STAGE: Stage = 'Lead';
