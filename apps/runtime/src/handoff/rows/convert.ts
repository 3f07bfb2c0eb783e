import type { Schedule } from '../types.ts';

/** Epoch milliseconds as the interface shows times (ISO 8601, UTC); a missing time stays null. */
export const iso = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? null : new Date(ms).toISOString();

/** A JSON column read back; an empty one is null. */
export const json = <T>(text: string | null | undefined): T | null => (text ? (JSON.parse(text) as T) : null);

/** What parses stored schedules (each store's handle, which keeps them parsed once). */
export interface ParsesSchedules {
  schedule(text: string): Schedule;
}

/**
 * Stored schedules, parsed once: the same object each time lets the rules core reuse the plan it keeps
 * per schedule object (zone checks and hours), which is most of an assignment's cost otherwise.
 */
export class ScheduleCache implements ParsesSchedules {
  private readonly schedules = new Map<string, Schedule>();

  schedule(text: string): Schedule {
    let schedule = this.schedules.get(text);
    if (!schedule) {
      if (this.schedules.size >= 1000) this.schedules.clear();
      schedule = JSON.parse(text) as Schedule;
      this.schedules.set(text, schedule);
    }
    return schedule;
  }
}
