import { EVENT_TIME, EVENTS_PATH } from '../model/events.ts';
import type { FieldCatalogue } from '../model/fields.ts';
import { SCORE_NAMES } from '../model/score-limits.ts';
import type { Issue, Workflow } from '../model/workflow.ts';

const error = (code: string, path: string, message: string): Issue => ({
  code,
  severity: 'error',
  path,
  message,
});

/** The catalogue's event properties: unique names, none called `at` (the time), choices with values. */
function checkEventProperties(wf: Workflow): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  (wf.events?.properties ?? []).forEach((p, i) => {
    const path = `events.properties.${i}`;
    if (seen.has(p.path))
      issues.push(
        error('duplicate_event_property', `${path}.path`, `The event property "${p.path}" is listed twice.`),
      );
    seen.add(p.path);
    if (p.path === EVENT_TIME)
      issues.push(
        error(
          'reserved_event_property',
          `${path}.path`,
          `"${EVENT_TIME}" is every event's time, read by "in the last N days": remove it from the event properties.`,
        ),
      );
    if (p.type === 'enum' && !p.values?.length)
      issues.push(
        error(
          'enum_without_values',
          `${path}.values`,
          `${p.label} is a choice property with no values: list the values it can take.`,
        ),
      );
  });
  return issues;
}

/** Grade bands in order (A above B, 1 above 2) and floors no higher than their caps. */
function checkBandsAndLimits(wf: Workflow): Issue[] {
  const issues: Issue[] = [];
  if (wf.grade && wf.grade.fit.B >= wf.grade.fit.A)
    issues.push(
      error(
        'grade_bands_out_of_order',
        'grade.fit.B',
        `Grade band B (fit ${wf.grade.fit.B}+) must be lower than A (fit ${wf.grade.fit.A}+), or no lead is B.`,
      ),
    );
  if (wf.grade && wf.grade.engagement['2'] >= wf.grade.engagement['1'])
    issues.push(
      error(
        'grade_bands_out_of_order',
        'grade.engagement.2',
        `Grade band 2 (engagement ${wf.grade.engagement['2']}+) must be lower than 1 (engagement ${wf.grade.engagement['1']}+), or no lead is 2.`,
      ),
    );
  for (const name of SCORE_NAMES) {
    const l = wf.scoreLimits?.[name];
    if (l && l.floor !== null && l.cap !== null && l.floor > l.cap)
      issues.push(
        error(
          'floor_above_cap',
          `scoreLimits.${name}.floor`,
          `The ${name} score's floor (${l.floor}) is above its cap (${l.cap}): no score could satisfy both.`,
        ),
      );
  }
  return issues;
}

/** The workflow-wide scoring settings: event properties, grade bands, score limits. */
export const checkScoring = (wf: Workflow): Issue[] => [
  ...checkEventProperties(wf),
  ...checkBandsAndLimits(wf),
];

/** When conditions count events, `events` is the lead's list: a lead field may not sit there too. */
export function checkEventsPath(fields: FieldCatalogue, counted: boolean): Issue[] {
  if (!counted) return [];
  return fields.flatMap((f, i) =>
    f.path === EVENTS_PATH || f.path.startsWith(`${EVENTS_PATH}.`)
      ? [
          error(
            'reserved_field',
            `fields.${i}.path`,
            `"${f.path}" sits where the lead's events list goes, which events conditions count: rename this field.`,
          ),
        ]
      : [],
  );
}
