import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decisionIds } from '../decision-id.ts';
import { DecisionLog } from '../decision-log.ts';
import type { DecisionFilter, DecisionLogEntry } from '../store.ts';
import { MIGRATIONS } from './schema.ts';

/**
 * The embedded decision log answers from its index (decision-index/) what its ring no longer holds.
 * Every answer here is checked against the simple path: the entries themselves, filtered and sorted
 * in the test.
 */
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qualify-index-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const DAY = 86_400_000;
const START = Date.parse('2026-03-01T00:00:00Z');
const WORKFLOWS = ['bant', 'champ', 'meddic'];
const ROUTES = ['sales', 'nurture', 'disqualify', null] as const;
const STAGES = ['Lead', 'MQL', 'SQL', 'Disqualified'] as const;

const open = (memoryEntries = 25) =>
  DecisionLog.open({
    dir,
    flushMs: 10_000,
    rotateBytes: 4_000,
    memoryEntries,
    logger: { info() {}, error() {} },
  });

/** n decisions over six days, 40 leads (some by e-mail only), with a seeded spread of values. */
function decisions(n: number): DecisionLogEntry[] {
  const next = decisionIds();
  let seed = 7;
  const pick = <T>(xs: readonly T[]) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return xs[(seed >>> 16) % xs.length]!;
  };
  return Array.from({ length: n }, (_, i) => {
    const ms = START + Math.floor((i * 6 * DAY) / n);
    const lead = i % 40;
    return {
      decisionId: next(ms),
      workflowId: pick(WORKFLOWS),
      version: 1 + (i % 2),
      leadId: lead % 4 === 0 ? null : `L${lead}`,
      email: lead % 3 === 0 ? `Person${lead}@Example.com`.toLowerCase() : null,
      route: pick(ROUTES),
      target: i % 5 ? 'Inbound SDR' : null,
      routeNodeId: i % 5 ? 'to-sales' : null,
      stage: pick(STAGES),
      score: (i * 37) % 101,
      at: new Date(ms).toISOString(),
    };
  });
}

/** The simple path: what `filter` keeps of `all`, newest first. */
function expected(all: DecisionLogEntry[], f: DecisionFilter): string[] {
  return all
    .filter(
      (e) =>
        (f.workflow === undefined || e.workflowId === f.workflow) &&
        (f.lead === undefined || e.leadId === f.lead || e.email === f.lead) &&
        (f.route === undefined || e.route === f.route) &&
        (f.stage === undefined || e.stage === f.stage) &&
        (f.since === undefined || e.at >= f.since),
    )
    .map((e) => e.decisionId)
    .sort()
    .reverse();
}

async function pageAll(log: DecisionLog, filter: DecisionFilter, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await log.list(filter, cursor, limit);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    ids.push(...page.items.map((e) => e.decisionId));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
}

const FILTERS: DecisionFilter[] = [
  {},
  { workflow: 'champ' },
  { lead: 'L7' },
  { lead: 'person9@example.com' },
  { lead: 'nobody' },
  { route: 'sales' },
  { stage: 'SQL' },
  { workflow: 'bant', route: 'nurture', stage: 'MQL' },
  { route: 'sales', stage: 'Disqualified' },
  { since: new Date(START + 4.5 * DAY).toISOString() },
  { workflow: 'meddic', route: 'disqualify', since: new Date(START + 2 * DAY).toISOString() },
];

async function expectSameAnswers(log: DecisionLog, all: DecisionLogEntry[]) {
  for (const [i, filter] of FILTERS.entries()) {
    expect(await pageAll(log, filter, [7, 50, 1000][i % 3]!), JSON.stringify(filter)).toEqual(
      expected(all, filter),
    );
  }
}

/** Appends the entries with a flush every 100, each starting a file (4 KB at most): a table each in the index. */
async function appendAll(log: DecisionLog, entries: DecisionLogEntry[]) {
  for (const [i, e] of entries.entries()) {
    log.append(e);
    if (i % 100 === 99) await log.flush();
  }
}

const fileBytes = () =>
  readdirSync(dir)
    .filter((f) => f.startsWith('index.sqlite'))
    .map((f) => readFileSync(join(dir, f)).toString('latin1'))
    .join('');

