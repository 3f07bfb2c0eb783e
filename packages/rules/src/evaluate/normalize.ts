import type { ArtifactField } from '../compile/artifact.ts';
import type { DataIssue } from './decision.ts';

type Convert = (raw: unknown) => unknown;
const BAD = Symbol('bad');

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);

function toNumber(raw: unknown): unknown {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : BAD;
  if (typeof raw !== 'string') return BAD;
  // "1,200" and "1_200" are how spreadsheets and CRMs write thousands.
  const s = raw.trim().replace(/(\d)[,_](?=\d{3}\b)/g, '$1');
  return NUMBER.test(s) ? Number(s) : BAD;
}

function toBoolean(raw: unknown): unknown {
  if (typeof raw === 'boolean') return raw;
  if (raw === 1 || raw === 0) return raw === 1;
  if (typeof raw !== 'string') return BAD;
  const s = raw.trim().toLowerCase();
  return TRUE.has(s) ? true : FALSE.has(s) ? false : BAD;
}

function toText(raw: unknown): unknown {
  if (typeof raw === 'string') {
    const s = raw.trim().toLowerCase();
    return s === '' ? undefined : s;
  }
  return typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : BAD;
}

function toDate(raw: unknown): unknown {
  if (raw instanceof Date) return Number.isFinite(raw.getTime()) ? raw.getTime() : BAD;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : BAD;
  if (typeof raw !== 'string') return BAD;
  const ms = Date.parse(raw.trim());
  return Number.isFinite(ms) ? ms : BAD;
}

function toList(raw: unknown): unknown {
  const items = typeof raw === 'string' ? raw.split(/[,;]/) : Array.isArray(raw) ? raw : null;
  if (!items) return BAD;
  const out: string[] = [];
  for (const item of items) {
    const s = toText(item);
    if (typeof s === 'string') out.push(s);
  }
  return out;
}

function enumOf(values: readonly string[]): Convert {
  const exact = new Set(values);
  const folded = new Map(values.map((v) => [v.trim().toLowerCase(), v]));
  return (raw) => {
    if (typeof raw === 'string' && exact.has(raw)) return raw;
    if (typeof raw !== 'string' && typeof raw !== 'number') return BAD;
    const s = String(raw).trim().toLowerCase();
    if (s === '') return undefined;
    return folded.get(s) ?? BAD;
  };
}

const CONVERT: Record<Exclude<ArtifactField['type'], 'enum'>, Convert> = {
  number: toNumber,
  boolean: toBoolean,
  string: toText,
  date: toDate,
  stringList: toList,
};

const PROBLEM = {
  number: 'is not a number',
  boolean: 'is not yes/no',
  string: 'is not text',
  date: 'is not a date',
  stringList: 'is not a list',
  enum: 'is not one of the allowed values',
} as const;

interface Slot {
  field: ArtifactField;
  segments: string[];
  convert: Convert;
}

export type Normalizer = (lead: unknown) => { lead: Record<string, unknown>; issues: DataIssue[] };

/** Own, plain property only: a lead cannot reach prototypes through a field path. */
function read(obj: unknown, segments: string[]): unknown {
  let cur = obj;
  for (const s of segments) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, s)) return undefined;
    cur = (cur as Record<string, unknown>)[s];
  }
  return cur;
}

/**
 * Builds the normalisation step the artifact expects (docs/artifact.md): each catalogue field is read
 * from the raw lead and converted to its type: numbers from numeric strings, booleans from yes/no/1/0,
 * text trimmed and lower-cased, enum values matched case-insensitively to their canonical spelling,
 * dates to epoch milliseconds. A value that cannot be converted is treated as missing and reported.
 */
export function makeNormalizer(fields: readonly ArtifactField[]): Normalizer {
  const slots: Slot[] = fields.map((field) => ({
    field,
    segments: field.path.split('.'),
    convert: field.type === 'enum' ? enumOf(field.values ?? []) : CONVERT[field.type],
  }));
  return (raw) => {
    const lead: Record<string, unknown> = {};
    let issues: DataIssue[] | undefined;
    for (const slot of slots) {
      const value = read(raw, slot.segments);
      if (value === undefined || value === null) continue;
      const v = slot.convert(value);
      if (v === BAD) {
        issues ??= [];
        const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : typeof value;
        issues.push({
          field: slot.field.path,
          code:
            slot.field.type === 'enum'
              ? 'not_allowed_value'
              : slot.field.type === 'date'
                ? 'unreadable_date'
                : 'wrong_type',
          message: `${slot.field.path}: ${shown} ${PROBLEM[slot.field.type]}; treated as missing.`,
        });
        continue;
      }
      if (v === undefined) continue;
      let target = lead;
      const last = slot.segments.length - 1;
      for (let i = 0; i < last; i++) {
        const key = slot.segments[i]!;
        target = (target[key] ??= {}) as Record<string, unknown>;
      }
      target[slot.segments[last]!] = v;
    }
    return { lead, issues: issues ?? [] };
  };
}
