import {
  all,
  type Comparison,
  type Condition,
  compare,
  type Field,
  type FieldCatalogue,
  type Operator,
  operatorOf,
  operatorsForType,
} from '@qualify/rules';
import type { ScoreRule } from './rule-edits.ts';

/** The columns a pasted row may have, in the order assumed when the paste has no header row. */
export const PASTE_COLUMNS = ['label', 'points', 'field', 'operator', 'value'] as const;
export type PasteColumn = (typeof PASTE_COLUMNS)[number];

/** Header words taken for each column (lower case), so a sheet's own header row is understood. */
const HEADER_WORDS: Record<PasteColumn, string[]> = {
  label: ['label', 'rule', 'name'],
  points: ['points', 'pts', 'score'],
  field: ['field', 'path'],
  operator: ['operator', 'op', 'test'],
  value: ['value', 'values'],
};

/** Symbols a spreadsheet user types for the number operators. */
const SYMBOLS: Record<string, Operator> = {
  '>=': 'gte',
  '>': 'gt',
  '<=': 'lte',
  '<': 'lt',
  '=': 'eq',
  '!=': 'neq',
};

export interface RejectedRow {
  /** 1-based line of the pasted text. */
  line: number;
  text: string;
  reason: string;
}

export interface PastedRules {
  rules: Omit<ScoreRule, 'id'>[];
  rejected: RejectedRow[];
  /** The columns read, from the header row or the default order. */
  columns: PasteColumn[];
  header: boolean;
}

/** Whether text looks like rows from a spreadsheet (a tab or a line break), not a single value. */
export const looksTabular = (text: string): boolean => /\t|\n/.test(text.trim());

function headerOf(cells: string[]): PasteColumn[] | null {
  const cols = cells.map((c) => {
    const word = c.trim().toLowerCase();
    return PASTE_COLUMNS.find((col) => HEADER_WORDS[col].includes(word));
  });
  if (cols.some((c) => c === undefined) || !cols.includes('label')) return null;
  return cols as PasteColumn[];
}

/** Whole points: "20", "+20", "−5" (a typographic minus, as sheets print it). */
function pointsOf(text: string): number | string {
  const t = text
    .trim()
    .replace(/^−/, '-')
    .replace(/\s*(pts|points)$/i, '');
  if (t === '') return 'points are missing';
  if (!/^[+-]?\d+$/.test(t)) return `points "${text.trim()}" are not a whole number`;
  const n = Number(t);
  if (n < -1000 || n > 1000) return `points ${n} are outside −1000 to 1000`;
  return n;
}

function fieldNamed(fields: FieldCatalogue, name: string): Field | undefined {
  const key = name.trim().toLowerCase();
  return (
    fields.find((f) => f.path.toLowerCase() === key) ?? fields.find((f) => f.label.toLowerCase() === key)
  );
}

function operatorNamed(field: Field, name: string): Operator | undefined {
  const key = name.trim().toLowerCase();
  const offered = operatorsForType(field.type);
  const found =
    SYMBOLS[key] ??
    offered.find((op) => op.toLowerCase() === key) ??
    offered.find((op) => operatorOf(op)!.label === key);
  return found && offered.includes(found) ? found : undefined;
}

/** One value of the field's type, read from a cell as a sheet shows it. */
function scalarOf(field: Field, raw: string): string | number | boolean {
  const t = raw.trim();
  switch (field.type) {
    case 'number': {
      const n = Number(t.replace(/[, ]/g, '').replace(/^−/, '-'));
      return t !== '' && Number.isFinite(n) ? n : t;
    }
    case 'boolean':
      if (/^(yes|true|1)$/i.test(t)) return true;
      if (/^(no|false|0)$/i.test(t)) return false;
      return t;
    case 'enum':
      return field.values?.find((v) => v.toLowerCase() === t.toLowerCase()) ?? t;
    default:
      return t;
  }
}

