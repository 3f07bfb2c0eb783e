import type { LogicFn } from './node.ts';

/**
 * The fastest path: a JSON-logic rule turned into ONE JavaScript function, so V8 can inline the
 * whole expression instead of calling through a tree of closures. It covers the operations compiled
 * workflows use, with json-logic-js 2.0.5's exact semantics, and answers `undefined` for anything
 * else so the caller falls back to `compileLogic`'s closures.
 *
 * Safety: no text of the rule reaches the generated source except through `JSON.stringify` (string
 * literals and property names) or as a finite number; operators come from the fixed table below.
 * Callers still only generate code from artifacts that passed validation.
 */
export function generateLogic(rule: unknown): LogicFn | undefined {
  const ctx = newCodeContext();
  const code = generateExpression(rule, ctx);
  if (code === undefined) return undefined;
  return compileSource(ctx, `function(d){${declareTemps(ctx)}return ${code};}`) as LogicFn;
}

/**
 * Shared state while generating one function: temporaries, hoisted constants, and optionally a
 * resolver that turns a constant `var` path into a JavaScript expression (e.g. a local variable
 * holding a normalised lead field); unresolved paths read the data object `d`.
 */
export interface CodeContext {
  temps: number;
  consts: unknown[];
  vars?: (path: string) => string | undefined;
  /** Why the first unsupported part was refused, once generation answered undefined. */
  why?: string;
}

export const newCodeContext = (vars?: CodeContext['vars']): CodeContext =>
  vars ? { temps: 0, consts: [], vars } : { temps: 0, consts: [] };

/** The source of one JSON-logic expression with json-logic-js semantics, or undefined when not supported. */
export function generateExpression(rule: unknown, ctx: CodeContext): string | undefined {
  return gen(rule, ctx, 0)?.code;
}

/** `let t0,t1...;` for the temporaries the context handed out. */
export const declareTemps = (ctx: CodeContext) =>
  ctx.temps ? `let ${Array.from({ length: ctx.temps }, (_, i) => `t${i}`).join(',')};` : '';

/** Turns generated source (a function expression) into a function, with the helpers and constants in scope. */
export function compileSource(ctx: CodeContext, fn: string): unknown {
  // Each constant becomes a variable of the enclosing scope (K0, K1...), which V8 reads faster than
  // an element of an array. Generated from a validated artifact only (see above).
  const names = ctx.consts.map((_, i) => `K${i}=K[${i}]`);
  const factory = new Function(
    'T',
    'IN',
    'SUB',
    'PLUS',
    'SOME',
    'CAT',
    'K',
    `${names.length ? `const ${names.join(',')};` : ''}return ${fn}`,
  );
  return factory(truthy, inOp, substr, plus, some, piece, ctx.consts);
}

type Ctx = CodeContext;

interface Expr {
  code: string;
  /** Always a boolean, so truthiness needs no helper. */
  bool: boolean;
  /** Always a number (a literal, or a choice between numbers), so `+` needs no parseFloat. */
  num?: boolean;
}

const MAX_DEPTH = 64;
const GUARDED = new Set(['__proto__', 'constructor', 'prototype']);

function truthy(v: unknown): boolean {
  if (Array.isArray(v) && v.length === 0) return false;
  return !!v;
}

function inOp(a: unknown, b: unknown): boolean {
  if (!b || typeof (b as { indexOf?: unknown }).indexOf === 'undefined') return false;
  return (b as { indexOf(x: unknown): number }).indexOf(a) !== -1;
}

function substr(source: unknown, start: unknown, end: unknown): string {
  if ((end as number) < 0) {
    const temp = String(source).substr(start as number);
    return temp.substr(0, temp.length + (end as number));
  }
  return String(source).substr(start as number, end as number);
}

/** One step of json-logic-js's `+` reduction: parseFloat of both sides. */
function plus(a: unknown, b: unknown): number {
  return toFloat(a) + toFloat(b);
}

/** parseFloat without the round trip through a string for numbers (String(n) parses back to n, but -0 to 0). */
function toFloat(x: unknown): number {
  if (typeof x === 'number') return x === 0 ? 0 : x;
  return Number.parseFloat(x as string);
}

/** Array.prototype.join's per-element conversion, as json-logic-js's `cat` joins: null and undefined become "". */
function piece(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}

