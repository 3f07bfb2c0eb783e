import { z } from 'zod';
import { checkCondition } from '../conditions/check.ts';
import { all, type Condition, ConditionSchema, fieldsOf } from '../conditions/schema.ts';
import { conditionText } from '../conditions/text.ts';
import { same } from '../diff/words.ts';
import { type JsonLogic, MET, UNKNOWN } from '../model/logic.ts';
import { SQL_MET } from '../sql/truth.ts';
import { type ArtifactNode, defineKind } from './kind.ts';

const DataSchema = z.object({ condition: ConditionSchema });
type Data = z.infer<typeof DataSchema>;
interface Compiled extends ArtifactNode {
  test: JsonLogic;
  text: string;
}

/** The step's reason for each truth of its test. */
const reasons = (node: Compiled) => ({
  yes: `${node.label}: yes, ${node.text}.`,
  no: `${node.label}: no, it is not the case that ${node.text}.`,
  unknown: `${node.label}: not known whether ${node.text}; treated as no.`,
});

/** A signal check: AND/OR comparisons on lead fields. Missing data takes the "no" exit. */
export const condition = defineKind<Data, Compiled>({
  kind: 'condition',
  title: 'Signal check',
  blurb: 'Checks lead fields (AND / OR) and splits into yes and no.',
  color: '#0284c7',
  icon: '◆',
  dataSchema: DataSchema,
  defaults: () => ({ condition: all() as Condition }),
  ports: () => [
    { id: 'true', label: 'Yes' },
    { id: 'false', label: 'No' },
  ],
  reads: (d) => fieldsOf(d.condition),
  check: (d, ctx) => checkCondition(d.condition, ctx.fields, 'data.condition', ctx),
  summary: (d, ctx) => conditionText(d.condition, ctx.fields, ctx),
  when: (d, port, ctx) =>
    port === 'true'
      ? conditionText(d.condition, ctx.fields, ctx)
      : `it is not the case that ${conditionText(d.condition, ctx.fields, ctx)} (or that is not known)`,
  describe: (d, ctx) =>
    `${ctx.label || 'Signal check'}: a lead goes the "yes" way when ${conditionText(d.condition, ctx.fields, ctx)}; otherwise, or when that is not known, the "no" way.`,
  diff: (a, b, ctx) => {
    const was = conditionText(a.condition, ctx.beforeFields, ctx.before ?? ctx);
    const now = conditionText(b.condition, ctx.fields, ctx);
    return was === now && same(a, b) ? [] : [`${ctx.label}: yes when ${was} → yes when ${now}.`];
  },
  compile: (d, ctx) => ({
    test: ctx.condition(d.condition),
    text: conditionText(d.condition, ctx.fields, ctx),
  }),
  fuse: (node, ctx) => {
    const test = ctx.expr(node.test);
    if (test === undefined) return undefined;
    if (!ctx.explain) return `if((${test})===${MET}){${ctx.goto('true')}}${ctx.goto('false')}`;
    const r = reasons(node);
    const said = (t: string) => JSON.stringify(t);
    return (
      `c=${test};${ctx.explain}.reasons.push(c===${MET}?${said(r.yes)}:c===${UNKNOWN}?${said(r.unknown)}:${said(r.no)});` +
      `if(c===${MET}){${ctx.goto('true')}}${ctx.goto('false')}`
    );
  },
  sql: (d, ctx) => ({
    exits: [{ when: `${ctx.condition(d.condition)} = ${SQL_MET}`, port: 'true' }, { port: 'false' }],
  }),
  prepare: (node, { logic }) => {
    const test = logic(node.test);
    const { yes, no, unknown } = reasons(node);
    return (s) => {
      const t = test(s.data);
      if (s.explain) s.reasons.push(t === MET ? yes : t === UNKNOWN ? unknown : no);
      return t === MET ? 'true' : 'false';
    };
  },
});
