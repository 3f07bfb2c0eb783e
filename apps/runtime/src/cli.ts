import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isoAt, systemClock } from './clock.ts';
import { readConfig } from './config.ts';
import { lockDataDir } from './data-lock.ts';
import { newApiKey } from './keys.ts';
import { jsonLogger } from './logger.ts';
import { openCoreStore } from './open-store.ts';
import { RoleSchema } from './schemas.ts';
import { seedTeam, seedTemplates } from './seed.ts';
import { loadTeam, loadTemplates } from './templates.ts';

/** Who the audit trail names for keys made or deleted here: whoever can read the data folder. */
const CLI_ACTOR = 'keys command';
const USAGE = `Usage: npm run keys -w @qualify/runtime -- <command>
  create --name <name> --role <admin|approver|editor|evaluator>   prints the key once
  list
  delete <key id>
Uses DATA_DIR like the server; stop the server first (it holds the data folder).
With DATABASE_URL it uses PostgreSQL instead, and the servers may keep running.`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: 'string' }, role: { type: 'string' } },
  });
  const [command, arg] = positionals;
  if (!command || !['create', 'list', 'delete'].includes(command)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = readConfig(process.env, process.env.INIT_CWD ?? process.cwd(), '');
  let release = () => {};
  if (!config.databaseUrl) {
    mkdirSync(config.dataDir, { recursive: true });
    release = lockDataDir(config.dataDir, process.pid);
  }
  const logger = jsonLogger(
    () => {},
    (line) => process.stderr.write(`${line}\n`),
  );
  const core = await openCoreStore({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    clock: systemClock,
    logger,
  });
  const { store } = core;
  try {
    // Creating the first key usually comes before the first start (keys required): the store is new,
    // so seed it as the server's first start would, or the examples would never appear.
    // The hand-off store is opened only for that: a key command needs none of it.
    await core.seedOnce(async () => {
      await seedTemplates(store, systemClock, loadTemplates());
      const handoff = await core.openHandoff();
      try {
        await seedTeam(handoff, loadTeam());
      } finally {
        await handoff.close();
      }
    });
    if (command === 'list') {
      for (const k of store.listKeys())
        process.stdout.write(`${k.id}\t${k.role}\t${k.name}\t${k.prefix}…\t${k.createdAt}\n`);
      return 0;
    }
    if (command === 'delete') {
      if (!arg) throw new Error('Give the id of the key to delete (see `list`).');
      const row = store.listKeys().find((k) => k.id === arg);
      const deleted =
        row &&
        (await store.deleteKey(arg, isoAt(systemClock), {
          action: 'key.deleted',
          actor: CLI_ACTOR,
          workflowId: null,
          detail: `Deleted the ${row.role} key "${row.name}" (${row.id}) from the command line.`,
          data: { keyId: row.id, role: row.role, name: row.name },
        }));
      if (!deleted) throw new Error(`There is no key "${arg}".`);
      process.stdout.write(`deleted ${arg}\n`);
      return 0;
    }
    const role = RoleSchema.safeParse(values.role);
    if (!values.name?.trim() || !role.success)
      throw new Error('create needs --name <name> and --role <admin|approver|editor|evaluator>.');
    const { key, row } = newApiKey(values.name.trim(), role.data, isoAt(systemClock));
    await store.createKey(row, {
      action: 'key.created',
      actor: CLI_ACTOR,
      workflowId: null,
      detail: `Created the ${row.role} key "${row.name}" (${row.id}) from the command line.`,
      data: { keyId: row.id, role: row.role, name: row.name },
    });
    process.stdout.write(`${key}\n`);
    process.stderr.write(
      `Created ${row.role} key "${row.name}" (${row.id}). It is shown only now; store it safely.\n`,
    );
    return 0;
  } finally {
    await store.close();
    release();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
