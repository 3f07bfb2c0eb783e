export type LogicCompileErrorCode = 'unknown_operation' | 'invalid_rule';

/**
 * Raised by compileLogic for rules it refuses to compile. json-logic-js would
 * throw for the same rules, but only when evaluation reaches the bad part; we
 * reject up front so a broken rule fails at publish time, not on the 10,000th lead.
 */
export class LogicCompileError extends Error {
  readonly code: LogicCompileErrorCode;
  readonly operation?: string;

  constructor(code: LogicCompileErrorCode, message: string, operation?: string) {
    super(message);
    this.name = 'LogicCompileError';
    this.code = code;
    if (operation !== undefined) this.operation = operation;
  }
}
