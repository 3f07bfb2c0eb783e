import type { FieldCatalogue } from '@qualify/rules';
import { describe, expect, it } from 'vitest';
import type { BacktestSession } from '../backtest/session.ts';
import { fileSample } from './file-sample.ts';

const fields: FieldCatalogue = [
  { path: 'company.employees', label: 'Employees', type: 'number', category: 'fit' },
  { path: 'lastVisit', label: 'Last visit', type: 'date', category: 'engagement' },
];
const CLOCK = Date.parse('2030-01-01T00:00:00Z');
const file = { name: 'history.csv' } as File;
const view = { type: 'page_view', at: '2026-02-01T00:00:00Z' };

function session(patch: Partial<BacktestSession> = {}) {
  const rows = [
    { employees: '40', visited: '2026-02-10', events: JSON.stringify([view]), won: 'yes' },
    { employees: '900', visited: 'soon', won: 'no' },
    { employees: '5', events: '[{"type":', won: 'no' },
  ];
  return {
    file,
    header: { format: 'csv' as const, columns: ['employees', 'visited', 'events', 'won'], estimatedRows: 3 },
    mapping: { employees: 'company.employees', visited: 'lastVisit', events: 'events', won: null },
    timeMode: 'asOf' as const,
    timeColumn: '',
    asOfText: null,
    dates: { status: 'done' as const, byColumn: new Map([['visited', Date.parse('2026-02-10')]]) },
    rows: { status: 'done' as const, rows, rowCount: rows.length },
    ...patch,
  };
}

describe('the last backtest file as a distribution sample', () => {
  it('is nothing before a file is read, and says so while it is read or when it cannot be', () => {
    expect(fileSample({ ...session(), file: null }, fields)).toEqual({ status: 'none' });
    expect(fileSample(session({ rows: { status: 'reading' } }), fields)).toEqual({
      status: 'reading',
      name: 'history.csv',
    });
    expect(fileSample(session({ rows: { status: 'error', message: 'Gone.' } }), fields)).toEqual({
      status: 'error',
      message: 'Gone.',
    });
  });

  it('reads the rows through the mapping, events as JSON, a row whose events cannot be read left out', () => {
    const s = fileSample(session(), fields, CLOCK);
    expect(s.status === 'done' && s.leads).toEqual([
      {
        lead: { company: { employees: '40' }, lastVisit: '2026-02-10', events: [view] },
        now: '2026-02-10T00:00:00.000Z',
      },
      { lead: { company: { employees: '900' }, lastVisit: 'soon' }, now: '2026-02-10T00:00:00.000Z' },
    ]);
    expect(s.status === 'done' && s.source).toBe(
      'the 3 rows of history.csv, 1 row left out (events that cannot be read)',
    );
  });

  it('evaluates as the Backtest page says: its typed date, else each row at its time column, else the clock', () => {
    const at = (patch: Partial<BacktestSession>) => {
      const s = fileSample(session(patch), fields, CLOCK);
      return s.status === 'done' ? s.leads.map((l) => l.now) : null;
    };
    expect(at({ asOfText: '2026-03-31' })).toEqual(['2026-03-31T00:00:00.000Z', '2026-03-31T00:00:00.000Z']);
    // A row without a readable time falls back to the file's date, as the runtime's backtest does.
    expect(at({ timeMode: 'column', timeColumn: 'visited' })).toEqual([
      '2026-02-10T00:00:00.000Z',
      '2026-02-10T00:00:00.000Z',
    ]);
    expect(at({ dates: { status: 'done', byColumn: new Map() } })).toEqual([
      new Date(CLOCK).toISOString(),
      new Date(CLOCK).toISOString(),
    ]);
  });

  it('lets an NDJSON file’s catalogue paths and events read themselves, and says when it kept the first rows', () => {
    const lead = { 'company.employees': 40, company: { employees: 40 }, events: [view] };
    const s = fileSample(
      session({
        header: { format: 'ndjson', columns: ['company', 'events'], estimatedRows: 1 },
        mapping: { company: null },
        rows: { status: 'done', rows: [lead], rowCount: 7000 },
      }),
      fields,
      CLOCK,
    );
    expect(s.status === 'done' && s.leads[0]?.lead).toEqual({ company: { employees: 40 }, events: [view] });
    expect(s.status === 'done' && s.source).toBe('the first 1 row of 7,000 of history.csv');
  });
});
