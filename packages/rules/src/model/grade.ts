import { z } from 'zod';
import type { JsonLogic } from './logic.ts';

/** Every grade, best first: the letter from the fit score, the digit from the engagement score. */
export const GRADES = ['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'C1', 'C2', 'C3'] as const;
export type GradeName = (typeof GRADES)[number];

/**
 * Fit × engagement as a grade (A1 to C3): fit at least `fit.A` is A, at least `fit.B` is B, lower is C;
 * engagement at least `engagement.1` is 1, at least `engagement.2` is 2, lower is 3.
 */
export const GradeSchema = z.object({
  fit: z.object({ A: z.number().finite(), B: z.number().finite() }),
  engagement: z.object({ '1': z.number().finite(), '2': z.number().finite() }),
});
export type Grade = z.infer<typeof GradeSchema>;

/** Bands a new grade starts with. */
export const DEFAULT_GRADE: Grade = { fit: { A: 60, B: 30 }, engagement: { '1': 40, '2': 20 } };

/** The grade of a fit and an engagement score: gradeOf(DEFAULT_GRADE, 70, 25) // 'A2' */
export function gradeOf(grade: Grade, fit: number, engagement: number): GradeName {
  const letter = fit >= grade.fit.A ? 'A' : fit >= grade.fit.B ? 'B' : 'C';
  const digit = engagement >= grade.engagement['1'] ? '1' : engagement >= grade.engagement['2'] ? '2' : '3';
  return `${letter}${digit}` as GradeName;
}

/** The grade as standard JSON-logic over `score.fit` and `score.engagement` ("A1" to "C3"). */
export function gradeLogic(grade: Grade): JsonLogic {
  const fit = { var: 'score.fit' };
  const eng = { var: 'score.engagement' };
  return {
    cat: [
      { if: [{ '>=': [fit, grade.fit.A] }, 'A', { '>=': [fit, grade.fit.B] }, 'B', 'C'] },
      { if: [{ '>=': [eng, grade.engagement['1']] }, '1', { '>=': [eng, grade.engagement['2']] }, '2', '3'] },
    ],
  };
}

/** The bands as words: "A: fit 60 or more, B: 30 or more, C: lower; 1: engagement 40 or more, ...". */
export function gradeBandsText(grade: Grade): string {
  return `A is a fit score of ${grade.fit.A} or more, B ${grade.fit.B} or more, C lower; 1 is an engagement score of ${grade.engagement['1']} or more, 2 ${grade.engagement['2']} or more, 3 lower`;
}
