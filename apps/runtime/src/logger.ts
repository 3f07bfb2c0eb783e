export type LogFields = Record<string, unknown>;

/** Structured log lines; the server writes them to stdout/stderr, tests keep them quiet. */
export interface Logger {
  info(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export const silentLogger: Logger = { info: () => {}, error: () => {} };

/** One JSON object per line: easy to grep by eye and to ship to a log collector. */
export function jsonLogger(out: (line: string) => void, err: (line: string) => void): Logger {
  const line = (level: string, message: string, fields?: LogFields) =>
    JSON.stringify({ at: new Date().toISOString(), level, message, ...fields });
  return {
    info: (message, fields) => out(line('info', message, fields)),
    error: (message, fields) => err(line('error', message, fields)),
  };
}
