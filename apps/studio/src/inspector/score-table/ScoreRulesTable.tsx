import {
  type Condition,
  type ConditionScope,
  conditionText,
  type FieldCatalogue,
  scopeOf,
} from '@qualify/rules';
import { Fragment, type KeyboardEvent, useId, useRef, useState } from 'react';
import { useDoc } from '../../store/use-doc.ts';
import { NumberInput } from '../../ui/inputs.tsx';
import { PasteBox, type PasteReport, PasteReportView } from './PasteRows.tsx';
import { looksTabular, parsePastedRules } from './paste-rules.ts';
import { DecayCell, RuleDetails } from './RuleDetails.tsx';
import { appendRules, moveRule, newRule, type ScoreData, type ScoreRule } from './rule-edits.ts';
import { dropIndex, useRowDrag } from './use-row-drag.ts';

interface Props {
  data: ScoreData;
  fields: FieldCatalogue;
  onChange: (data: ScoreData, key?: string) => void;
}

/** A rule's condition as the rules core reads it; a rule with no test yet says what it does. */
function appliesText(c: Condition, fields: FieldCatalogue, scope: ConditionScope): string {
  if (c.type === 'group' && c.conditions.length === 0)
    return c.match === 'all' ? 'Every lead (no condition yet)' : 'No lead (empty "any" group)';
  return conditionText(c, fields, scope);
}

/**
 * The score step's rules as a table, one row a rule: label and points (and decay days) edit in place,
 * rows reorder by drag or Alt+↑/↓, spreadsheet rows paste in as one undo step, a row opens its details.
 */
