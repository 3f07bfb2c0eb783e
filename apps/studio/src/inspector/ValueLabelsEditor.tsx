import { type Field, humanizeChoice } from '@qualify/rules';

/**
 * The labels people read for a choice field's values ("decision_maker" → "Decision maker"). A blank
 * label falls back to the value in words, shown as the placeholder; the document keeps only labels
 * someone wrote.
 */
export function ValueLabelsEditor({
  field,
  name,
  onChange,
}: {
  field: Field;
  /** What the inputs are named after: "Field 2", "Event property 1". */
  name: string;
  onChange: (labels: Record<string, string> | undefined) => void;
}) {
  const values = field.values ?? [];
  if (values.length === 0) return null;
  const labels = field.valueLabels ?? {};
  const set = (value: string, label: string) => {
    const next: Record<string, string> = {};
    for (const v of values) {
      const l = v === value ? label.trim() : labels[v];
      if (l) next[v] = l;
    }
    onChange(Object.keys(next).length ? next : undefined);
  };
  return (
    <details className="qs-value-labels">
      <summary>Labels of the values</summary>
      <table>
        <tbody>
          {values.map((v) => (
            <tr key={v}>
              <th scope="row">
                <code>{v}</code>
              </th>
              <td>
                <input
                  type="text"
                  className="qs-input"
                  aria-label={`${name} label of ${v}`}
                  placeholder={humanizeChoice(v)}
                  value={labels[v] ?? ''}
                  onChange={(e) => set(v, e.target.value)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
