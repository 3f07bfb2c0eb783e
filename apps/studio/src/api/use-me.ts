import { useEffect, useState } from 'react';
import type { Me } from './types.ts';
import { runtime } from './workflows.ts';

// Who calls does not change without a reload (a new key reloads the page): ask once.
let asked: Promise<Me | null> | null = null;

/** The caller as the runtime knows them (name, role, mode); null while loading or when it could not be read. */
export function useMe(): Me | null {
  const [me, setMe] = useState<Me | null>(null);
  useEffect(() => {
    let live = true;
    asked ??= runtime.me().catch(() => null);
    void asked.then((m) => live && setMe(m));
    return () => {
      live = false;
    };
  }, []);
  return me;
}

const ROLES = ['evaluator', 'editor', 'approver', 'admin'];

/** Whether `role` is `needed` or above, in the runtime's order (evaluator < editor < approver < admin). */
export const hasRole = (role: string | undefined, needed: string): boolean =>
  role !== undefined && ROLES.indexOf(role) >= ROLES.indexOf(needed) && ROLES.includes(needed);
