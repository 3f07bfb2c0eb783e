import {
  GRADE_DIGITS,
  GRADE_LETTERS,
  type Grade,
  type GradeName,
  gradeDigitText,
  gradeLetterText,
} from '@qualify/rules';
import type { ReactNode } from 'react';

/**
 * The 3×3 grade grid: letters (from the fit score) down, digits (from the engagement score) across,
 * each heading with its band in words when the workflow has bands; `cell` draws each grade.
 */
export function GradeGrid(props: {
  grade: Grade | undefined;
  caption: string;
  cell: (name: GradeName) => ReactNode;
  testId?: string;
}) {
  const { grade, caption, cell, testId } = props;
  return (
    <table className="qs-grade-grid" data-testid={testId}>
      <caption className="qs-sr">{caption}</caption>
      <thead>
        <tr>
          <td />
          {GRADE_DIGITS.map((d) => (
            <th key={d} scope="col">
              {d}
              {grade && <small>{gradeDigitText(grade, d)}</small>}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {GRADE_LETTERS.map((l) => (
          <tr key={l}>
            <th scope="row">
              {l}
              {grade && <small>{gradeLetterText(grade, l)}</small>}
            </th>
            {GRADE_DIGITS.map((d) => (
              <td key={d}>{cell(`${l}${d}` as GradeName)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
