import { eventCountLogic } from '../conditions/logic.ts';
import { type Condition, eventConditionsOf } from '../conditions/schema.ts';
import { eventsText } from '../conditions/text.ts';
import type { JsonLogic } from '../model/logic.ts';
import type { CompileContext } from './kind.ts';

/** The counts of a condition's events conditions, for the receipt (nothing when it has none). */
export function countsOf(
  condition: Condition,
  ctx: CompileContext,
): { counts?: { text: string; count: JsonLogic }[] } {
  const counted = eventConditionsOf(condition);
  return counted.length
    ? { counts: counted.map((c) => ({ text: eventsText(c, ctx), count: eventCountLogic(c, ctx) })) }
    : {};
}
