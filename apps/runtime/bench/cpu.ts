import { readdirSync, readFileSync } from 'node:fs';
import { SQLITE_THREAD_NAMES } from '../src/sqlite-thread/thread.ts';

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
  /** The SQLite thread the hand-offs wait on, and the background one (the decision index). */
  sqliteRequests: number;
  sqliteBackground: number;
}

/** CPU seconds of the process's threads of this name (as the thread set it in /proc). */
function threadSeconds(pid: number, name: string): number {
  let sum = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      if (readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim() === name)
        sum += ticks(`/proc/${pid}/task/${tid}/stat`);
    } catch {
      // A thread that ended meanwhile: its time is in the process's total only.
    }
  }
  return sum / TICKS_PER_SECOND;
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
      sqliteRequests: threadSeconds(pid, SQLITE_THREAD_NAMES.requests),
      sqliteBackground: threadSeconds(pid, SQLITE_THREAD_NAMES.background),
    };
  } catch {
    return null;
  }
}
