import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got, as it got it. */
export interface Received {
  /** 1 for the first request, 2 for the second... */
  n: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as sent: what a signature is checked against. */
  body: string;
  /** The body's `leadId` and `type` when it is a delivered event. */
  leadId?: string;
  event?: string;
  /** The `Qualify-Delivery` header: the same on each attempt of one delivery. */
  delivery?: string;
  /** How many requests for this delivery came before this one, plus one. */
  attempt: number;
  at: number;
  /** What the receiver did with it. */
  answered: Behaviour;
}

/**
 * `ok`: 200. `fail`: 500. `hang`: never answers (until the receiver closes), so the sender's timeout
 * fires. `drop`: cuts the connection without an answer. A number: that status. `{ status, json }`:
 * that status with a JSON body, as an API a receiver calls would answer.
 */
export type Behaviour = 'ok' | 'fail' | 'hang' | 'drop' | number | { status: number; json: unknown };

const statusOf = (b: Behaviour) =>
  b === 'ok' ? 200 : b === 'fail' ? 500 : typeof b === 'number' ? b : typeof b === 'object' ? b.status : 0;

export interface TestReceiver {
  url: string;
  received: Received[];
  /** Requests answered 2xx. */
  delivered(): Received[];
  /** Decides how each request is answered; the default answers 200 to everything. */
  behave(rule: (r: Received) => Behaviour): void;
  /** Resolves once `test` holds for what has been received; rejects after `timeoutMs`. */
  waitFor(test: (received: Received[]) => boolean, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

/**
 * A real HTTP receiver on loopback, port 0, for tests only: it records every request and answers
 * as it is told, per request number, per lead or per attempt, to fail, time out or drop on purpose.
 */
export async function startTestReceiver(): Promise<TestReceiver> {
  const received: Received[] = [];
  const attempts = new Map<string, number>();
  const hanging = new Set<ServerResponse>();
  let rule: (r: Received) => Behaviour = () => 'ok';
  let changed = () => {};

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let parsed: { leadId?: unknown; type?: unknown } = {};
      try {
        parsed = JSON.parse(body);
      } catch {}
      const delivery = req.headers['qualify-delivery'] as string | undefined;
      const key = delivery ?? `#${received.length}`;
      const attempt = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, attempt);
      const r: Received = {
        n: received.length + 1,
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
        leadId: typeof parsed?.leadId === 'string' ? parsed.leadId : undefined,
        event: typeof parsed?.type === 'string' ? parsed.type : undefined,
        delivery,
        attempt,
        at: Date.now(),
        answered: 'ok',
      };
      r.answered = rule(r);
      received.push(r);
      const b = r.answered;
      if (b === 'hang') hanging.add(res);
      else if (b === 'drop') req.socket.destroy();
      else if (typeof b === 'object') {
        res.writeHead(b.status, { 'content-type': 'application/json' }).end(JSON.stringify(b.json));
      } else {
        const status = statusOf(b);
        res
          .writeHead(status, { 'content-type': 'text/plain' })
          .end(status === 204 ? undefined : status < 300 ? 'ok' : 'no');
      }
      changed();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    delivered: () => received.filter((r) => statusOf(r.answered) >= 200 && statusOf(r.answered) < 300),
    behave(next) {
      rule = next;
    },
    waitFor(test, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          changed = () => {};
          reject(
            new Error(
              `the receiver did not get what was expected in ${timeoutMs} ms; it got ${received.length} requests:\n${received.map((r) => `${r.n} ${r.event} ${r.leadId} attempt ${r.attempt}: ${r.answered}`).join('\n')}`,
            ),
          );
        }, timeoutMs);
        const check = () => {
          if (!test(received)) return;
          clearTimeout(timer);
          changed = () => {};
          resolve(received);
        };
        changed = check;
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
