import type { ArtifactEvents, ArtifactField } from '../compile/artifact.ts';
import { dateValue } from '../model/dates.ts';
import { EVENT_TIME, EVENTS_PATH } from '../model/events.ts';
import type { DataIssue } from './decision.ts';
import { valueConverter } from './normalize.ts';

/** The lead's events as conditions read them, or undefined (unknown) when the lead has no list. */
export type EventsNormalizer = (raw: unknown) => { events: unknown[] | undefined; issues: DataIssue[] };

const issue = (code: DataIssue['code'], message: string): DataIssue => ({
  field: EVENTS_PATH,
  code,
  message: `${EVENTS_PATH}: ${message}`,
});

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Reads `lead.events`: a missing or null list is unknown (no events were sent); anything but a list is
 * reported and unknown too. Each item that is an object with a readable `at` (ISO 8601 or epoch ms)
 * becomes `{ at: epoch ms, ...properties }`, each property converted as a lead field of its type is
 * (text trimmed and lower-cased, choices to their spelling, values meaning missing left out); other
 * properties are dropped. Items that are not objects or have no readable time are left out and
 * counted in one issue each, so a dirty list still counts the events it can.
 */
export function makeEventsNormalizer(spec: ArtifactEvents): EventsNormalizer {
  const props: [string, ReturnType<typeof valueConverter>][] = spec.properties.map((p: ArtifactField) => [
    p.path,
    valueConverter(p),
  ]);
  return (raw) => {
    const list =
      raw !== null && typeof raw === 'object' && Object.hasOwn(raw, EVENTS_PATH)
        ? (raw as Record<string, unknown>)[EVENTS_PATH]
        : undefined;
    if (list === undefined || list === null) return { events: undefined, issues: [] };
    if (!Array.isArray(list)) {
      const shown = typeof list === 'string' ? JSON.stringify(list.slice(0, 80)) : typeof list;
      return {
        events: undefined,
        issues: [issue('wrong_type', `${shown} is not a list of events; treated as missing.`)],
      };
    }
    const events: Record<string, unknown>[] = [];
    let notObjects = 0;
    let noTime = 0;
    let badValues = 0;
    for (const item of list) {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        notObjects++;
        continue;
      }
      const e = item as Record<string, unknown>;
      const at = dateValue(Object.hasOwn(e, EVENT_TIME) ? e[EVENT_TIME] : undefined);
      if (!Number.isFinite(at)) {
        noTime++;
        continue;
      }
      const out: Record<string, unknown> = { at };
      for (const [path, convert] of props) {
        const v = Object.hasOwn(e, path) ? e[path] : undefined;
        if (v === undefined || v === null) continue;
        const c = convert(v);
        if (c.bad) badValues++;
        else if (c.value !== undefined) out[path] = c.value;
      }
      events.push(out);
    }
    const issues: DataIssue[] = [];
    if (notObjects)
      issues.push(
        issue('wrong_type', `${plural(notObjects, 'item is', 'items are')} not an event object; left out.`),
      );
    if (noTime)
      issues.push(
        issue(
          'unreadable_date',
          `${plural(noTime, 'event has', 'events have')} no readable time ("${EVENT_TIME}"); left out.`,
        ),
      );
    if (badValues)
      issues.push(
        issue(
          'wrong_type',
          `${plural(badValues, 'event property does', 'event properties do')} not fit ${badValues === 1 ? 'its' : 'their'} type; treated as missing.`,
        ),
      );
    return { events, issues };
  };
}
