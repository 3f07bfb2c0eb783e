import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * The test process's environment without its database settings: CI sets DATABASE_URL for the whole run,
 * and a server started by a test runs on PostgreSQL only when that test says so (with its own schema);
 * inherited, it would share the database's default schema with every other such test.
 */
function ownEnv(): NodeJS.ProcessEnv {
  const { DATABASE_URL: _url, PGOPTIONS: _options, ...rest } = process.env;
  return rest;
}

/** Starts the real server (`server.ts` under tsx) and resolves once it listens. */
export async function startServer(env: Record<string, string>, timeoutMs = 15_000): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/runtime/src/server.ts'], {
    cwd: root,
    env: { ...ownEnv(), HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), timeoutMs);
    const onData = (b: Buffer) => {
      out += b.toString();
      if (out.includes('Qualify runtime on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    exited.then(() => reject(new Error(`server exited early:\n${out}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child, output: () => out, exited };
}
