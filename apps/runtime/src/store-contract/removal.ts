import { expect, it } from 'vitest';
import type { DecisionLogEntry, Store } from '../store.ts';
import { decisions, iso, shadowEntry, T0 } from './fixtures.ts';

const HOUR = 3_600_000;

/** The store under test, read each time (a case reopens it), and how to close and reopen it. */
export interface Removal {
  store(): Store;
  reopen(): Promise<Store>;
}

const ids = (list: readonly DecisionLogEntry[]) => list.map((d) => d.decisionId);

async function all(store: Store) {
  const seen: DecisionLogEntry[] = [];
  await store.scanDecisions({}, (d) => seen.push(d));
  return ids(seen).sort();
}

async function shadowLeads(store: Store) {
  const seen: Array<string | null> = [];
  await store.scanShadow({ workflow: 'wf-a', challenger: 'c1' }, (e) => seen.push(e.leadId));
  return seen.sort();
}

/** Retention and erasure (Store.prune, Store.eraseLead): part of the store contract (contract.ts). */
export function removalCases(s: Removal) {
  it('prunes what was logged before the cut, buffered entries included, for good', async () => {
    // Four and a half days, 12 hours apart, most of it written in one batch (as after a disk that
    // failed for days: one file then holds several days), the rest still buffered.
    const log = decisions(10, T0 - 4 * 24 * HOUR, 12 * HOUR);
    for (const d of log.slice(0, 7)) s.store().appendDecision(d);
    await s.store().flush();
    for (const d of log.slice(7)) s.store().appendDecision(d);
    for (const [i, d] of log.entries())
      s.store().appendShadow(shadowEntry('c1', Date.parse(d.at), d.decisionId, `lead-${i}`));
    const cut = iso(T0 - 2 * 24 * HOUR + 1);
    const older = log.filter((d) => d.at < cut);
    expect(older).toHaveLength(5);

    expect(await s.store().prune(cut)).toEqual({ decisions: 5, shadowEntries: 5 });
    const kept = ids(log.filter((d) => d.at >= cut)).sort();
    expect(await all(s.store())).toEqual(kept);
    expect((await s.store().listDecisions({}, undefined, 100)).items).toHaveLength(5);
    expect(await s.store().getDecision(older[0]!.decisionId)).toBeUndefined();
    expect(await s.store().prune(cut)).toEqual({ decisions: 0, shadowEntries: 0 });
    const reopened = await s.reopen();
    expect(await all(reopened)).toEqual(kept);
    expect(await shadowLeads(reopened)).toEqual(['lead-5', 'lead-6', 'lead-7', 'lead-8', 'lead-9']);
  });

  it("erases a lead's entries by lead id and by e-mail in any case, buffered ones included, for good", async () => {
    const log = decisions(60);
    for (const d of log.slice(0, 40)) s.store().appendDecision(d);
    await s.store().flush();
    for (const d of log.slice(40)) s.store().appendDecision(d);
    for (const [i, d] of log.slice(0, 6).entries())
      s.store().appendShadow(shadowEntry('c1', T0 + i, d.decisionId, i % 2 ? 'lead-3' : 'lead-4'));
    const gone = (d: DecisionLogEntry) => d.leadId === 'lead-3' || d.email === 'p2@acme.example';
    const count = log.filter(gone).length;
    expect(count).toBeGreaterThan(10);

    expect(await s.store().eraseLead(['lead-3', 'P2@Acme.example'])).toEqual({
      decisions: count,
      shadowEntries: 3,
    });
    const kept = ids(log.filter((d) => !gone(d))).sort();
    expect(await all(s.store())).toEqual(kept);
    expect((await s.store().listDecisions({ lead: 'lead-3' }, undefined, 100)).items).toEqual([]);
    expect(await s.store().eraseLead('lead-3')).toEqual({ decisions: 0, shadowEntries: 0 });
    // One value alone, as the decision log's own method takes it.
    expect((await s.store().eraseLead('lead-5')).decisions).toBe(
      log.filter((d) => d.leadId === 'lead-5' && !gone(d)).length,
    );
    const reopened = await s.reopen();
    expect(await all(reopened)).toEqual(ids(log.filter((d) => !gone(d) && d.leadId !== 'lead-5')).sort());
    expect(await shadowLeads(reopened)).toEqual(['lead-4', 'lead-4', 'lead-4']);
  });
}
