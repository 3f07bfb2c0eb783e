import { compare as c, DEFAULT_STAGE, STAGES, validate } from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import { around, type NodeSpec, run } from '../testing/build.ts';

const stage = (id: string, name: string): NodeSpec => ({ id, kind: 'stage', data: { stage: name } });

type Row = [description: string, data: unknown, before: NodeSpec[], expected: string];

const rows: Row[] = [
  ...STAGES.map((s): Row => [`sets ${s}`, { stage: s }, [], s]),
  ['the last stage on the path wins', { stage: 'SQL' }, [stage('s1', 'MQL')], 'SQL'],
  ['last wins even when it is earlier in the funnel', { stage: 'MQL' }, [stage('s1', 'SQL')], 'MQL'],
  ['last of three wins', { stage: 'Disqualified' }, [stage('s1', 'MQL'), stage('s2', 'SAL')], 'Disqualified'],
];

describe('stage node', () => {
  it.each(rows)('%s', (_, data, before, expected) => {
    const wf = around('stage', data, { before });
    // A lower stage after a higher one is allowed, with a warning (stage_goes_back).
    expect(validate(wf).filter((i) => i.code !== 'stage_goes_back')).toEqual([]);
    const d = run(wf, { size: 10 });
    expect(d.stage).toBe(expected);
    expect(d.reasons).toContain(`Stage set to ${expected}.`);
  });

  it(`is ${DEFAULT_STAGE} when no stage node lies on the path`, () => {
    expect(DEFAULT_STAGE).toBe('Lead');
    const d = run(around('condition', { condition: c('size', 'gte', 50) }), {});
    expect(d.stage).toBe('Lead');
  });

  it('only counts stage nodes on the path the lead took', () => {
    const wf = around('condition', { condition: c('size', 'gte', 50) });
    // Put a stage on the "yes" exit only.
    wf.nodes.push({ id: 'mql', kind: 'stage', data: { stage: 'MQL' } });
    wf.edges = wf.edges.map((e) => (e.port === 'true' ? { ...e, to: 'mql', id: 'n-true-mql' } : e));
    wf.edges.push({ id: 'mql-next', from: 'mql', port: 'next', to: 'to-true' });
    expect(validate(wf)).toEqual([]);
    expect(run(wf, { size: 60 }).stage).toBe('MQL');
    expect(run(wf, { size: 6 }).stage).toBe('Lead');
  });

  it('rejects a stage outside the funnel', () => {
    expect(validate(around('stage', { stage: 'Hot' })).map((i) => [i.code, i.path, i.nodeId])).toContainEqual(
      ['schema', 'nodes.1.data.stage', 'n'],
    );
  });
});