function cellValue(field: Field, op: Operator, raw: string): Comparison['value'] {
  const operand = operatorOf(op)!.operand;
  switch (operand.shape) {
    case 'none':
      return undefined;
    case 'days': {
      const n = Number(raw.trim());
      return raw.trim() !== '' && Number.isFinite(n) ? n : raw.trim();
    }
    case 'range': {
      const ends = raw.split(/\s+(?:to|and)\s+|\s*[–;]\s*|,\s*/).filter((s) => s.trim() !== '');
      return ends.map((e) => scalarOf(field, e));
    }
    case 'list':
      return raw
        .split(/[,;]/)
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => (field.type === 'stringList' ? s : scalarOf(field, s)));
    default:
      return scalarOf(field, raw);
  }
}

/** The condition of a row's field, operator and value cells; a string says why it could not be read. */
function conditionOf(
  fields: FieldCatalogue,
  cells: Partial<Record<PasteColumn, string>>,
): Condition | string {
  const name = cells.field?.trim() ?? '';
  const opText = cells.operator?.trim() ?? '';
  const raw = cells.value ?? '';
  if (!name) return opText || raw.trim() ? 'an operator or value needs a field' : all();
  const field = fieldNamed(fields, name);
  if (!field) return `no field "${name}" in the catalogue`;
  if (!opText)
    return `${field.label} needs an operator (e.g. ${operatorOf(operatorsForType(field.type)[0]!)!.label})`;
  const op = operatorNamed(field, opText);
  if (!op) {
    const offered = operatorsForType(field.type).map((o) => operatorOf(o)!.label);
    return `"${opText}" is not an operator for ${field.label}: ${[...new Set(offered)].join(', ')}`;
  }
  const value = cellValue(field, op, raw);
  const operand = operatorOf(op)!.operand;
  const wrong = operand.shape === 'none' ? null : operand.check(value, field);
  if (wrong) return `${field.label} ${operatorOf(op)!.label} needs ${wrong}, not "${raw.trim()}"`;
  return compare(field.path, op, value);
}

/** One pasted line as a rule, or why it is not one. */
function ruleOf(
  line: string,
  columns: PasteColumn[],
  fields: FieldCatalogue,
): Omit<ScoreRule, 'id'> | string {
  const raw = line.split('\t');
  if (raw.length > columns.length && raw.slice(columns.length).some((c) => c.trim() !== ''))
    return `more cells than the ${columns.length} columns (${columns.join(', ')})`;
  const cells: Partial<Record<PasteColumn, string>> = {};
  raw.forEach((c, j) => {
    const col = columns[j];
    if (col) cells[col] = c;
  });
  const label = cells.label?.trim() ?? '';
  if (!label) return 'the label is empty';
  if (label.length > 200) return 'the label is longer than 200 characters';
  const points = pointsOf(cells.points ?? '');
  if (typeof points === 'string') return points;
  const condition = conditionOf(fields, cells);
  if (typeof condition === 'string') return condition;
  return { label, points, condition };
}

/**
 * Score rules from rows pasted from a spreadsheet (tab-separated): each row is checked on its own, the
 * rows understood become rules and the others are reported with why.
 * @example parsePastedRules('Demo\t20\nVP\ttwenty', fields) // 1 rule, line 2 rejected
 */
export function parsePastedRules(text: string, fields: FieldCatalogue): PastedRules {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  const header = first < 0 ? null : headerOf(lines[first]!.split('\t'));
  const columns = header ?? [...PASTE_COLUMNS];
  const rules: PastedRules['rules'] = [];
  const rejected: RejectedRow[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '' || (header && i === first)) return;
    const rule = ruleOf(line, columns, fields);
    if (typeof rule === 'string')
      rejected.push({ line: i + 1, text: line.replaceAll('\t', ' · '), reason: rule });
    else rules.push(rule);
  });
  return { rules, rejected, columns, header: header !== null };
}
