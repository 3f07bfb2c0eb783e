import { type Limit, SCORE_NAMES, type ScoreName } from '@qualify/rules';
import { setScoreLimit } from '../graph/edits.ts';
import { useStudio } from '../store/studio-store.ts';
import { NumberInput } from '../ui/inputs.tsx';

const NAMES: Record<ScoreName, string> = { fit: 'Fit', engagement: 'Engagement', total: 'Total' };
const NONE: Limit = { floor: null, cap: null };
const ENDS = ['floor', 'cap'] as const;
/** Limits are whole points (the format says so): a typed fraction rounds rather than failing the document. */
const whole = (n: number | null) => (n === null ? null : Math.round(n));

/** The workflow's floors and caps on the fit, engagement and total scores; an empty box is no limit. */
export function ScoreLimitsSettings() {
  const doc = useStudio((s) => s.doc);
  const commit = useStudio((s) => s.commit);
  if (!doc) return null;
  const set = (name: ScoreName, patch: Partial<Limit>, key: string) => {
    const limit = { ...NONE, ...doc.scoreLimits?.[name], ...patch };
    commit(setScoreLimit(doc, name, limit), { key: `limit-${name}-${key}` });
  };
  return (
    <section className="qs-card qs-scoring-sec" aria-labelledby="qs-limits-head">
      <h3 id="qs-limits-head" className="qs-subhead">
        Score limits
      </h3>
      <p className="qs-hint">
        After every score step, a score below its floor is raised to the floor and one above its cap is
        lowered to the cap; an empty box is no limit.
      </p>
      <table className="qs-table qs-limits">
        <thead>
          <tr>
            <th scope="col">Score</th>
            <th scope="col">Floor</th>
            <th scope="col">Cap</th>
          </tr>
        </thead>
        <tbody>
          {SCORE_NAMES.map((name) => {
            const limit = doc.scoreLimits?.[name] ?? NONE;
            return (
              <tr key={name}>
                <th scope="row">{NAMES[name]}</th>
                {ENDS.map((end) => (
                  <td key={end}>
                    <NumberInput
                      label={`${NAMES[name]} score ${end}`}
                      step={1}
                      placeholder="none"
                      value={limit[end]}
                      onChange={(n) => set(name, { [end]: whole(n) }, end)}
                    />
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
