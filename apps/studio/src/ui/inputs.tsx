import { type ReactNode, useEffect, useId, useState } from 'react';

/** A number box that lets people type freely ("1.", "-") and reports only numbers; empty reports null. */
export function NumberInput(props: {
  value: number | null | undefined;
  onChange: (value: number | null) => void;
  label: string;
  min?: number;
  max?: number;
  step?: number;
  className?: string;
  placeholder?: string;
}) {
  const { value, onChange, label, min, max, step, className, placeholder } = props;
  const [text, setText] = useState(value == null ? '' : String(value));
  useEffect(() => {
    setText((t) => (Number(t) === value && t.trim() !== '' ? t : value == null ? '' : String(value)));
  }, [value]);
  return (
    <input
      type="number"
      inputMode="decimal"
      className={className ?? 'qs-input qs-input-num'}
      aria-label={label}
      value={text}
      min={min}
      max={max}
      step={step ?? 'any'}
      placeholder={placeholder}
      onChange={(e) => {
        const raw = e.target.value;
        setText(raw);
        if (raw.trim() === '') onChange(null);
        else if (Number.isFinite(Number(raw))) onChange(Number(raw));
      }}
    />
  );
}

/** Comma-separated values: shows what was typed, reports the trimmed non-empty items. */
export function ListInput(props: {
  value: readonly (string | number | boolean)[];
  onChange: (items: string[]) => void;
  label: string;
  placeholder?: string;
}) {
  const { value, onChange, label, placeholder } = props;
  const joined = value.map(String).join(', ');
  const [text, setText] = useState(joined);
  useEffect(() => {
    setText((t) => (splitList(t).join(', ') === joined ? t : joined));
  }, [joined]);
  return (
    <input
      type="text"
      className="qs-input"
      aria-label={label}
      value={text}
      placeholder={placeholder ?? 'a, b, c'}
      onChange={(e) => {
        setText(e.target.value);
        onChange(splitList(e.target.value));
      }}
    />
  );
}

export const splitList = (s: string): string[] =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** A labelled form row: the label sits above the control and is tied to it. */
export function FormRow(props: { label: string; hint?: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="qs-form-row">
      <label htmlFor={id}>{props.label}</label>
      {props.children(id)}
      {props.hint && <small className="qs-hint">{props.hint}</small>}
    </div>
  );
}
