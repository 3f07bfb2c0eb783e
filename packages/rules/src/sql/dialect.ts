/** The SQL targets a workflow compiles to. */
export const SQL_DIALECTS = ['postgres', 'duckdb'] as const;
export type SqlDialectName = (typeof SQL_DIALECTS)[number];

/**
 * What differs between the targets: types, names of functions, how text is split and searched. Every
 * other part of the compiler writes SQL that both read alike. Values are compiled as literals only
 * through `text` and `num`, never pasted from a document.
 */
export interface SqlDialect {
  name: SqlDialectName;
  /** The floating-point type, IEEE double in both targets (the runtime's numbers). */
  double: string;
  /** A column's value as text, whatever its type. */
  asText(expr: string): string;
  /** A text literal. */
  text(value: string): string;
  /** A number literal, exactly the double the runtime holds. */
  num(value: number): string;
  /** A list of text of the values (the normalised form of a list field). */
  textList(items: string): string;
  /** True when `regex` (ERE subset both engines read alike) matches the whole of `expr`. */
  matches(expr: string, regex: string): string;
  /** `expr` without characters in `chars` (a text expression) at both ends. */
  trim(expr: string, chars: string): string;
  /** Whether `needle` occurs in `hay`. */
  contains(hay: string, needle: string): string;
  startsWith(expr: string, prefix: string): string;
  endsWith(expr: string, suffix: string): string;
  /** The text after the last `@`, or something no domain equals. */
  afterLastAt(expr: string): string;
  /** Whether list `list` holds `item`; holds any of `items`. */
  listHas(list: string, item: string): string;
  listHasAny(list: string, items: string[]): string;
  /** Items of `text` split at `,` and `;`, each folded by `fold`, blanks dropped. */
  splitList(text: string, fold: (item: string) => string): string;
  /** Text with separators `,` `_` before a group of three digits removed, as the runtime reads thousands. */
  dropThousands(expr: string): string;
  /** Text known to be a number in the runtime's syntax, as the double the runtime reads (NULL: not finite). */
  toDouble(expr: string): string;
  /** Capture groups 1..n of `regex` in `expr` (the text of group i, or NULL/'' when it took no part). */
  groups(expr: string, regex: string, n: number): { setup: string; group(i: number): string };
  /** The evaluation time in epoch milliseconds (the query's one parameter, or a literal). */
  now(ms: number | undefined): string;
  /** A subquery fence, so each step of the walk is computed once per lead. */
  fence: string;
  quote(name: string): string;
}

/** Where a double's rounding reaches Infinity (2^1024 - 2^970), and half the smallest double (2^-1075), exactly. */
const HUGE = (2n ** 1024n - 2n ** 970n).toString();
const TINY = `0.${(5n ** 1075n).toString().padStart(1075, '0')}`;

/**
 * Trimming with a set of characters costs both engines much more than a look at the two ends: only
 * text that starts or ends with one of them is trimmed.
 */
const guardedTrim = (e: string, chars: string, fn: string) =>
  `CASE WHEN strpos(${chars}, left(${e}, 1)) > 0 OR strpos(${chars}, right(${e}, 1)) > 0 THEN ${fn}(${e}, ${chars}) ELSE ${e} END`;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const text = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** A finite double as SQL text that reads back as the same double ("0.1", "1e+21"). */
function numText(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`${value} is not a finite number`);
  return Object.is(value, -0) ? '0' : String(value);
}

