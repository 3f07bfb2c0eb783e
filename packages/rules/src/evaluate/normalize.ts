import type { ArtifactEvents, ArtifactField } from '../compile/artifact.ts';
import { dateValue } from '../model/dates.ts';
import { EVENTS_PATH } from '../model/events.ts';
import type { DataIssue } from './decision.ts';
import { makeEventsNormalizer } from './normalize-events.ts';

type Convert = (raw: unknown) => unknown;
const BAD = Symbol('bad');

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** What a CSV cell or a form usually holds: read at once, without trimming or thousands separators. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);

function toNumber(raw: unknown): unknown {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : BAD;
  if (typeof raw !== 'string') return BAD;
  if (PLAIN_NUMBER.test(raw)) {
    const n = Number(raw);
    return Number.isFinite(n) ? n : BAD;
  }
  // "1,200" and "1_200" are how spreadsheets and CRMs write thousands.
  const s = raw.trim().replace(/(\d)[,_](?=\d{3}\b)/g, '$1');
  if (s === '') return undefined;
  const n = NUMBER.test(s) ? Number(s) : Number.NaN;
  return Number.isFinite(n) ? n : BAD;
}

function toBoolean(raw: unknown): unknown {
  if (typeof raw === 'boolean') return raw;
  if (raw === 1 || raw === 0) return raw === 1;
  if (typeof raw !== 'string') return BAD;
  const s = raw.trim().toLowerCase();
  if (s === '') return undefined;
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
  if (typeof raw === 'string' && raw.trim() === '') return undefined;
  const ms = dateValue(raw);
  return Number.isFinite(ms) ? ms : BAD;
}

