import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Whether a process with this pid runs (EPERM: it does, under another user). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claims the data folder for one process: two processes writing the same store would each
 * overwrite the other's changes. A lock left by a process that died is taken over.
 * Returns the release function.
 */
export function lockDataDir(
  dir: string,
  pid: number,
  isAlive: (pid: number) => boolean = processIsAlive,
): () => void {
  const file = join(dir, 'runtime.lock');
  try {
    writeFileSync(file, String(pid), { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    const holder = Number(readFileSync(file, 'utf8').trim());
    if (Number.isInteger(holder) && holder !== pid && isAlive(holder)) {
      throw new Error(`${dir} is in use by process ${holder}. Stop it first, or use another DATA_DIR.`);
    }
    writeFileSync(file, String(pid));
  }
  return () => {
    try {
      if (readFileSync(file, 'utf8').trim() === String(pid)) rmSync(file);
    } catch {
      // Already gone: nothing to release.
    }
  };
}
