import { useId } from 'react';

/**
 * One filter of a filter row (`.qs-filters`): a labelled select whose first option means "any". A
 * current value not among the options (from the address, or an item gone since) stays shown as itself.
 */
export function FilterSelect<T extends string>(props: {
  label: string;
  value: T | '';
  /** The first option's text: "Any", "Anyone", "Any workflow". */
  any: string;
  options: ReadonlyArray<{ value: T; label: string }>;
  onChange: (value: T | '') => void;
}) {
  const id = useId();
  const { value, options } = props;
  return (
    <div className="qs-form-row">
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        className="qs-input"
        value={value}
        onChange={(e) => props.onChange(e.target.value as T | '')}
      >
        <option value="">{props.any}</option>
        {value && !options.some((o) => o.value === value) && <option value={value}>{value}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