function toList(raw: unknown): unknown {
  if (typeof raw === 'string' && raw.trim() === '') return undefined;
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
    if (typeof raw !== 'string' && !(typeof raw === 'number' && Number.isFinite(raw))) return BAD;
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

export type Normalizer = (lead: unknown) => { lead: Record<string, unknown>; issues: DataIssue[] };

const PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const GUARDED = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The cheap test that a value is already in its normalised form, so the converter is skipped. Text is
 * folded here anyway, so `listed` (the test that folded `c` means missing) costs little more.
 */
function fastPath(field: ArtifactField, enumSet: string, listed: string | null): string {
  switch (field.type) {
    case 'number':
      return `typeof v==='number'&&v-v===0?v:`;
    case 'boolean':
      return `typeof v==='boolean'?v:`;
    case 'enum':
      return `typeof v==='string'&&${enumSet}.has(v)?v:`;
    case 'string':
      // toText inlined for the common case: trimmed, lower-cased, blank is missing.
      return `typeof v==='string'?(c=v.trim().toLowerCase())===''${listed ? `||${listed}` : ''}?undefined:c:`;
    default:
      return '';
  }
}

/** A field's missing values as the normaliser compares them (a hand-made artifact may not have folded them). */
const missingSetOf = (field: ArtifactField) =>
  new Set((field.missing ?? []).map((v) => v.trim().toLowerCase()));

/** Lists up to this long are tested by comparisons in the generated code, longer ones by a Set. */
const INLINE_MISSING = 16;

/**
 * Source that is true when the folded string in `c` is one of `missing`. A short list is compared
 * inline: for text that is not a placeholder, comparisons that fail on the length cost a fraction of a
 * Set lookup, which hashes the fresh string first (measured: the product list on three text fields took
 * a fifth of the normaliser's time as a Set, a twentieth inline).
 */
function listedTest(missing: ReadonlySet<string>, missingSet: () => string): string {
  if (missing.size > INLINE_MISSING) return `${missingSet()}.has(c)`;
  return `(${[...missing].map((m) => `c===${JSON.stringify(m)}`).join('||')})`;
}

/**
 * Where a field's missing-value test goes. Number, yes/no, date and choice converters give the same
 * answer for a string and for its folded form, so when no listed value converts (the product's list:
 * `-` is not a number), a listed value can only come out of the converter as BAD: testing there, only
 * for values that failed anyway, keeps the test off the hot path ('late'). Otherwise every string is
 * tested before the converter ('early'). Text tests on its fast path, where it is folded anyway.
 */
function missingTestAt(
  field: ArtifactField,
  missing: ReadonlySet<string>,
): 'none' | 'fast' | 'early' | 'late' {
  if (missing.size === 0) return 'none';
  if (field.type === 'string') return 'fast';
  // A choice's converter knows only the allowed values that do not mean missing (`answers`).
  if (field.type === 'enum') return 'late';
  if (field.type === 'stringList') return 'early';
  const convert = CONVERT[field.type];
  return [...missing].some((m) => convert(m) !== BAD && convert(m) !== undefined) ? 'early' : 'late';
}

/** A choice's allowed values that do not also mean missing: where both (validation warns), missing wins. */
const answers = (field: ArtifactField, missing: ReadonlySet<string>) =>
  (field.values ?? []).filter((v) => !missing.has(v.trim().toLowerCase()));

/** Names the generated source uses for the converters, the enum sets and the BAD marker. */
export interface NormalizationNames {
  converter: (i: number) => string;
  enumSet: (i: number) => string;
  /** Only asked for fields with more values meaning missing than are compared inline. */
  missingSet: (i: number) => string;
  bad: string;
}

/**
 * Source that reads every catalogue field of `raw` and converts it (variables `v` and `c` must be
 * declared): `store(i)` receives a converted value, `onBad(i)` runs for one that cannot be converted.
 * Shared by the normaliser and the fused evaluator; the values to bind come with it.
 */
export function normalizationSource(
  fields: readonly ArtifactField[],
  names: NormalizationNames,
  store: (i: number) => string,
  onBad: (i: number) => string,
): { code: string; converters: Convert[]; enums: Set<string>[]; missing: Set<string>[]; bad: symbol } {
  for (const f of fields) {
    if (!PATH.test(f.path) || f.path.split('.').some((s) => GUARDED.has(s) || s in Object.prototype)) {
      throw new Error(`"${f.path}" is not a usable field path`);
    }
  }
  // Each parent object (`raw.company`) is read once into a constant r1, r2...; `raw` itself is r0's role.
  let code = '';
  const parents = new Map<string, string>([['', 'raw']]);
  const read = (from: string, key: string) =>
    `${from}!==null&&typeof ${from}==='object'?${from}[${JSON.stringify(key)}]:undefined`;
  const parentOf = (path: string): string => {
    const known = parents.get(path);
    if (known) return known;
    const cut = path.lastIndexOf('.');
    const from = parentOf(cut < 0 ? '' : path.slice(0, cut));
    const name = `r${parents.size}`;
    code += `const ${name}=${read(from, path.slice(cut + 1))};`;
    parents.set(path, name);
    return name;
  };
  const missing = fields.map(missingSetOf);
  fields.forEach((f, i) => {
    const cut = f.path.lastIndexOf('.');
    const from = parentOf(cut < 0 ? '' : f.path.slice(0, cut));
    const at = missingTestAt(f, missing[i]!);
    const listed = at === 'none' ? '' : listedTest(missing[i]!, () => names.missingSet(i));
    // Early, only a string no longer than the longest entry is lower-cased and tested (dates are not).
    const longest = Math.max(0, ...[...missing[i]!].map((m) => m.length));
    const early =
      at === 'early'
        ? `typeof v==='string'&&(c=v.trim()).length<=${longest}&&(c=c.toLowerCase(),${listed})?undefined:`
        : '';
    const bad =
      at === 'late'
        ? `if(typeof v!=='string'||(c=v.trim().toLowerCase(),!${listed})){${onBad(i)}}`
        : onBad(i);
    code += `v=${read(from, f.path.slice(cut + 1))};`;
    code += `if(v!==undefined&&v!==null){c=${fastPath(f, names.enumSet(i), at === 'fast' ? listed : null)}${early}${names.converter(i)}(v);`;
    code += `if(c===${names.bad}){${bad}}else if(c!==undefined)${store(i)}=c;}`;
  });
  return {
    code,
    converters: fields.map((f, i) => (f.type === 'enum' ? enumOf(answers(f, missing[i]!)) : CONVERT[f.type])),
    enums: fields.map((f, i) => new Set(f.type === 'enum' ? answers(f, missing[i]!) : [])),
    missing,
    bad: BAD,
  };
}

/**
 * Builds the normalisation step the artifact expects (docs/artifact.md): each catalogue field is read
 * from the raw lead and converted to its type: numbers from numeric strings, booleans from yes/no/1/0,
 * text trimmed and lower-cased, enum values matched case-insensitively to their canonical spelling,
 * dates to epoch milliseconds. A string the field lists as meaning missing (`Select`, `N/A`: trimmed,
 * any case) is missing, silently. A value that cannot be converted is treated as missing and reported.
 *
 * The catalogue is fixed per artifact, so the step is generated once as one function (paths are
 * checked identifiers and enter the source only through JSON.stringify); every lead then gets the
 * same object shape, which keeps the JSON-logic reads monomorphic.
 */
export function makeNormalizer(fields: readonly ArtifactField[], events?: ArtifactEvents): Normalizer {
  const base = makeFieldsNormalizer(fields);
  if (!events) return base;
  const readEvents = makeEventsNormalizer(events);
  return (raw) => {
    const out = base(raw);
    const e = readEvents(raw);
    if (e.events !== undefined) out.lead[EVENTS_PATH] = e.events;
    return e.issues.length ? { lead: out.lead, issues: [...out.issues, ...e.issues] } : out;
  };
}

function makeFieldsNormalizer(fields: readonly ArtifactField[]): Normalizer {
  // Every nested object of the catalogue, parents before children.
  const parents = [''];
  for (const f of fields) {
    const segs = f.path.split('.');
    for (let i = 1; i < segs.length; i++) {
      const p = segs.slice(0, i).join('.');
      if (!parents.includes(p)) parents.push(p);
    }
  }
  const objectOf = (path: string) => {
    const cut = path.lastIndexOf('.');
    return `o${parents.indexOf(cut < 0 ? '' : path.slice(0, cut))}`;
  };
  const keyOf = (path: string) => JSON.stringify(path.slice(path.lastIndexOf('.') + 1));
  const fieldsSource = normalizationSource(
    fields,
    { converter: (i) => `C[${i}]`, enumSet: (i) => `E[${i}]`, missingSet: (i) => `M[${i}]`, bad: 'BAD' },
    (i) => `${objectOf(fields[i]!.path)}[${keyOf(fields[i]!.path)}]`,
    (i) => `(issues??=[]).push(I(${i},v));`,
  );
  let code = `let v,c,issues;const o0={};`;
  parents.slice(1).forEach((p, i) => {
    code += `const o${i + 1}={};${objectOf(p)}[${keyOf(p)}]=o${i + 1};`;
  });
  code += `${fieldsSource.code}return{lead:o0,issues:issues??NO};`;
  const issue = (i: number, value: unknown) => dataIssue(fields[i]!, value);
  // Generated from checked field paths only (see above).
  const factory = new Function('C', 'E', 'M', 'I', 'BAD', 'NO', `return function(raw){${code}}`);
  const { converters, enums, missing } = fieldsSource;
  return factory(converters, enums, missing, issue, BAD, NO_ISSUES) as Normalizer;
}

/**
 * One value converted as a field of its type is by the normaliser (a string meaning missing is missing):
 * `{ value }` (undefined when missing) or `{ bad: true }`. For values outside the generated code (events).
 */
export function valueConverter(field: ArtifactField): (raw: unknown) => { value?: unknown; bad?: true } {
  const missing = missingSetOf(field);
  const convert = field.type === 'enum' ? enumOf(answers(field, missing)) : CONVERT[field.type];
  return (raw) => {
    if (typeof raw === 'string' && missing.has(raw.trim().toLowerCase())) return {};
    const c = convert(raw);
    return c === BAD ? { bad: true } : { value: c };
  };
}

/** The (frozen, shared) answer for a lead without data issues. */
export const NO_ISSUES = Object.freeze([]) as unknown as DataIssue[];

/** What is wrong with one value of one field, in words a person can act on. */
export function dataIssue(field: ArtifactField, value: unknown): DataIssue {
  const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 80)) : typeof value;
  return {
    field: field.path,
    code:
      field.type === 'enum' ? 'not_allowed_value' : field.type === 'date' ? 'unreadable_date' : 'wrong_type',
    message: `${field.path}: ${shown} ${PROBLEM[field.type]}; treated as missing.`,
  };
}