function some(list: unknown, test: LogicFn): boolean {
  if (!Array.isArray(list) || !list.length) return false;
  for (const item of list) if (truthy(test(item))) return true;
  return false;
}

const isPrimitive = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

function literal(v: unknown): Expr | undefined {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return undefined;
    // JSON.stringify(-0) is "0": spell the sign out, json-logic-js keeps it.
    return { code: Object.is(v, -0) ? '(-0)' : `(${JSON.stringify(v)})`, bool: false, num: true };
  }
  if (typeof v === 'string' || v === null) return { code: JSON.stringify(v), bool: false };
  if (typeof v === 'boolean') return { code: String(v), bool: true };
  return undefined;
}

function temp(ctx: Ctx): string {
  return `t${ctx.temps++}`;
}

function varExpr(args: unknown[], ctx: Ctx): Expr | undefined {
  const [path, fallback] = args;
  if (args.length > 2) return undefined;
  const nf = fallback === undefined ? literal(null) : literal(fallback);
  if (!nf) return undefined;
  if (path === undefined || path === '' || path === null)
    return ctx.vars ? undefined : { code: 'd', bool: false };
  if (typeof path !== 'string' && typeof path !== 'number') return undefined;
  if (ctx.vars) {
    // A fused function has no data object: every path must resolve (json-logic-js's default applies to
    // undefined only, and resolved values are never undefined, so a given default is left unsupported).
    const code = fallback === undefined ? ctx.vars(String(path)) : undefined;
    return code === undefined ? undefined : { code, bool: false };
  }
  const segs = String(path).split('.');
  if (segs.some((s) => GUARDED.has(s))) return undefined;
  const t = temp(ctx);
  // json-logic-js: stop at null/undefined on the way down; an undefined value means "not found".
  let code = `(${t}=d)==null?${nf.code}:`;
  segs.forEach((s, i) => {
    code += `(${t}=${t}[${JSON.stringify(s)}])===undefined?${nf.code}:`;
    if (i < segs.length - 1) code += `${t}==null?${nf.code}:`;
  });
  return { code: `(${code}${t})`, bool: false };
}

type Gen = (args: unknown[], ctx: Ctx, depth: number) => Expr | undefined;

const all = (args: unknown[], ctx: Ctx, depth: number) => {
  const out: Expr[] = [];
  for (const a of args) {
    const e = gen(a, ctx, depth + 1);
    if (!e) return undefined;
    out.push(e);
  }
  return out;
};

const compare =
  (op: string): Gen =>
  (args, ctx, depth) => {
    if (args.length !== 2) return undefined;
    const [a, b] = all(args, ctx, depth) ?? [];
    return a && b ? { code: `(${a.code}${op}${b.code})`, bool: true } : undefined;
  };

const chain =
  (op: '<' | '<='): Gen =>
  (args, ctx, depth) => {
    if (args.length === 2) return compare(op)(args, ctx, depth);
    if (args.length !== 3) return undefined;
    const e = all(args, ctx, depth);
    if (!e) return undefined;
    const [ta, tb, tc] = [temp(ctx), temp(ctx), temp(ctx)];
    const [a, b, c] = e as [Expr, Expr, Expr];
    return {
      code: `(${ta}=${a.code},${tb}=${b.code},${tc}=${c.code},${tc}===undefined?${ta}${op}${tb}:(${ta}${op}${tb})&&(${tb}${op}${tc}))`,
      bool: true,
    };
  };

const cond = (e: Expr) => (e.bool ? e.code : `T(${e.code})`);

