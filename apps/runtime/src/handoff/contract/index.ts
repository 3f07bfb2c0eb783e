import { describe } from 'vitest';
import { eraseContract } from './erase.ts';
import type { StoreFactory } from './fixtures.ts';
import { leadsAndSlaContract } from './leads-sla.ts';
import { outboxContract } from './outbox.ts';
import { teamAndAssignmentContract } from './team-assignment.ts';

export type { StoreFactory } from './fixtures.ts';

/** The hand-off store's contract: every backend (SQLite, PostgreSQL) runs these cases. */
export function handoffStoreContract(name: string, factory: StoreFactory) {
  describe(`${name}: team and assignment`, () => teamAndAssignmentContract(factory));
  describe(`${name}: leads and SLA`, () => leadsAndSlaContract(factory));
  describe(`${name}: outbox and deliveries`, () => outboxContract(factory));
  describe(`${name}: erasure and retention`, () => eraseContract(factory));
}
