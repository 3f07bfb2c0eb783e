import {
  DEFAULT_EVENT_PROPERTIES,
  EVENT_TIME,
  type EventProperty,
  renameEventProperty,
} from '@qualify/rules';
import { setEventProperties } from '../graph/edits.ts';
import { freePath } from '../graph/ids.ts';
import { FieldBasics } from '../inspector/FieldBasics.tsx';
import { useStudio } from '../store/studio-store.ts';

/** The properties of a lead's events that "events count" conditions may test (type, page, ...). */
export function EventPropertiesSettings() {
  const doc = useStudio((s) => s.doc);
  const commit = useStudio((s) => s.commit);
  if (!doc) return null;
  const properties = doc.events?.properties ?? [];
  const set = (next: EventProperty[], key?: string) =>
    commit(setEventProperties(doc, next), key ? { key } : {});
  const replace = (i: number, next: EventProperty, key?: string) =>
    set(
      properties.map((p, j) => (j === i ? next : p)),
      key && `event-property-${i}-${key}`,
    );
  // Renaming carries the events conditions that test the property along (one undo step); onto another
  // property's name it only renames this one, and validation flags the duplicate.
  const rename = (i: number, path: string) => {
    const renamed = renameEventProperty(doc, properties[i]!.path, path);
    if (renamed === doc) replace(i, { ...properties[i]!, path }, 'path');
    else commit(renamed, { key: `event-property-${i}-path` });
  };
  const add = () => {
    const path = freePath(new Set(properties.map((p) => p.path)), 'property', properties.length + 1);
    const label = `New property ${path.slice('property'.length)}`;
    set([...properties, { path, label, type: 'string', category: 'engagement' }]);
  };
  return (
    <section className="qs-card qs-scoring-sec" aria-labelledby="qs-event-props-head">
      <h3 id="qs-event-props-head" className="qs-subhead">
        Event properties
      </h3>
      <p className="qs-hint">
        What an events count may test about each of a lead's events, such as its type or page. Every event
        also has its time, <code>{EVENT_TIME}</code>, which "in the last N days" reads.
      </p>
      {properties.length === 0 && (
        <div className="qs-empty qs-empty-small">
          <p>
            No event properties yet
            {doc.events ? '.' : ': the first events count brings the usual ones (event type and page).'}
          </p>
          <button type="button" className="qs-btn" onClick={() => set(DEFAULT_EVENT_PROPERTIES)}>
            Start with the usual properties
          </button>
        </div>
      )}
      <ol className="qs-cards">
        {properties.map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the name itself is being edited, so position is the identity
          <li key={i} className="qs-card qs-event-property-card">
            <FieldBasics
              field={p}
              index={i}
              noun="Event property"
              withCategory={false}
              onChange={(next, key) => replace(i, next, key)}
              onRename={(path) => rename(i, path)}
            />
            <div className="qs-row qs-row-end">
              <button
                type="button"
                className="qs-link-btn is-danger"
                onClick={() => set(properties.filter((_, j) => j !== i))}
                aria-label={`Remove event property ${p.label}`}
              >
                Remove
              </button>
            </div>
          </li>
        ))}
      </ol>
      <button type="button" className="qs-btn" onClick={add}>
        + Event property
      </button>
    </section>
  );
}
