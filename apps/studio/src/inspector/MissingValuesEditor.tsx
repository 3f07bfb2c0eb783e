import { DEFAULT_MISSING_VALUES, type Field } from '@qualify/rules';
import { setMissingValues } from '../graph/edits.ts';
import { useStudio } from '../store/studio-store.ts';
import { ListInput } from '../ui/inputs.tsx';

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/** The workflow's values that mean missing: how every field without a list of its own reads "not answered". */
export function WorkflowMissingValues() {
  const doc = useStudio((s) => s.doc);
  const commit = useStudio((s) => s.commit);
  if (!doc) return null;
  // A document that never set a list reads the product's (the schema's default).
  const list = doc.missingValues ?? DEFAULT_MISSING_VALUES;
  return (
    <section className="qs-card qs-missing-values" aria-label="Values that mean missing">
      <strong>Values that mean missing</strong>
      <p className="qs-hint">
        A lead value equal to one of these (ignoring case and spaces), such as a form's untouched "Select",
        counts as not answered: it earns no points, passes no criterion and is not a data issue.
      </p>
      <ListInput
        label="Values that mean missing, comma separated"
        value={list}
        placeholder="none: only empty values are missing"
        onChange={(values) => commit(setMissingValues(doc, values), { key: 'missing-values' })}
      />
      {!sameList(list, DEFAULT_MISSING_VALUES) && (
        <button
          type="button"
          className="qs-link-btn"
          onClick={() => commit(setMissingValues(doc, [...DEFAULT_MISSING_VALUES]))}
        >
          Use the product's list ({DEFAULT_MISSING_VALUES.join(', ')})
        </button>
      )}
    </section>
  );
}

/** One field's choice: the workflow's values that mean missing, or a list of its own. */
export function FieldMissingValues(props: {
  field: Field;
  index: number;
  workflowList: readonly string[];
  onChange: (missingValues: string[] | undefined) => void;
}) {
  const { field, index, workflowList, onChange } = props;
  const own = field.missingValues !== undefined;
  return (
    <>
      <label className="qs-check">
        <input
          type="checkbox"
          aria-label={`Field ${index + 1} has its own values that mean missing`}
          checked={own}
          // Starting from the workflow's list: the usual change is one value more or less.
          onChange={(e) => onChange(e.target.checked ? [...workflowList] : undefined)}
        />
        Own values that mean missing
      </label>
      {own ? (
        <ListInput
          label={`Field ${index + 1} values that mean missing, comma separated`}
          value={field.missingValues ?? []}
          placeholder="none: only empty values are missing"
          onChange={onChange}
        />
      ) : (
        <small className="qs-hint">
          Missing when empty or {workflowList.length ? workflowList.join(', ') : 'nothing else'}
        </small>
      )}
    </>
  );
}
