import {
  type Change,
  dateValue,
  diffWorkflows,
  type FieldCatalogue,
  type Impact,
  impactOf,
  type Move,
  prepare,
  type SampleLead,
  type TestCase,
} from '@qualify/rules';
import { type Command, type Io, UsageError } from '../command.ts';
import { readWorkflow } from '../files.ts';
import { compileOrReport } from '../issues.ts';
import { readLeads } from '../leads.ts';

const moveLines = (moves: Move[], what: string) =>
  moves
    .map(
      (m) =>
        `  ${what} ${m.from} → ${m.to}: ${m.count}${m.examples.length ? ` (${m.examples.join(', ')})` : ''}\n`,
    )
    .join('');

/** Both sides' test cases, deduped by id (the newer side's wins), as the runtime's diff samples them. */
function testCaseSample(from: Record<string, unknown>, to: Record<string, unknown>): SampleLead[] {
  const byId = new Map<string, TestCase>();
  for (const doc of [from, to])
    for (const tc of (Array.isArray(doc.testCases) ? doc.testCases : []) as TestCase[]) byId.set(tc.id, tc);
  return [...byId.values()].map((tc) => ({
    name: tc.name,
    lead: tc.lead,
    now: tc.now,
    ...(tc.currentStage ? { currentStage: tc.currentStage } : {}),
  }));
}

/** The leads of a file, named by their lead id or line; unreadable lines are counted on stderr. */
async function fileSample(
  path: string,
  fields: FieldCatalogue,
  leadId: (lead: unknown) => string | null,
  io: Io,
) {
  const leads: SampleLead[] = [];
  let unread = 0;
  for await (const item of (await readLeads(path, fields)).items) {
    if ('columns' in item) io.err(`${item.columns}\n`);
    else if ('error' in item) {
      unread++;
      io.err(`${item.error.detail}\n`);
    } else leads.push({ name: leadId(item.lead) ?? `line ${item.line}`, lead: item.lead });
  }
  return { leads, unread };
}

export const diffCommand: Command = {
  name: 'diff',
  summary: 'Say what changed between two workflow files, and which leads it moves.',
  usage:
    'diff <from.json> <to.json> [--leads <leads.csv|leads.ndjson|leads.json>] [--now <ISO time>] [--json]',
  help: `Lists the changes from the first workflow to the second, a sentence each, in the product's words
(a rule's points 10 → 15, a threshold 60 → 70, a step added, a route's SLA 4 h → 2 h, a field retyped,
a test case changed); moving a step on the canvas is no change. Then the impact on a sample of leads:
how many change route and stage, from where to where, with examples. The sample is the leads of
--leads (as \`evaluate\` reads them), else both files' test cases; without either, no impact.

Options:
  --leads <file>   leads to measure the impact on: .json (a lead or an array), .ndjson or .csv
  --now <time>     the evaluation time of leads without their own (ISO 8601); default: now
  --json           print { changes, impact } as JSON

Exit code: 0 when compared (whether or not anything changed), 1 when a workflow has errors (the impact
needs both to compile) or a lead could not be read, 2 when a file cannot be read or an option is wrong.`,
  options: { leads: { type: 'string' }, now: { type: 'string' }, json: { type: 'boolean' } },
  args: { min: 2, max: 2 },
  async run([fromPath, toPath], options, io) {
    const nowText = options.now as string | undefined;
    const now = nowText === undefined ? Date.now() : dateValue(nowText);
    if (!Number.isFinite(now))
      throw new UsageError(`--now "${nowText}" is not a time: give ISO 8601, like 2026-03-02T09:00:00Z.`);
    const from = await readWorkflow(fromPath!);
    const to = await readWorkflow(toPath!);
    const changes: Change[] = diffWorkflows(from, to);

    let impact: Impact | null = null;
    let source = '';
    let unread = 0;
    const leadsPath = options.leads as string | undefined;
    const sample = leadsPath === undefined ? testCaseSample(from, to) : null;
    if (leadsPath !== undefined || sample!.length) {
      // Both sides must compile to be evaluated; their errors are said as `compile` says them.
      const fromOk = compileOrReport(fromPath!, from, io.err);
      const toArtifact = compileOrReport(toPath!, to, io.err);
      if (!fromOk || !toArtifact) return 1;
      let leads = sample;
      if (leadsPath !== undefined) {
        const read = await fileSample(leadsPath, to.fields as FieldCatalogue, prepare(toArtifact).leadId, io);
        ({ leads, unread } = read);
        source = `the ${leads.length} leads of ${leadsPath}`;
      } else source = `the ${leads!.length} test cases`;
      impact = impactOf(from, to, leads!, { now });
    }

    if (options.json) await io.out(`${JSON.stringify({ changes, impact }, null, 2)}\n`);
    else {
      const head = changes.length
        ? `${changes.length} change${changes.length === 1 ? '' : 's'} from ${fromPath} to ${toPath}:\n`
        : `No changes from ${fromPath} to ${toPath}.\n`;
      let text = head + changes.map((c) => `  - ${c.sentence}\n`).join('');
      if (impact) {
        text += `\nImpact on ${source}: ${impact.sentence}\n`;
        text += moveLines(impact.routeMoves, 'route') + moveLines(impact.stageMoves, 'stage');
      }
      await io.out(text);
    }
    return unread ? 1 : 0;
  },
};
