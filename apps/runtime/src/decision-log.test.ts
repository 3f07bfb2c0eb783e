import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decisionIds } from './decision-id.ts';
import { DecisionLog } from './decision-log.ts';
import type { DecisionLogEntry } from './store.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qualify-log-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = (memoryEntries: number, rotateBytes = 64 * 1024 * 1024) =>
  DecisionLog.open({ dir, flushMs: 10_000, rotateBytes, memoryEntries, logger: { info() {}, error() {} } });

function entries(n: number, start = Date.parse('2026-03-01T23:59:59.000Z')): DecisionLogEntry[] {
  const next = decisionIds();
  return Array.from({ length: n }, (_, i) => {
    const ms = start + i * 7;
    return {
      decisionId: next(ms),
      workflowId: i % 2 ? 'odd' : 'even',
      version: 1,
      leadId: `L${i}`,
      email: null,
      route: i % 3 ? 'nurture' : 'sales',
      target: 'x',
      routeNodeId: 'r1',
      stage: 'MQL',
      score: i,
      at: new Date(ms).toISOString(),
    };
  });
}

async function pageAll(log: DecisionLog, filter = {}, limit = 7): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await log.list(filter, cursor, limit);
    ids.push(...page.items.map((e) => e.leadId!));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

describe('decision log', () => {
  it('pages across memory and rotated files, newest first, after a restart too', async () => {
    const all = entries(300);
    let log = await open(50, 2000);
    for (const [i, e] of all.slice(0, 200).entries()) {
      log.append(e);
      // A file rotates between flushes once past its size, so flush often to get several.
      if (i % 20 === 19) await log.flush();
    }
    for (const e of all.slice(200)) log.append(e);
    const newestFirst = all.map((e) => e.leadId!).reverse();
    expect(await pageAll(log)).toEqual(newestFirst);
    await log.close();
    expect(readdirSync(join(dir)).length).toBeGreaterThan(3);

    log = await open(50);
    expect(await pageAll(log)).toEqual(newestFirst);
    expect(await pageAll(log, { workflow: 'odd', route: 'sales' }, 5)).toEqual(
      all
        .filter((e) => e.workflowId === 'odd' && e.route === 'sales')
        .map((e) => e.leadId)
        .reverse(),
    );
    expect((await log.get(all[3]!.decisionId))?.leadId).toBe('L3');
    expect(await log.get(`${all[3]!.decisionId.slice(0, 24)}000000`)).toBeUndefined();
    await log.close();
  });

  it('scans every matching entry since a time once, from memory and files, after a restart too', async () => {
    const all = entries(300);
    let log = await open(50, 2000);
    for (const [i, e] of all.entries()) {
      log.append(e);
      if (i % 20 === 19) await log.flush();
    }
    const scan = async (filter: { workflow?: string; since?: string }) => {
      const seen: string[] = [];
      await log.scan(filter, (e) => seen.push(e.leadId!));
      return seen.sort();
    };
    const expected = (from: number, workflow?: string) =>
      all
        .slice(from)
        .filter((e) => workflow === undefined || e.workflowId === workflow)
        .map((e) => e.leadId!)
        .sort();
    // Since inside the ring, then reaching back into the files.
    expect(await scan({ since: all[280]!.at })).toEqual(expected(280));
    expect(await scan({ since: all[40]!.at, workflow: 'odd' })).toEqual(expected(40, 'odd'));
    await log.close();
    log = await open(50);
    expect(await scan({})).toEqual(expected(0));
    await log.close();
  });

  it('pages and scans in id order after a restart with the clock set back, and answers from memory alone otherwise', async () => {
    // The first process ran with a clock an hour fast; the second starts at the true time, so every
    // id it gives sorts below the first one's.
    const fast = entries(30, Date.parse('2026-03-02T11:00:00Z')).map((e) => ({
      ...e,
      leadId: `fast-${e.leadId}`,
    }));
    const now = entries(20, Date.parse('2026-03-02T10:00:00Z')).map((e) => ({
      ...e,
      leadId: `now-${e.leadId}`,
    }));
    let log = await open(50);
    for (const e of fast) log.append(e);
    await log.close();
    log = await open(50);
    for (const e of now) log.append(e);
    const byId = [...fast, ...now]
      .sort((a, b) => (a.decisionId < b.decisionId ? 1 : -1))
      .map((e) => e.leadId!);
    expect(byId[0]).toBe('fast-L29');
    expect(await pageAll(log)).toEqual(byId);
    expect(await pageAll(log, { workflow: 'odd' }, 4)).toEqual(
      byId.filter((l) => Number(l.split('L')[1]) % 2),
    );
    const seen: string[] = [];
    await log.scan({}, (e) => seen.push(e.leadId!));
    expect(seen.sort()).toEqual([...byId].sort());
    await log.close();

    // The next process's clock is right again: its ids are above all logged, so a page of its own
    // decisions comes from memory, without waiting for the disk (nothing of them is written yet).
    log = await open(50);
    // The first page of a process comes from the index, which by then has said what came before.
    expect(await pageAll(log)).toEqual(byId);
    const later = entries(10, Date.parse('2026-03-02T12:00:00Z')).map((e) => ({
      ...e,
      leadId: `later-${e.leadId}`,
    }));
    for (const e of later) log.append(e);
    const written = () =>
      readdirSync(dir)
        .filter((f) => f.endsWith('.jsonl'))
        .map((f) => readFileSync(join(dir, f), 'utf8'))
        .join('');
    const before = written();
    const page = await log.list({}, undefined, 5);
    expect(page.items.map((e) => e.leadId)).toEqual([
      'later-L9',
      'later-L8',
      'later-L7',
      'later-L6',
      'later-L5',
    ]);
    expect(written()).toBe(before);
    expect(await pageAll(log)).toEqual([...later.map((e) => e.leadId!).reverse(), ...byId]);
    await log.close();

    // Set back once more, now that the index holds all the rest: what it holds counts as well.
    log = await open(50);
    const back = entries(10, Date.parse('2026-03-02T10:30:00Z')).map((e) => ({
      ...e,
      leadId: `back-${e.leadId}`,
    }));
    for (const e of back) log.append(e);
    const everything = [...fast, ...now, ...later, ...back].sort((a, b) =>
      a.decisionId < b.decisionId ? 1 : -1,
    );
    expect(await pageAll(log)).toEqual(everything.map((e) => e.leadId));
    // Since a time inside this process's decisions: the older processes' later ones are in the page too.
    const since = back[5]!.at;
    expect((await log.list({ since }, undefined, 100)).items.map((e) => e.leadId)).toEqual(
      everything.filter((e) => e.at >= since).map((e) => e.leadId),
    );
    await log.close();
  });

  it('honours since across files, and skips a line torn by a crash', async () => {
    const all = entries(40);
    let log = await open(10);
    for (const e of all) log.append(e);
    await log.close();
    appendFileSync(join(dir, readdirSync(dir).sort()[0]!), '{"decisionId":"01a2');
    log = await open(10);
    const since = all[30]!.at;
    const page = await log.list({ since }, undefined, 100);
    expect(page.items.map((e) => e.leadId)).toEqual(
      all
        .slice(30)
        .map((e) => e.leadId)
        .reverse(),
    );
    expect(await pageAll(log)).toHaveLength(40);
    log.append(entries(1, Date.parse('2026-03-05T00:00:00Z'))[0]!);
    await log.close();
    expect(
      readdirSync(dir)
        .filter((f) => f.endsWith('.jsonl'))
        .sort(),
    ).toEqual(['decisions-20260301-1.jsonl', 'decisions-20260305-1.jsonl']);
  });

  it('keeps what a failing disk refused for the next flush, and past its bound drops new entries and counts them', async () => {
    const errors: string[] = [];
    const logDir = join(dir, 'log');
    const log = await DecisionLog.open({
      dir: logDir,
      flushMs: 10_000,
      rotateBytes: 64 * 1024 * 1024,
      memoryEntries: 10,
      maxUnwritten: 3,
      logger: { info() {}, error: (m) => errors.push(m) },
    });
    // The folder gone and a file in its place: every write fails.
    rmSync(logDir, { recursive: true });
    writeFileSync(logDir, '');
    const all = entries(5);
    for (const e of all) log.append(e);
    expect([log.pendingCount, log.dropped]).toEqual([3, 2]);
    await log.flush();
    expect(errors).toEqual(['decision log write failed; will retry']);
    expect(log.pendingCount).toBe(3);

    rmSync(logDir);
    mkdirSync(logDir);
    await log.flush();
    expect(log.pendingCount).toBe(0);
    const [file] = readdirSync(logDir);
    const lines = readFileSync(join(logDir, file!), 'utf8').trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual(all.slice(0, 3));
    await log.close();
  });
});
