import { z } from 'zod';

const LimitSchema = z.object({
  /** The score never goes below this (negative allowed). */
  floor: z.number().int('a floor is a whole number of points').nullable().default(null),
  /** The score never goes above this. */
  cap: z.number().int('a cap is a whole number of points').nullable().default(null),
});
export type Limit = z.infer<typeof LimitSchema>;

/**
 * Floors and caps on the whole workflow's fit, engagement and total scores. They apply after every score
 * step (fit and engagement first, then the total, which is their sum held within its own limits), so a
 * tier or a condition later on the path reads the limited score, and the receipt says when one applied.
 */
export const ScoreLimitsSchema = z.object({
  fit: LimitSchema.optional(),
  engagement: LimitSchema.optional(),
  total: LimitSchema.optional(),
});
export type ScoreLimits = z.infer<typeof ScoreLimitsSchema>;

export const SCORE_NAMES = ['fit', 'engagement', 'total'] as const;
export type ScoreName = (typeof SCORE_NAMES)[number];

/** The value held within a limit: clamp(120, { floor: null, cap: 100 }) // 100 */
export function clamp(value: number, limit: Limit | undefined): number {
  if (!limit) return value;
  if (limit.cap !== null && value > limit.cap) return limit.cap;
  if (limit.floor !== null && value < limit.floor) return limit.floor;
  return value;
}
