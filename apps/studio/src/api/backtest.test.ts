import { describe, expect, it } from 'vitest';
import { backtestQuery, parseBacktestEvent } from './backtest.ts';
import { ApiError } from './client.ts';

describe('backtestQuery', () => {
  it('sends only what was chosen', () => {
    expect(backtestQuery({ outcome: 'converted' })).toBe('outcome=converted');
  });

  it('encodes the mapping as JSON and lists versions and thresholds comma separated', () => {
    const q = new URLSearchParams(
      backtestQuery({
        outcome: 'Deal status',
        mapping: { job_title: 'jobTitle', lead_id: null },
        versions: ['live', 'draft'],
        sweep: 'tiers:mql',
        thresholds: [30, 40, 50],
      }),
    );
    expect(q.get('outcome')).toBe('Deal status');
    expect(JSON.parse(q.get('mapping')!)).toEqual({ job_title: 'jobTitle', lead_id: null });
    expect(q.get('versions')).toBe('live,draft');
    expect(q.get('sweep')).toBe('tiers:mql');
    expect(q.get('thresholds')).toBe('30,40,50');
  });

  it('drops thresholds without a sweep', () => {
    expect(backtestQuery({ outcome: 'won', thresholds: [1] })).toBe('outcome=won');
  });
});

describe('parseBacktestEvent', () => {
  it('reads the known line types', () => {
    expect(parseBacktestEvent('{"type":"progress","rows":1000}')).toEqual({ type: 'progress', rows: 1000 });
    expect(parseBacktestEvent('{"type":"error","code":"csv_unreadable","detail":"x"}').type).toBe('error');
  });

  it.each(['not json', '{"type":"surprise"}', 'null'])('refuses %s with a readable error', (line) => {
    expect(() => parseBacktestEvent(line)).toThrow(ApiError);
  });
});
