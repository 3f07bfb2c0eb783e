/** Where the app reads the time; tests pass a fixed or stepping clock. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export const isoAt = (clock: Clock) => new Date(clock.now()).toISOString();
