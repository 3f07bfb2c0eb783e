import { z } from 'zod';
import { StageSchema } from '../model/stages.ts';
import { type ArtifactNode, defineKind } from './kind.ts';

const DataSchema = z.object({ stage: StageSchema });
type Data = z.infer<typeof DataSchema>;
interface Compiled extends ArtifactNode {
  stage: Data['stage'];
}

const stageReason = (stage: string) => `Stage set to ${stage}.`;

/** Sets the lead's lifecycle stage (MQL, SAL, SQL...); the last stage on the path wins. */
export const stage = defineKind<Data, Compiled>({
  kind: 'stage',
  title: 'Set stage',
  blurb: 'Marks the lifecycle stage: Lead, MQL, SAL, SQL, Disqualified...',
  color: '#0d9488',
  icon: '◎',
  dataSchema: DataSchema,
  defaults: () => ({ stage: 'MQL' }),
  ports: () => [{ id: 'next', label: 'Next' }],
  reads: () => [],
  summary: (d) => `Stage: ${d.stage}`,
  describe: (d) => `The lead's stage becomes ${d.stage}.`,
  outcome: (d) => ({ stage: d.stage }),
  diff: (a, b, ctx) => (a.stage === b.stage ? [] : [`${ctx.label}: stage ${a.stage} → ${b.stage}.`]),
  compile: (d) => ({ stage: d.stage }),
  fuse: (node, ctx) =>
    `${ctx.stage}=${ctx.constant(node.stage)};` +
    (ctx.explain ? `${ctx.explain}.reasons.push(${JSON.stringify(stageReason(node.stage))});` : '') +
    ctx.goto('next'),
  sql: (d) => ({ stage: d.stage, exits: [{ port: 'next' }] }),
  prepare: (node) => {
    const reason = stageReason(node.stage);
    return (s) => {
      s.stage = node.stage;
      if (s.explain) s.reasons.push(reason);
      return 'next';
    };
  },
});
