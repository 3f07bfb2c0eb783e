export { compileLogic, LogicCompileError, type LogicFn, MAX_RULE_DEPTH } from './compile-logic.ts';
export type { LogicCompileErrorCode } from './errors.ts';
