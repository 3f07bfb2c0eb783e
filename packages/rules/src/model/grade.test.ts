import {
  DEFAULT_GRADE,
  GRADE_DIGITS,
  GRADE_LETTERS,
  GRADES,
  gradeDigitText,
  gradeLetterText,
  gradeText,
  gradeWords,
} from '@qualify/rules';
import { describe, expect, it } from 'vitest';

const bands = { fit: { A: 50, B: 25 }, engagement: { '1': 40, '2': 15 } };

describe('the grade in words', () => {
  it.each([
    ['A1', 'fit score 50 or more and engagement score 40 or more', 'strong fit, very engaged'],
    [
      'B2',
      'fit score 25 or more but under 50 and engagement score 15 or more but under 40',
      'fair fit, somewhat engaged',
    ],
    ['C3', 'fit score under 25 and engagement score under 15', 'weak fit, barely engaged'],
  ] as const)('%s is %s', (name, text, words) => {
    expect(gradeText(bands, name)).toBe(text);
    expect(gradeWords(name)).toBe(words);
  });

  it('names the grid: letters and digits in the order of GRADES', () => {
    expect(GRADE_LETTERS.flatMap((l) => GRADE_DIGITS.map((d) => `${l}${d}`))).toEqual([...GRADES]);
    expect(GRADE_LETTERS.map((l) => gradeLetterText(DEFAULT_GRADE, l))).toEqual([
      'fit score 60 or more',
      'fit score 30 or more but under 60',
      'fit score under 30',
    ]);
    expect(gradeDigitText(DEFAULT_GRADE, '2')).toBe('engagement score 20 or more but under 40');
  });
});
