import type { Context, MiddlewareHandler } from 'hono';
import { isLoopback } from './config.ts';
import { headerOf } from './headers.ts';
import { hashKey } from './keys.ts';
import { ProblemError } from './problem.ts';
import { ROLES, type Role } from './schemas.ts';
import type { Store } from './store.ts';

export interface Principal {
  role: Role;
  name: string;
  mode: 'local' | 'key';
}

export interface AppEnv {
  Variables: { principal: Principal };
}

const LOCAL: Principal = { role: 'admin', name: 'local', mode: 'local' };

function hostnameOf(hostOrUrl: string, scheme = 'http://'): string | null {
  try {
    return new URL(hostOrUrl.includes('://') ? hostOrUrl : scheme + hostOrUrl).hostname;
  } catch {
    return null;
  }
}

/**
 * Local mode trusts whoever can reach the loopback port, which includes web pages in the user's
 * browser. Requests a page on another site sends (Origin) or sends through a rebound DNS name
 * (Host) are refused, so a drive-by page cannot publish or archive as the local admin.
 */
function fromLocalClient(c: Context): boolean {
  const host = headerOf(c, 'host');
  if (host !== undefined && !isLoopback(hostnameOf(host) ?? '')) return false;
  const origin = headerOf(c, 'origin');
  return origin === undefined || isLoopback(hostnameOf(origin) ?? '');
}
const rank = (role: Role) => ROLES.indexOf(role);

/**
 * Resolves who is calling. A Bearer key always counts (a wrong one is 401 even in local mode, so a
 * misconfigured client notices); without one, local mode makes the caller the local admin.
 */
export function authenticate(store: Store, keysRequired: boolean): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = headerOf(c, 'authorization');
    if (header === undefined) {
      if (keysRequired) {
        throw new ProblemError(
          401,
          'unauthorized',
          'Send an API key as "Authorization: Bearer <key>". An admin creates keys with POST /v1/keys or `npm run keys -w @qualify/runtime -- create`.',
        );
      }
      if (!fromLocalClient(c)) {
        throw new ProblemError(
          403,
          'forbidden',
          'Local mode answers only pages and tools on this machine; send an API key from elsewhere.',
        );
      }
      c.set('principal', LOCAL);
      return next();
    }
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) throw new ProblemError(401, 'unauthorized', 'The Authorization header must read "Bearer <key>".');
    const key = store.findKeyByHash(hashKey(m[1]!));
    if (!key)
      throw new ProblemError(
        401,
        'unauthorized',
        'This API key is not known (it may have been deleted). Ask an admin for a new one.',
      );
    c.set('principal', { role: key.role, name: key.name, mode: 'key' });
    return next();
  };
}

/** Lets the request through when the caller's role is `role` or above. */
export function allow(role: Role): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const p = c.get('principal');
    if (rank(p.role) < rank(role)) {
      throw new ProblemError(
        403,
        'forbidden',
        `This needs the ${role} role or above; the key "${p.name}" is ${p.role}.`,
        {
          requiredRole: role,
        },
      );
    }
    return next();
  };
}
