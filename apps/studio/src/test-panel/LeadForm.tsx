import { choiceLabel, FIELD_CATEGORIES, type Field, type FieldCatalogue } from '@qualify/rules';

function FieldInput({
  field,
  value,
  onChange,
}: {
  field: Field;
  value: string;
  onChange: (v: string) => void;
}) {
  const common = { className: 'qs-input', 'aria-label': field.label, value };
  switch (field.type) {
    case 'number':
      return <input {...common} type="number" step="any" onChange={(e) => onChange(e.target.value)} />;
    case 'boolean':
      return (
        <select {...common} onChange={(e) => onChange(e.target.value)}>
          <option value="">unknown</option>
          <option value="true">yes</option>
          <option value="false">no</option>
        </select>
      );
    case 'enum':
      return (
        <select {...common} onChange={(e) => onChange(e.target.value)}>
          <option value="">unknown</option>
          {!(field.values ?? []).includes(value) && value && <option value={value}>{value}</option>}
          {(field.values ?? []).map((v) => (
            <option key={v} value={v}>
              {choiceLabel(field, v)}
            </option>
          ))}
        </select>
      );
    case 'date':
      return <input {...common} type="datetime-local" onChange={(e) => onChange(e.target.value)} />;
    case 'stringList':
      return (
        <input {...common} type="text" placeholder="a, b, c" onChange={(e) => onChange(e.target.value)} />
      );
    default:
      return <input {...common} type="text" onChange={(e) => onChange(e.target.value)} />;
  }
}

/** A sample lead built from the field catalogue; an empty input means the data is missing. */
export function LeadForm(props: {
  fields: FieldCatalogue;
  values: Readonly<Record<string, string>>;
  onChange: (values: Record<string, string>) => void;
}) {
  const { fields, values, onChange } = props;
  if (!fields.length)
    return <p className="qs-hint">The catalogue has no fields: add some in the Fields tab.</p>;
  return (
    <div className="qs-lead-form">
      {FIELD_CATEGORIES.map((cat) => {
        const inCat = fields.filter((f) => f.category === cat);
        if (!inCat.length) return null;
        return (
          <fieldset key={cat} className="qs-lead-group">
            <legend>{cat}</legend>
            {inCat.map((f) => (
              <div key={f.path} className="qs-lead-row">
                <span className="qs-lead-label" title={f.path}>
                  {f.label}
                </span>
                <FieldInput
                  field={f}
                  value={values[f.path] ?? ''}
                  onChange={(v) => onChange({ ...values, [f.path]: v })}
                />
              </div>
            ))}
          </fieldset>
        );
      })}
    </div>
  );
}
