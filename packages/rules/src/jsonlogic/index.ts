export { compileLogic, LogicCompileError, type LogicFn, MAX_RULE_DEPTH } from './compile-logic';
export type { LogicCompileErrorCode } from './errors';
