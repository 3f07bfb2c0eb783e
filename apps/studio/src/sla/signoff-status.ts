import type { Signoff } from '../api/types.ts';

export type SignoffState =
  | { state: 'none'; text: string }
  | { state: 'current'; newest: Signoff; text: string }
  | { state: 'outdated' | 'ahead'; newest: Signoff; text: string };

/**
 * Whether the newest sign-off covers what runs: sales agreed to a version, and a newer live version
 * is not what they agreed to.
 * @example signoffState([{ version: 1, ... }], 3).text // "Version 3 is live, but the newest sign-off is for version 1: ..."
 */
export function signoffState(newestFirst: readonly Signoff[], liveVersion: number | null): SignoffState {
  const newest = newestFirst[0];
  if (!newest) {
    return {
      state: 'none',
      text:
        liveVersion === null
          ? 'Nobody has signed off yet. Publish a version, then ask sales to sign off on it.'
          : `Nobody has signed off yet. Ask sales to sign off on version ${liveVersion}, the live one.`,
    };
  }
  if (liveVersion === null || newest.version === liveVersion) {
    return { state: 'current', newest, text: `Signed off on version ${newest.version}.` };
  }
  if (newest.version < liveVersion) {
    return {
      state: 'outdated',
      newest,
      text: `Version ${liveVersion} is live, but the newest sign-off is for version ${newest.version}: sales has not agreed to what runs now. Ask for a sign-off on version ${liveVersion}.`,
    };
  }
  return {
    state: 'ahead',
    newest,
    text: `The newest sign-off is for version ${newest.version}, but version ${liveVersion} is live (an older one, brought back).`,
  };
}
