import { z } from 'zod';
import { ConditionSchema } from '../conditions/schema.ts';

/** A JSON schema as z.toJSONSchema writes it; only the keywords our schemas use are read. */
interface Json {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, Json>;
  required?: string[];
  items?: Json;
  oneOf?: Json[];
  anyOf?: Json[];
  $ref?: string;
  $comment?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  $defs?: Record<string, Json>;
}

/** One documented property: its dotted name (`criteria[].weight`), type, whether it is needed, and why it is there. */
export interface Row {
  name: string;
  type: string;
  need: string;
}

const CONDITION = 'condition';
const code = (v: unknown) => `\`${JSON.stringify(v)}\``;

/** The schema as JSON schema (input side, defaults shown), with every condition cut to a marker. */
export function jsonSchemaOf(schema: z.ZodType): Json {
  return z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      if ((ctx.zodSchema as unknown) !== ConditionSchema) return;
      const js = ctx.jsonSchema as Record<string, unknown>;
      for (const key of Object.keys(js)) delete js[key];
      js.$comment = CONDITION;
    },
  }) as Json;
}

function resolve(s: Json, root: Json): Json {
  if (!s.$ref) return s;
  const name = s.$ref.replace('#/$defs/', '');
  return root.$defs?.[name] ?? s;
}

function range(min: number | undefined, max: number | undefined, unit: string): string {
  const huge = (n: number | undefined) => n === undefined || Math.abs(n) >= Number.MAX_SAFE_INTEGER;
  if (!huge(min) && !huge(max)) return min === max ? `${min} ${unit}` : `${min} to ${max} ${unit}`;
  if (!huge(min)) return `at least ${min} ${unit}`;
  if (!huge(max)) return `up to ${max} ${unit}`;
  return '';
}

const withNote = (text: string, note: string) => (note ? `${text} (${note.trim()})` : text);

/** A schema's type in words: "text (1 to 200 characters)", "whole number, 0 or more", "a condition". */
export function typeText(s: Json, root: Json): string {
  s = resolve(s, root);
  if (s.$comment === CONDITION) return 'a [condition](#conditions)';
  if (s.const !== undefined) return code(s.const);
  if (s.enum) return `one of ${s.enum.map(code).join(', ')}`;
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return variants.map((v) => typeText(v, root)).join(' or ');
  if (s.type === 'null') return '`null`';
  if (s.type === 'string' && s.format === 'date-time') return 'an ISO 8601 time with an offset';
  if (s.type === 'string') {
    const text = withNote('text', range(s.minLength, s.maxLength, 'characters'));
    return s.pattern ? `${text} matching \`${s.pattern}\`` : text;
  }
  if (s.type === 'number' || s.type === 'integer') {
    const name = s.type === 'integer' ? 'whole number' : 'number';
    if (s.exclusiveMinimum !== undefined) {
      return `${name} over ${s.exclusiveMinimum}${s.maximum !== undefined ? `, up to ${s.maximum}` : ''}`;
    }
    return withNote(name, range(s.minimum, s.maximum, '').trim());
  }
  if (s.type === 'boolean') return '`true` or `false`';
  if (s.type === 'array') {
    const item = s.items ? resolve(s.items, root) : {};
    const of =
      item.$comment === CONDITION
        ? '[conditions](#conditions)'
        : item.type === 'object'
          ? 'objects'
          : typeText(item, root);
    return withNote(`list of ${of}`, range(s.minItems, s.maxItems, 'items'));
  }
  if (s.type === 'object') return 'object';
  return 'anything';
}

function needText(s: Json, required: boolean): string {
  if (s.default !== undefined) return `optional, default ${code(s.default)}`;
  return required ? 'required' : 'optional';
}

/** The property that tells a union's object shapes apart (`rule`, `to`), if they have one. */
function discriminator(variants: Json[]): string | undefined {
  const first = variants[0]?.properties ?? {};
  return Object.keys(first).find((k) => variants.every((v) => v.properties?.[k]?.const !== undefined));
}

/**
 * The rows of an object schema, nested objects and lists of objects flattened into dotted names
 * (`sla.touches`, `criteria[].weight`); a union of object shapes (`pass`, a route's data) gives its
 * telling property once and each shape's other properties marked "with `rule: "points"`". `nest`
 * false leaves lists of objects to tables of their own.
 */
export function rowsOf(schema: Json, root: Json = schema, prefix = '', when = '', nest = true): Row[] {
  schema = resolve(schema, root);
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants?.every((v) => resolve(v, root).type === 'object')) {
    const shapes = variants.map((v) => resolve(v, root));
    const key = discriminator(shapes);
    if (!key) throw new Error(`${prefix || 'a schema'}: a union of objects without a telling property`);
    const rows: Row[] = [
      {
        name: `${prefix}${key}`,
        type: `one of ${shapes.map((v) => code(v.properties![key]!.const)).join(', ')}`,
        need: 'required',
      },
    ];
    for (const shape of shapes) {
      const tag = `with \`${key}: ${JSON.stringify(shape.properties![key]!.const)}\``;
      const rest = { ...shape, properties: { ...shape.properties } };
      delete rest.properties[key];
      rows.push(...rowsOf(rest, root, prefix, tag));
    }
    return rows;
  }
  const rows: Row[] = [];
  for (const [key, raw] of Object.entries(schema.properties ?? {})) {
    const s = resolve(raw, root);
    const name = `${prefix}${key}`;
    const need = needText(raw.default !== undefined ? raw : s, schema.required?.includes(key) ?? false);
    const row = { name, type: typeText(s, root), need: when ? `${need}, ${when}` : need };
    rows.push(row);
    const shapes = s.oneOf ?? s.anyOf;
    if (s.type === 'object' && s.properties && Object.keys(s.properties).length) {
      rows.push(...rowsOf(s, root, `${name}.`, when));
    } else if (shapes?.every((v) => resolve(v, root).type === 'object')) {
      row.type = 'object';
      rows.push(...rowsOf(s, root, `${name}.`, when));
    } else if (nest && s.type === 'array' && s.items && resolve(s.items, root).type === 'object') {
      rows.push(...rowsOf(s.items, root, `${name}[].`, when));
    }
  }
  return rows;
}
