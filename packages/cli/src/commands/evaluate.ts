import { dateValue, type FieldCatalogue, prepare } from '@qualify/rules';
import { type Command, UsageError } from '../command.ts';
import { readWorkflow } from '../files.ts';
import { compileOrReport } from '../issues.ts';
import { readLeads } from '../leads.ts';

const VIEWS = ['full', 'summary'];

export const evaluateCommand: Command = {
  name: 'evaluate',
  summary: 'Evaluate a lead, or a CSV or NDJSON file of leads, against a workflow file.',
  usage:
    'evaluate <workflow.json> <lead.json|leads.csv|leads.ndjson> [--now <ISO time>] [--view full|summary]',
  help: `Evaluates leads as the runtime does (nothing is logged or handed off). A .json file holding one
lead object prints its decision receipt as JSON; a .json array, an .ndjson (or .jsonl) file or a .csv
file prints NDJSON, one line per lead: { "line", ...decision }, or { "line", "error": { code, detail } }
for a line that cannot be read. CSV is read as the batch endpoint reads an upload: the header row's
columns are matched to the workflow's fields by name (which column feeds which field is said on stderr),
a blank cell is a missing value, and an "events" column holds each lead's events as a JSON list. A lead
with more than 1,000 events is that line's error (too_many_events), as in the runtime.

Options:
  --now <time>      the evaluation time, ISO 8601 (2026-03-02T09:00:00Z); default: now
  --view <view>     full (default): the whole receipt, with reasons, gates and score contributions;
                    summary: workflow, route, stage, priorStage, stageKept, score and dataIssues

Exit code: 0 when every lead was evaluated, 1 when the workflow has errors or a lead could not be
read, 2 when a file cannot be read or an option is wrong.`,
  options: { now: { type: 'string' }, view: { type: 'string' } },
  args: { min: 2, max: 2 },
  async run([workflowPath, leadsPath], options, io) {
    const view = (options.view as string | undefined) ?? 'full';
    if (!VIEWS.includes(view)) throw new UsageError(`--view is full or summary, not "${view}".`);
    const nowText = options.now as string | undefined;
    const now = nowText === undefined ? Date.now() : dateValue(nowText);
    if (!Number.isFinite(now))
      throw new UsageError(`--now "${nowText}" is not a time: give ISO 8601, like 2026-03-02T09:00:00Z.`);
    const doc = await readWorkflow(workflowPath!);
    const artifact = compileOrReport(workflowPath!, doc, io.err);
    if (!artifact) return 1;
    // It compiled, so its catalogue is valid; the artifact's fields lack the labels CSV headers match.
    const leads = await readLeads(leadsPath!, doc.fields as FieldCatalogue);
    const workflow = prepare(artifact);
    const decide = (lead: Record<string, unknown>) => {
      if (view === 'full') return workflow.evaluate(lead, { now });
      const { route, stage, priorStage, stageKept, score, dataIssues } = workflow.decide(lead, { now });
      return {
        workflow: { id: artifact.workflow.id, version: artifact.workflow.version },
        route,
        stage,
        priorStage,
        stageKept,
        score,
        dataIssues,
      };
    };
    let evaluated = 0;
    let unread = 0;
    for await (const item of leads.items) {
      if ('columns' in item) io.err(`${item.columns}\n`);
      else if ('error' in item) {
        unread++;
        await io.out(`${JSON.stringify(item)}\n`);
      } else if (leads.single) await io.out(`${JSON.stringify(decide(item.lead), null, 2)}\n`);
      else {
        evaluated++;
        await io.out(`${JSON.stringify({ line: item.line, ...decide(item.lead) })}\n`);
      }
    }
    if (!leads.single)
      io.err(`Evaluated ${evaluated} leads${unread ? `; ${unread} could not be read` : ''}.\n`);
    return unread ? 1 : 0;
  },
};
