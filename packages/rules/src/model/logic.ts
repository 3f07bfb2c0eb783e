/**
 * Truth values inside compiled conditions. JSON-logic has no "unknown", so a condition
 * compiles to a number and Kleene's three-valued logic falls out of `min` (AND) and `max` (OR):
 * a criterion whose field is missing is UNKNOWN, which is neither met nor failed.
 */
export const MET = 1;
export const NOT_MET = 0;
export const UNKNOWN = 0.5;

export type Truth = typeof MET | typeof NOT_MET | typeof UNKNOWN;
export type TruthStatus = 'met' | 'not_met' | 'unknown';

export function truthStatus(value: unknown): TruthStatus {
  if (value === MET) return 'met';
  if (value === UNKNOWN) return 'unknown';
  return 'not_met';
}

/** A JSON-logic rule: plain JSON. */
export type JsonLogic = null | boolean | number | string | JsonLogic[] | { [op: string]: JsonLogic };

/** Compiles a JSON-logic rule once into a function of the data (the fast path or json-logic-js). */
export type LogicEngine = (rule: JsonLogic) => (data: unknown) => unknown;

export const DAY_MS = 86_400_000;
