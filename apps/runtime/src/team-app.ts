import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from './schemas.ts';
import { steppingClock, type TestApp, testApp } from './test-app.ts';

/** The people of the governance tests, by the names their API keys carry. */
export const PEOPLE = {
  eve: { name: 'Eve Editor', role: 'editor' },
  ed: { name: 'Ed Editor', role: 'editor' },
  abe: { name: 'Abe Approver', role: 'approver' },
  amy: { name: 'Amy Approver', role: 'approver' },
  ada: { name: 'Ada Admin', role: 'admin' },
  val: { name: 'Val Evaluator', role: 'evaluator' },
} as const satisfies Record<string, { name: string; role: Role }>;
export type Person = keyof typeof PEOPLE;

export interface TeamApp extends TestApp {
  /** Sends a request with that person's key. */
  as(who: Person, method: string, path: string, body?: unknown): ReturnType<TestApp['call']>;
}

/**
 * A seeded runtime whose people hold API keys. The local admin creates the keys (POST /v1/keys), as
 * on a first start; with `keysRequired` the same data folder is then opened as a team runtime, where
 * a request without a key is refused.
 */
export async function teamApp(o: { keysRequired: boolean }): Promise<TeamApp> {
  const dir = mkdtempSync(join(tmpdir(), 'qualify-team-'));
  // One clock for both openings, so the trail's times keep its order.
  const clock = steppingClock();
  let t = await testApp({ dir, clock });
  const keys = {} as Record<Person, string>;
  for (const [who, p] of Object.entries(PEOPLE)) {
    const res = await t.call('POST', '/v1/keys', p);
    if (res.status !== 201) throw new Error(`POST /v1/keys answered ${res.status}: ${res.text}`);
    keys[who as Person] = res.body.key;
  }
  if (o.keysRequired) {
    await t.close();
    t = await testApp({ dir, clock, config: { keysRequired: true } });
  }
  const opened = t;
  return {
    ...opened,
    as: (who, method, path, body) =>
      opened.call(method, path, body, { authorization: `Bearer ${keys[who]}` }),
    close: async () => {
      await opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Saves a change to the draft as `who`; answers the new record. */
export async function editDraft(
  t: TeamApp,
  who: Person,
  id: string,
  change: (wf: Record<string, unknown>) => void,
) {
  const current = (await t.as(who, 'GET', `/v1/workflows/${id}`)).body;
  const workflow = structuredClone(current.workflow);
  change(workflow);
  const res = await t.as(who, 'PUT', `/v1/workflows/${id}`, { workflow, revision: current.revision });
  if (res.status !== 200) throw new Error(`saving ${id} answered ${res.status}: ${res.text}`);
  return res.body;
}
