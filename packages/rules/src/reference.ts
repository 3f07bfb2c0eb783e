import jsonLogic from 'json-logic-js';
import type { JsonLogic, LogicEngine } from './model/logic.ts';

/**
 * The reference semantics: json-logic-js applying the artifact's expressions, for differential tests
 * and benchmarks (`prepare(artifact, { engine: referenceEngine })`). A subpath of its own
 * (`@qualify/rules/reference`), so the studio's bundle does not carry json-logic-js.
 */
export const referenceEngine: LogicEngine = (rule: JsonLogic) => (data) =>
  jsonLogic.apply(rule as jsonLogic.RulesLogic, data);