export function ScoreRulesTable({ data, fields, onChange }: Props) {
  const rules = data.rules;
  const doc = useDoc();
  const scope = doc ? scopeOf(doc) : {};
  const body = useRef<HTMLTableSectionElement>(null);
  const hintId = useId();
  const [open, setOpen] = useState<string | null>(null);
  const [said, setSaid] = useState('');
  const [report, setReport] = useState<PasteReport | null>(null);

  const setRules = (next: ScoreRule[], key?: string) => onChange({ ...data, rules: next }, key);
  const setRule = (i: number, rule: ScoreRule, key?: string) =>
    setRules(
      rules.map((r, j) => (j === i ? rule : r)),
      key && `rule-${rule.id}-${key}`,
    );
  const move = (from: number, to: number) => {
    const next = moveRule(rules, from, to);
    if (next === rules) return;
    const at = next.indexOf(rules[from]!);
    setRules(next);
    setSaid(`Moved "${rules[from]!.label}" to position ${at + 1} of ${rules.length}.`);
  };
  const { drag, handleProps } = useRowDrag(body, move);

  const paste = (text: string) => {
    const out = parsePastedRules(text, fields);
    if (out.rules.length) setRules(appendRules(rules, out.rules));
    setReport({ added: out.rules.length, rejected: out.rejected });
  };
  const onPaste = (e: React.ClipboardEvent) => {
    const text = e.clipboardData.getData('text/plain');
    if (!looksTabular(text)) return;
    e.preventDefault();
    paste(text);
  };
  const rowKeys = (i: number) => (e: KeyboardEvent) => {
    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    move(i, i + (e.key === 'ArrowUp' ? -1 : 1));
  };
  const top = rules.reduce((s, r) => s + Math.max(0, r.points), 0);

  return (
    <section className="qs-rules" aria-label="Rules">
      <h3 className="qs-subhead">
        Rules{' '}
        {rules.length > 0 && (
          <span className="qs-muted">
            ({rules.length}, up to +{top})
          </span>
        )}
      </h3>
      {/* Pasting spreadsheet rows anywhere in the table (a label box, a row) adds them as rules. */}
      <div className="qs-rule-table-wrap" onPaste={onPaste} data-testid="score-rules">
        {rules.length === 0 ? (
          <div className="qs-empty-rules">
            <p>
              <strong>No rules yet</strong>: this step adds no points.
            </p>
            <p className="qs-hint">Add a rule, or paste rows from a spreadsheet (label, points, …).</p>
          </div>
        ) : (
          <table className="qs-rule-table">
            <thead>
              <tr>
                <th scope="col">
                  <span className="qs-sr">Order</span>
                </th>
                <th scope="col">Rule</th>
                <th scope="col">Points</th>
                <th scope="col">Decay</th>
                <th scope="col">
                  <span className="qs-sr">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody ref={body}>
              {rules.map((r, i) => {
                const isOpen = open === r.id;
                const cls = [
                  drag?.from === i && 'is-dragging',
                  drag && drag.slot === i && dropIndex(drag) !== drag.from && 'is-drop-before',
                  drag && drag.slot === rules.length && i === rules.length - 1 && 'is-drop-after',
                ]
                  .filter(Boolean)
                  .join(' ');
                return (
                  <Fragment key={r.id}>
                    <tr data-row-index={i} data-rule-id={r.id} className={cls} onKeyDown={rowKeys(i)}>
                      <td className="qs-rule-handle-cell">
                        <button
                          type="button"
                          className="qs-drag-handle"
                          aria-label={`Reorder rule ${r.label} (position ${i + 1} of ${rules.length})`}
                          aria-describedby={hintId}
                          onKeyDown={(e) => {
                            if (e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
                            e.preventDefault();
                            move(i, i + (e.key === 'ArrowUp' ? -1 : 1));
                          }}
                          {...handleProps(i)}
                        >
                          ⠿
                        </button>
                      </td>
                      <td className="qs-rule-main">
                        <input
                          className="qs-input qs-cell-input"
                          aria-label={`Rule ${i + 1} label`}
                          value={r.label}
                          onChange={(e) => setRule(i, { ...r, label: e.target.value }, 'label')}
                        />
                        <button
                          type="button"
                          className="qs-rule-cond"
                          aria-expanded={isOpen}
                          title="Open the rule's details"
                          onClick={() => setOpen(isOpen ? null : r.id)}
                        >
                          {appliesText(r.condition, fields, scope)}
                        </button>
                      </td>
                      <td>
                        <NumberInput
                          label={`Rule ${i + 1} points`}
                          className="qs-input qs-input-num qs-cell-num"
                          step={1}
                          value={r.points}
                          onChange={(n) => setRule(i, { ...r, points: n ?? 0 }, 'points')}
                        />
                      </td>
                      <td>
                        <DecayCell rule={r} index={i} onChange={(x, key) => setRule(i, x, key)} />
                      </td>
                      <td className="qs-rule-actions">
                        <button
                          type="button"
                          className="qs-icon-btn"
                          aria-label={`Details of rule ${r.label}`}
                          aria-expanded={isOpen}
                          onClick={() => setOpen(isOpen ? null : r.id)}
                        >
                          {isOpen ? '▾' : '▸'}
                        </button>
                        <button
                          type="button"
                          className="qs-icon-btn"
                          aria-label={`Remove rule ${r.label}`}
                          onClick={() => setRules(rules.filter((_, j) => j !== i))}
                        >
                          ×
                        </button>
                      </td>
                    </tr>
                    {isOpen && (
                      <tr className="qs-rule-details-row">
                        <td colSpan={5}>
                          <RuleDetails
                            rule={r}
                            index={i}
                            fields={fields}
                            onChange={(x, key) => setRule(i, x, key)}
                          />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        )}
      </div>
      {rules.length > 0 && (
        <p id={hintId} className="qs-hint">
          Drag ⠿ or press Alt+↑/↓ in a row to reorder; paste rows from a spreadsheet into the table.
        </p>
      )}
      <p className="qs-sr" aria-live="polite">
        {said}
      </p>
      {report && <PasteReportView report={report} onDismiss={() => setReport(null)} />}
      <div className="qs-row">
        <button
          type="button"
          className="qs-btn"
          onClick={() => {
            const next = appendRules(rules, [newRule()]);
            setRules(next);
            setOpen(next.at(-1)!.id);
          }}
        >
          + Rule
        </button>
      </div>
      <PasteBox onPaste={paste} />
    </section>
  );
}