describe('decision index', () => {
  it('answers every filter and page the same as the entries themselves, past the ring and after restarts', async () => {
    const all = decisions(1_200);
    let log = await open();
    await appendAll(log, all);
    await expectSameAnswers(log, all);
    const full = all.find((e) => e.decisionId === expected(all, { route: 'disqualify' })[100])!;
    expect(await log.get(full.decisionId)).toEqual(full);
    let seen = 0;
    await log.scan({ workflow: 'champ' }, () => seen++);
    expect(seen).toBe(expected(all, { workflow: 'champ' }).length);
    await log.close();
    // Restarted: the ring starts empty and every answer comes from the index.
    log = await open();
    await expectSameAnswers(log, all);
    await log.close();
    // Lost, then damaged: built again from the files.
    rmSync(join(dir, 'index.sqlite'));
    log = await open();
    await expectSameAnswers(log, all);
    await log.close();
    writeFileSync(
      join(dir, 'index.sqlite'),
      'not a database at all, but long enough to look like one'.repeat(200),
    );
    log = await open();
    await expectSameAnswers(log, all);
    await log.close();
  });

  it('answers the same when files are out of time order and their ranges of ids overlap (a clock set back), and after an index of one table', async () => {
    const all = decisions(600);
    const log = await open();
    // The newest third first, then the oldest, then the middle one alternating with the oldest's last
    // decisions: neither the order of the files nor their first ids says which holds the newest. A
    // flush every 30 decisions, each starting a file (4 KB at most), so there are many.
    const order = [...all.slice(400), ...all.slice(0, 150)];
    for (let k = 0; k < 200; k++) order.push(...(k < 50 ? [all[200 + k]!, all[150 + k]!] : [all[200 + k]!]));
    for (const [i, e] of order.entries()) {
      log.append(e);
      if (i % 30 === 29) await log.flush();
    }
    await log.close();
    // Reopened, so every answer comes from the index (the ring takes the appends as in time order).
    const log2 = await open();
    await expectSameAnswers(log2, all);
    await log2.close();
    // The index as schema version 1 left it (every file's decisions in one table): dropped and built again.
    rmSync(join(dir, 'index.sqlite'));
    const v1 = new Database(join(dir, 'index.sqlite'));
    v1.exec(MIGRATIONS[0]!);
    v1.prepare(
      "INSERT INTO files (name, ino, head, offset) VALUES ('decisions-20260301-1.jsonl', 0, '', 0)",
    ).run();
    v1.pragma('user_version = 1');
    v1.close();
    const again = await open();
    await expectSameAnswers(again, all);
    await again.close();
  });

  it('indexes what is appended while it runs, and entries a flush wrote before a query asks', async () => {
    const all = decisions(600);
    const log = await open(10);
    for (const e of all.slice(0, 300)) log.append(e);
    await expectSameAnswers(log, all.slice(0, 300));
    for (const e of all.slice(300)) log.append(e);
    await expectSameAnswers(log, all);
    await log.close();
  });

  it('forgets an erased lead at once, in its rows and in its database file, and keeps the rest', async () => {
    const all = decisions(900);
    const log = await open();
    await appendAll(log, all);
    await log.flush();
    expect(await pageAll(log, { lead: 'person9@example.com' }, 20)).not.toHaveLength(0);
    expect(fileBytes()).toContain('person9@example.com');
    const erased = await log.eraseLead(['L9', 'Person9@Example.com']);
    const gone = (e: DecisionLogEntry) => e.leadId === 'L9' || e.email === 'person9@example.com';
    expect(erased).toBe(all.filter(gone).length);
    const rest = all.filter((e) => !gone(e));
    await expectSameAnswers(log, rest);
    expect(await pageAll(log, { lead: 'L9' }, 20)).toEqual([]);
    expect(fileBytes()).not.toContain('person9@example.com');
    await log.close();
  });

  it('drops what retention deletes: whole days, and the older part of the day it cuts through', async () => {
    const all = decisions(900);
    const log = await open();
    await appendAll(log, all);
    await log.flush();
    await expectSameAnswers(log, all);
    const cut = new Date(START + 3.5 * DAY).toISOString();
    await log.prune(cut);
    const rest = all.filter((e) => e.at >= cut);
    await expectSameAnswers(log, rest);
    await log.close();
    const again = await open();
    await expectSameAnswers(again, rest);
    await again.close();
  });

  it.runIf(process.platform === 'linux')(
    'runs in a thread named for top -H at the lowest CPU priority, so requests come first',
    async () => {
      const log = await open();
      const threads = readdirSync('/proc/self/task').map((tid) => ({
        name: readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim(),
        // The nice value: the 19th field of stat, counted after the command name's parenthesis.
        nice: Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]),
      }));
      expect(threads).toContainEqual({ name: 'sqlite-bg', nice: 19 });
      await log.close();
    },
  );
});
