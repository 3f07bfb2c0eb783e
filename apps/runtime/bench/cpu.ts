import { readFileSync } from 'node:fs';

/** Clock ticks a second in /proc's CPU times (USER_HZ): 100 on Linux everywhere it runs here. */
const TICKS_PER_SECOND = 100;

function ticks(statFile: string): number {
  const stat = readFileSync(statFile, 'utf8');
  // After the command name (which may hold spaces, inside parentheses): state, then 10 more fields,
  // then utime and stime.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

export interface CpuTimes {
  /** The process's main thread (its event loop). */
  main: number;
  /** Every thread of the process: the event loop, the garbage collector, the SQLite threads. */
  all: number;
}

/**
 * CPU seconds a process has used so far, from Linux's /proc; null elsewhere. Divided by the requests
 * a load answered, it is the server's cost per request, which moves far less than requests a second
 * on a shared machine (time the machine gives to other work is not counted).
 */
export function cpuSeconds(pid: number): CpuTimes | null {
  try {
    return {
      main: ticks(`/proc/${pid}/task/${pid}/stat`) / TICKS_PER_SECOND,
      all: ticks(`/proc/${pid}/stat`) / TICKS_PER_SECOND,
    };
  } catch {
    return null;
  }
}