const OPS: Record<string, Gen> = {
  var: (args, ctx) => varExpr(args, ctx),
  '==': compare('=='),
  '===': compare('==='),
  '!=': compare('!='),
  '!==': compare('!=='),
  '>': compare('>'),
  '>=': compare('>='),
  '<': chain('<'),
  '<=': chain('<='),
  '!': (args, ctx, depth) => {
    if (args.length !== 1) return undefined;
    const a = gen(args[0], ctx, depth + 1);
    return a && { code: `(!${cond(a)})`, bool: true };
  },
  '!!': (args, ctx, depth) => {
    if (args.length !== 1) return undefined;
    const a = gen(args[0], ctx, depth + 1);
    return a && { code: `(${cond(a)})`, bool: true };
  },
  if: (args, ctx, depth) => {
    const e = all(args, ctx, depth);
    if (!e) return undefined;
    let code = '';
    let i = 0;
    for (; i < e.length - 1; i += 2) code += `${cond(e[i]!)}?${e[i + 1]!.code}:`;
    const last: Expr = i === e.length - 1 ? e[i]! : { code: 'null', bool: false };
    const bool = last.bool && e.every((x, j) => j % 2 === 0 || x.bool);
    const num = !!last.num && e.every((x, j) => j % 2 === 0 || j === e.length - 1 || x.num);
    return { code: `(${code}${last.code})`, bool, num };
  },
  or: (args, ctx, depth) => anyNeedle(args, ctx, depth) ?? logical(args, ctx, depth, '||'),
  and: (args, ctx, depth) => logical(args, ctx, depth, '&&'),
  in: (args, ctx, depth) => {
    if (args.length !== 2) return undefined;
    const a = gen(args[0], ctx, depth + 1);
    if (!a) return undefined;
    const list = args[1];
    // A constant list of primitives: json-logic-js builds it anew and calls indexOf; a Set answers the same.
    if (
      Array.isArray(list) &&
      list.every(isPrimitive) &&
      list.every((x) => typeof x !== 'number' || Number.isFinite(x))
    ) {
      ctx.consts.push(new Set(list));
      return { code: `K${ctx.consts.length - 1}.has(${a.code})`, bool: true };
    }
    const b = gen(list, ctx, depth + 1);
    if (!b) return undefined;
    // A constant needle in a string haystack (e.g. "@gmail." in an e-mail): the plain string search.
    // json-logic-js finds nothing in an empty haystack, not even "".
    if (typeof args[0] === 'string') {
      const t = temp(ctx);
      const empty = args[0] === '' ? `${t}!==''&&` : '';
      return {
        code: `(typeof (${t}=${b.code})==='string'?${empty}${t}.indexOf(${a.code})!==-1:IN(${a.code},${t}))`,
        bool: true,
      };
    }
    return { code: `IN(${a.code},${b.code})`, bool: true };
  },
  cat: (args, ctx, depth) => {
    const e = all(args, ctx, depth);
    if (!e) return undefined;
    // A string literal joins as itself; anything else through join's conversion.
    const parts = e.map((x, i) => (typeof args[i] === 'string' ? x.code : `CAT(${x.code})`));
    return { code: `(""${parts.map((p) => `+${p}`).join('')})`, bool: false };
  },
  substr: (args, ctx, depth) => {
    if (args.length < 1 || args.length > 3) return undefined;
    const e = all(args, ctx, depth);
    if (!e) return undefined;
    const [s, start, end] = [e[0]!.code, e[1]?.code ?? 'undefined', e[2]?.code ?? 'undefined'];
    return { code: `SUB(${s},${start},${end})`, bool: false };
  },
  '+': (args, ctx, depth) => {
    const e = all(args, ctx, depth);
    if (!e) return undefined;
    // json-logic-js adds parseFloat(acc) + parseFloat(x) from 0; on numbers that is plain addition
    // from 0 (parseFloat only turns -0 into 0, and 0 + -0 is already 0).
    if (e.every((x) => x.num))
      return { code: `(0${e.map((x) => `+${x.code}`).join('')})`, bool: false, num: true };
    return { code: e.reduce((acc, x) => `PLUS(${acc},${x.code})`, '0'), bool: false, num: true };
  },
  '-': (args, ctx, depth) => {
    if (args.length !== 2) return undefined;
    const e = all(args, ctx, depth);
    if (!e) return undefined;
    const [ta, tb] = [temp(ctx), temp(ctx)];
    return {
      code: `(${ta}=${e[0]!.code},${tb}=${e[1]!.code},${tb}===undefined?-${ta}:${ta}-${tb})`,
      bool: false,
    };
  },
  min: (args, ctx, depth) => mathCall('min', args, ctx, depth),
  max: (args, ctx, depth) => mathCall('max', args, ctx, depth),
  some: (args, ctx, depth) => {
    if (args.length !== 2) return undefined;
    const list = gen(args[0], ctx, depth + 1);
    const test = depth < MAX_DEPTH ? generateLogic(args[1]) : undefined;
    if (!list || !test) return undefined;
    ctx.consts.push(test);
    return { code: `SOME(${list.code},K${ctx.consts.length - 1})`, bool: true };
  },
};

