import { type Condition, comparisonsOf } from '../conditions/schema.ts';
import type { Field } from '../model/fields.ts';
import { DAY_MS } from '../model/logic.ts';

/** Which leads to make: every field present and well typed, some missing, or also badly written. */
export type RowMode = 'clean' | 'sparse' | 'dirty';

/** A seeded generator (mulberry32): the same seed gives the same leads on every machine. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What forms, CRMs and spreadsheets write into any column: blanks, placeholders, odd white space. */
const ANY_DIRTY = ['', '   ', 'N/A', ' select ', '-', '#N/A', 'Unknown', 'none', '\u00a0', 'null', '0'];
const NUMBER_DIRTY = [
  ' 1,200 ',
  '1_000',
  '1e3',
  '+5',
  '.5',
  '5.',
  '50k',
  '1,234,567',
  '1_234_567',
  '1,234.5',
  '1,23',
  '1e400',
  '-1e400',
  '1e-400',
  '0x10',
  'Infinity',
  '12abc',
  '\u3000250\u3000',
  '007',
  '-0',
  '1E+2',
  '1,234_567',
  '2,500,000',
  '99999999999999999999',
  '0.1',
  '-3.75',
];
const BOOLEAN_DIRTY = ['Yes', 'n', '1', '0', 'TRUE', ' y ', 'maybe', 'False', 'NO', '2'];
const DATE_DIRTY = [
  '2026-02-30',
  '2024-02-29',
  '2025-02-29',
  '2026-01-31T09:00:00+0200',
  '2026-01-31 09:00',
  '2026-1-5',
  'yesterday',
  '2026-01-31T24:00',
  '2026-01-31T09:00:00.123456Z',
  '0099-01-01',
  '2026-02-20t10:00z',
  '2026-02-27T23:59:59-05:30',
  ' 2026-02-25 ',
  '2026-02-25T10:00:60',
  '2026-13-01',
  '1',
  '2026-02-25T10:00:00,5+01:00',
  '2026-02-25T10:00+25:00',
];
const TEXT_DIRTY = ['İSTANBUL', 'ÄCME GmbH', '\ttab\t', 'a\u2028b', 'x@GMAIL.COM ', 'vp, sales; ceo'];

const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

/** Each field's operand values in the workflow's conditions, so generated leads land on both sides of them. */
function operandsOf(workflow: { nodes: { data?: unknown }[] }): Map<string, unknown[]> {
  const found = new Map<string, unknown[]>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'compare' || o.type === 'group') {
        for (const c of comparisonsOf(o as Condition)) {
          const values = Array.isArray(c.value) ? c.value : c.value === undefined ? [] : [c.value];
          found.set(c.field, [...(found.get(c.field) ?? []), ...values]);
        }
      } else Object.values(o).forEach(walk);
    }
  };
  for (const n of workflow.nodes) walk(n.data);
  return found;
}

function cleanCell(field: Field, operands: unknown[], rnd: () => number, now: number): string {
  const near = operands.filter((v) => typeof v === 'number') as number[];
  switch (field.type) {
    case 'number': {
      if (near.length && rnd() < 0.7) return String(pick(rnd, near) + pick(rnd, [-1, 0, 0, 1, 0.5]));
      return String(Math.floor(rnd() * 10 ** Math.floor(rnd() * 7)));
    }
    case 'boolean':
      return rnd() < 0.5 ? 'true' : 'false';
    case 'enum':
      return pick(rnd, field.values ?? ['x']);
    case 'date': {
      const days = pick(rnd, [0, 1, 3, 7, 13, 14, 15, 29, 30, 31, 60, 89, 90, 91, 200]) + rnd();
      return new Date(now - days * DAY_MS).toISOString();
    }
    case 'stringList': {
      const words = operands.filter((v) => typeof v === 'string') as string[];
      const n = Math.floor(rnd() * 3);
      return Array.from({ length: n + 1 }, () =>
        words.length && rnd() < 0.6 ? pick(rnd, words) : 'other',
      ).join(';');
    }
    default: {
      const words = operands.filter((v) => typeof v === 'string') as string[];
      if (field.path.toLowerCase().includes('email'))
        return `ann${Math.floor(rnd() * 99)}@${pick(rnd, ['acme.io', 'gmail.com', 'web.de', 'corp.example', 'yahoo.com'])}`;
      if (words.length && rnd() < 0.7)
        return `${pick(rnd, ['', 'Senior ', 'the '])}${pick(rnd, words)}${pick(rnd, ['', ' Lead', ''])}`;
      return pick(rnd, ['Engineer', 'Consultant', 'DE', 'us', 'Other']);
    }
  }
}

function dirtyCell(field: Field, clean: string, rnd: () => number): string {
  const r = rnd();
  if (r < 0.25) return pick(rnd, ANY_DIRTY);
  if (r < 0.4) return clean.toUpperCase();
  if (r < 0.5) return ` ${clean}\u00a0`;
  switch (field.type) {
    case 'number':
      return pick(rnd, NUMBER_DIRTY);
    case 'boolean':
      return pick(rnd, BOOLEAN_DIRTY);
    case 'date':
      return pick(rnd, DATE_DIRTY);
    case 'enum':
      return rnd() < 0.5 ? clean.toLowerCase() : pick(rnd, ['other', 'İ', 'SaaS ']);
    case 'stringList':
      return pick(rnd, [' a ; B ,c', ',,', `${clean},${clean.toUpperCase()}`, ';']);
    default:
      return pick(rnd, TEXT_DIRTY);
  }
}

/**
 * Generated leads for a workflow as the rows of a leads table: the id, then one text cell (or null) a
 * catalogue field, in catalogue order. Values come from the field's type and the operands the
 * workflow compares it with; `sparse` leaves fields out, `dirty` also writes values as forms and
 * spreadsheets do (thousands separators, odd case, placeholders, impossible dates).
 */
export function catalogueRows(
  workflow: { fields: Field[]; nodes: { data?: unknown }[] },
  n: number,
  options: { seed?: number; mode?: RowMode; now: number; firstId?: number },
): (string | null)[][] {
  const rnd = seeded(options.seed ?? 42);
  const operands = operandsOf(workflow);
  const mode = options.mode ?? 'clean';
  const rows: (string | null)[][] = [];
  for (let i = 0; i < n; i++) {
    const row: (string | null)[] = [String((options.firstId ?? 0) + i)];
    for (const field of workflow.fields) {
      if (mode !== 'clean' && rnd() < 0.15) {
        row.push(null);
        continue;
      }
      const clean = cleanCell(field, operands.get(field.path) ?? [], rnd, options.now);
      row.push(mode === 'dirty' && rnd() < 0.2 ? dirtyCell(field, clean, rnd) : clean);
    }
    rows.push(row);
  }
  return rows;
}