export const POSTGRES: SqlDialect = {
  name: 'postgres',
  double: 'double precision',
  asText: (e) => `CAST(${e} AS text)`,
  text,
  num: (v) =>
    Number.isInteger(v) && Math.abs(v) < 2 ** 31 ? `${numText(v)}::float8` : `'${numText(v)}'::float8`,
  textList: (items) => `ARRAY[${items}]::text[]`,
  matches: (e, re) => `(${e} ~ ${text(`^(${re})$`)})`,
  trim: (e, chars) => guardedTrim(e, chars, 'btrim'),
  contains: (hay, needle) => `(strpos(${hay}, ${needle}) > 0)`,
  startsWith: (e, p) => `starts_with(${e}, ${p})`,
  endsWith: (e, s) => `(right(${e}, char_length(${s})) = ${s})`,
  afterLastAt: (e) => `coalesce(substring(${e} from '@([^@]*)$'), '')`,
  listHas: (list, item) => `(${item} = ANY(${list}))`,
  listHasAny: (list, items) => `(${list} && ARRAY[${items.join(', ')}]::text[])`,
  splitList: (t, fold) =>
    `ARRAY(SELECT i FROM (SELECT ${fold('e')} AS i FROM unnest(regexp_split_to_array(${t}, '[,;]')) AS e) AS s WHERE i <> '')`,
  // A lookahead: each separator is judged on the text as written, as the runtime's regular expression does.
  dropThousands: (e) => `regexp_replace(${e}, '([0-9])[,_](?=[0-9]{3}([^A-Za-z0-9_]|$))', '\\1', 'g')`,
  // Through numeric, which reads any length and exponent: beyond the largest double is not finite
  // (the runtime's Infinity), below half the smallest is 0, as the runtime rounds.
  // Through numeric, which reads any number of digits exactly: from the point where a double rounds
  // to Infinity the value is not finite (the runtime's Infinity, a wrong type); at or below half the
  // smallest double it is 0, as the runtime rounds. numeric reads exponents up to 1000: beyond, text
  // shorter than the exponent is surely out of range either way; longer text stops the query.
  toDouble: (e) =>
    `(CASE WHEN ${e} !~ '[eE][+-]?0*[0-9]{4,}$' OR substring(${e} from '[eE][+-]?0*([0-9]+)$')::numeric <= 1000 THEN (CASE WHEN abs(${e}::numeric) >= ${HUGE} THEN NULL WHEN abs(${e}::numeric) <= ${TINY} THEN 0::float8 ELSE ${e}::numeric::float8 END) WHEN length(${e}) + 400 < substring(${e} from '[eE][+-]?0*([0-9]+)$')::numeric THEN (CASE WHEN ${e} ~ '[eE]-' OR ${e} ~ '^[+-]?[0.]*[eE]' THEN 0::float8 ELSE NULL END) ELSE CAST('a number too long to read exactly: ' || left(${e}, 40) AS float8) END)`,
  groups: (e, re) => ({ setup: `regexp_match(${e}, ${text(`^${re}$`)})`, group: (i) => `[${i}]` }),
  now: (ms) => (ms === undefined ? '$1::float8' : `${numText(ms)}::float8`),
  fence: ' OFFSET 0',
  quote,
};

export const DUCKDB: SqlDialect = {
  name: 'duckdb',
  double: 'DOUBLE',
  asText: (e) => `CAST(${e} AS VARCHAR)`,
  text,
  num: (v) => `CAST(${text(numText(v))} AS DOUBLE)`,
  textList: (items) => `CAST([${items}] AS VARCHAR[])`,
  matches: (e, re) => `regexp_full_match(${e}, ${text(re)})`,
  trim: (e, chars) => guardedTrim(e, chars, 'trim'),
  contains: (hay, needle) => `(strpos(${hay}, ${needle}) > 0)`,
  startsWith: (e, p) => `starts_with(${e}, ${p})`,
  endsWith: (e, s) => `ends_with(${e}, ${s})`,
  afterLastAt: (e) => `regexp_extract(${e}, '@([^@]*)$', 1)`,
  listHas: (list, item) => `list_contains(${list}, ${item})`,
  listHasAny: (list, items) => `list_has_any(${list}, [${items.join(', ')}])`,
  splitList: (t, fold) =>
    `list_filter(list_transform(regexp_split_to_array(${t}, '[,;]'), e -> ${fold('e')}), e -> e <> '')`,
  // RE2 has no lookahead: each character is kept or dropped on the text as written.
  dropThousands: (e) =>
    `array_to_string(list_transform(range(1, length(${e}) + 1), i -> CASE WHEN substr(${e}, i, 1) IN (',', '_') AND i > 1 AND regexp_full_match(substr(${e}, i - 1, 1), '[0-9]') AND regexp_full_match(substr(${e}, i + 1, 4), '[0-9]{3}([^A-Za-z0-9_])?') THEN '' ELSE substr(${e}, i, 1) END), '')`,
  toDouble: (e) => `(CASE WHEN isinf(TRY_CAST(${e} AS DOUBLE)) THEN NULL ELSE TRY_CAST(${e} AS DOUBLE) END)`,
  groups: (e, re, n) => ({
    setup: `regexp_extract(${e}, ${text(`^${re}$`)}, [${Array.from({ length: n }, (_, i) => `'g${i + 1}'`).join(', ')}])`,
    group: (i) => `['g${i}']`,
  }),
  now: (ms) => (ms === undefined ? 'CAST($1 AS DOUBLE)' : `CAST(${text(numText(ms))} AS DOUBLE)`),
  fence: '',
  quote,
};

export const DIALECTS: Record<SqlDialectName, SqlDialect> = { postgres: POSTGRES, duckdb: DUCKDB };
