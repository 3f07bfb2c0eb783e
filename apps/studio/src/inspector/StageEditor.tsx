import { STAGES } from '@qualify/rules';
import { FormRow } from '../ui/inputs.tsx';
import type { KindData, KindEditorProps } from './kind-data.ts';

const STAGE_HINTS: Record<(typeof STAGES)[number], string> = {
  Subscriber: 'Subscribed to a blog or newsletter; only an email is known.',
  Lead: 'Left basic data through a form; interest not yet shown.',
  MQL: 'Engaged with marketing and fits the profile, usually not ready to buy: nurture it.',
  SAL: 'Met the agreed hand-off criteria; sales accepted it, not yet contacted.',
  SQL: 'Sales contacted it and confirmed a real opportunity.',
  Opportunity: 'An SQL in an active sales cycle.',
  Customer: 'A won opportunity.',
  Disqualified: 'No fit and no readiness: minimal effort, kept in the database.',
};

export function StageEditor({ data, onChange }: KindEditorProps<KindData<'stage'>>) {
  return (
    <FormRow label="Lifecycle stage" hint={STAGE_HINTS[data.stage]}>
      {(id) => (
        <select
          id={id}
          className="qs-input"
          value={data.stage}
          onChange={(e) => onChange({ stage: e.target.value as KindData<'stage'>['stage'] })}
        >
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      )}
    </FormRow>
  );
}
