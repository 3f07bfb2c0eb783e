import { z } from 'zod';
import type { JsonLogic } from './logic.ts';

/** Every grade, best first: the letter from the fit score, the digit from the engagement score. */
export const GRADES = ['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'C1', 'C2', 'C3'] as const;
export type GradeName = (typeof GRADES)[number];
/** The letters (from the fit score) and digits (from the engagement score), best first: a grade is one of each. */
export const GRADE_LETTERS = ['A', 'B', 'C'] as const;
export const GRADE_DIGITS = ['1', '2', '3'] as const;
export type GradeLetter = (typeof GRADE_LETTERS)[number];
export type GradeDigit = (typeof GRADE_DIGITS)[number];

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

/** "60 or more", "30 or more but under 60", "under 30": the band of a score between two thresholds. */
function bandText(top: number, middle: number, level: 0 | 1 | 2): string {
  if (level === 0) return `${top} or more`;
  return level === 1 ? `${middle} or more but under ${top}` : `under ${middle}`;
}

/** What a letter asks of the fit score: gradeLetterText(DEFAULT_GRADE, 'B') // 'fit score 30 or more but under 60' */
export function gradeLetterText(grade: Grade, letter: GradeLetter): string {
  return `fit score ${bandText(grade.fit.A, grade.fit.B, GRADE_LETTERS.indexOf(letter) as 0 | 1 | 2)}`;
}

/** What a digit asks of the engagement score: gradeDigitText(DEFAULT_GRADE, '3') // 'engagement score under 20' */
export function gradeDigitText(grade: Grade, digit: GradeDigit): string {
  const level = GRADE_DIGITS.indexOf(digit) as 0 | 1 | 2;
  return `engagement score ${bandText(grade.engagement['1'], grade.engagement['2'], level)}`;
}

const LETTER_WORDS: Record<GradeLetter, string> = { A: 'strong fit', B: 'fair fit', C: 'weak fit' };
const DIGIT_WORDS: Record<GradeDigit, string> = {
  '1': 'very engaged',
  '2': 'somewhat engaged',
  '3': 'barely engaged',
};

/** A grade in plain words, bands aside: gradeWords('A2') // 'strong fit, somewhat engaged' */
export function gradeWords(name: GradeName): string {
  return `${LETTER_WORDS[name[0] as GradeLetter]}, ${DIGIT_WORDS[name[1] as GradeDigit]}`;
}

/**
 * What it takes to be graded `name` under these bands, in words:
 * gradeText(DEFAULT_GRADE, 'B1') // 'fit score 30 or more but under 60 and engagement score 40 or more'
 */
export function gradeText(grade: Grade, name: GradeName): string {
  return `${gradeLetterText(grade, name[0] as GradeLetter)} and ${gradeDigitText(grade, name[1] as GradeDigit)}`;
}
