import { createHash, randomBytes } from 'node:crypto';
import type { Role } from './schemas.ts';
import type { KeyRow } from './store.ts';

const PREFIX = 'qsk_';

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** A new key: 32 random bytes. Only its hash is kept; `key` is shown to the caller once. */
export function newApiKey(name: string, role: Role, createdAt: string): { key: string; row: KeyRow } {
  const key = PREFIX + randomBytes(32).toString('base64url');
  const row: KeyRow = {
    id: `key_${randomBytes(6).toString('hex')}`,
    name,
    role,
    hash: hashKey(key),
    prefix: key.slice(0, PREFIX.length + 6),
    createdAt,
  };
  return { key, row };
}