function logical(args: unknown[], ctx: Ctx, depth: number, op: '||' | '&&'): Expr | undefined {
  const e = all(args, ctx, depth);
  if (!e || e.length === 0) return undefined;
  if (e.every((x) => x.bool)) return { code: `(${e.map((x) => x.code).join(op)})`, bool: true };
  // json-logic-js returns the deciding operand itself, judged by its own truthiness ([] is falsy).
  const t = temp(ctx);
  let code = '';
  for (let i = 0; i < e.length - 1; i++) {
    code += `(${t}=${e[i]!.code},${op === '||' ? '' : '!'}T(${t}))?${t}:`;
  }
  return { code: `(${code}${e.at(-1)!.code})`, bool: false };
}

/** Needles an `or` of `in` tests takes at least before one regular expression beats a search each. */
const NEEDLES_FOR_A_PATTERN = 3;

/**
 * `or` of `in` tests of string constants in one haystack ("@gmail." or "@yahoo." or … in the e-mail):
 * a string haystack is tested with one regular expression of the needles, which V8 runs in about
 * two thirds of the time of a search a needle (measured on e-mails, six needles); any other haystack
 * goes through each `in` as before. The answer is the same: each `in` is true or false, so the `or`
 * is true when one is. Undefined for any other `or`.
 */
function anyNeedle(args: unknown[], ctx: Ctx, depth: number): Expr | undefined {
  if (args.length < NEEDLES_FOR_A_PATTERN) return undefined;
  const needles: string[] = [];
  let haystack = '';
  for (const a of args) {
    const test = (a as { in?: unknown } | null)?.in;
    if (!Array.isArray(test) || test.length !== 2 || typeof test[0] !== 'string') return undefined;
    if (Object.keys(a as object).length !== 1) return undefined;
    const hay = JSON.stringify(test[1]);
    if (needles.length > 0 && hay !== haystack) return undefined;
    haystack = hay;
    needles.push(test[0]);
  }
  const h = gen((args[0] as { in: unknown[] }).in[1], ctx, depth + 2);
  if (!h) return undefined;
  ctx.consts.push(new RegExp(needles.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')));
  const pattern = `K${ctx.consts.length - 1}`;
  const t = temp(ctx);
  const each = needles.map((n) => `IN(${JSON.stringify(n)},${t})`).join('||');
  // As `in`: an empty haystack holds nothing, not even "".
  const empty = needles.includes('') ? `${t}!==''&&` : '';
  return {
    code: `(typeof (${t}=${h.code})==='string'?${empty}${pattern}.test(${t}):(${each}))`,
    bool: true,
  };
}

function mathCall(fn: 'min' | 'max', args: unknown[], ctx: Ctx, depth: number): Expr | undefined {
  const e = all(args, ctx, depth);
  return e && { code: `Math.${fn}(${e.map((x) => x.code).join(',')})`, bool: false };
}

const refuse = (ctx: Ctx, why: string): undefined => {
  ctx.why ??= why;
  return undefined;
};

function gen(rule: unknown, ctx: Ctx, depth: number): Expr | undefined {
  if (depth > MAX_DEPTH) return refuse(ctx, `nested deeper than ${MAX_DEPTH} levels`);
  if (Array.isArray(rule)) {
    const e = all(rule, ctx, depth);
    return e && { code: `[${e.map((x) => x.code).join(',')}]`, bool: false };
  }
  if (rule === null || typeof rule !== 'object') {
    return literal(rule) ?? refuse(ctx, `the value ${String(rule)} is not a JSON literal`);
  }
  const keys = Object.keys(rule);
  if (keys.length !== 1) return refuse(ctx, `an object with ${keys.length} keys is not an operation`);
  const op = keys[0]!;
  if (!Object.hasOwn(OPS, op)) return refuse(ctx, `the operation "${op.slice(0, 40)}" has no generated form`);
  const raw = (rule as Record<string, unknown>)[op];
  return (
    OPS[op]!(Array.isArray(raw) ? raw : [raw], ctx, depth) ??
    refuse(ctx, `"${op}" with these operands has no generated form`)
  );
}

/**
 * Why `generateLogic` answers undefined for a rule (the first part it could not generate), or
 * undefined when it can generate it. For `prepare()` to say why an artifact left the fast path.
 */
export function whyNotGenerated(rule: unknown): string | undefined {
  const ctx = newCodeContext();
  return generateExpression(rule, ctx) === undefined ? (ctx.why ?? 'not generated') : undefined;
}
