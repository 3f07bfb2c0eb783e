import type { LogicFn } from './node.ts';

type Rec = Record<string, unknown>;

/** Returned by getters built with `notFound = MISSING` so callers can compute a default lazily. */
export const MISSING: unique symbol = Symbol('jsonlogic.missing');

/**
 * Deliberate divergence from json-logic-js: it reads `data["__proto__"]` and
 * `data["constructor"]` like any other key, handing rules the prototype object
 * or the constructor function. We only return them when they are the data's
 * own properties (JSON.parse can create own `__proto__` keys); otherwise they
 * count as missing, so the var default (or null) comes back.
 */
function isGuarded(seg: string): boolean {
  return seg === '__proto__' || seg === 'constructor';
}

function readGuarded(obj: unknown, seg: string): unknown {
  if (isGuarded(seg) && !Object.hasOwn(obj as object, seg)) return undefined;
  return (obj as Rec)[seg];
}

/** Whether `{"var": path}` means "the whole data" in json-logic-js. */
export function isWholeDataPath(path: unknown): boolean {
  return path === undefined || path === '' || path === null;
}

/** json-logic-js var: split on ".", stop at null/undefined, and an undefined value means "not found". */
export function varLookup(data: unknown, path: unknown, notFound: unknown): unknown {
  if (isWholeDataPath(path)) return data;
  const segs = String(path).split('.');
  let cur = data;
  for (let i = 0; i < segs.length; i++) {
    if (cur === null || cur === undefined) return notFound;
    cur = readGuarded(cur, segs[i] as string);
    if (cur === undefined) return notFound;
  }
  return cur;
}

/**
 * A getter for a path known at compile time. Short paths are unrolled: most
 * scoring rules read one or two levels (`lead.seniority`).
 */
function pathGetter(segs: readonly string[], notFound: unknown): LogicFn {
  const nf = notFound;
  if (segs.some(isGuarded)) {
    return (d) => {
      let cur = d;
      for (let i = 0; i < segs.length; i++) {
        if (cur === null || cur === undefined) return nf;
        cur = readGuarded(cur, segs[i] as string);
        if (cur === undefined) return nf;
      }
      return cur;
    };
  }
  const [k0, k1, k2] = segs as readonly [string, string?, string?];
  if (segs.length === 1) {
    return (d) => {
      if (d === null || d === undefined) return nf;
      const v = (d as Rec)[k0];
      return v === undefined ? nf : v;
    };
  }
  if (segs.length === 2 && k1 !== undefined) {
    return (d) => {
      if (d === null || d === undefined) return nf;
      const a = (d as Rec)[k0];
      if (a === null || a === undefined) return nf;
      const v = (a as Rec)[k1];
      return v === undefined ? nf : v;
    };
  }
  if (segs.length === 3 && k1 !== undefined && k2 !== undefined) {
    return (d) => {
      if (d === null || d === undefined) return nf;
      const a = (d as Rec)[k0];
      if (a === null || a === undefined) return nf;
      const b = (a as Rec)[k1];
      if (b === null || b === undefined) return nf;
      const v = (b as Rec)[k2];
      return v === undefined ? nf : v;
    };
  }
  return (d) => {
    let cur = d;
    for (let i = 0; i < segs.length; i++) {
      if (cur === null || cur === undefined) return nf;
      cur = (cur as Rec)[segs[i] as string];
      if (cur === undefined) return nf;
    }
    return cur;
  };
}

/** A getter for a constant var path; whole-data paths return the data itself. */
export function constPathGetter(path: unknown, notFound: unknown): LogicFn {
  if (isWholeDataPath(path)) return (d) => d;
  return pathGetter(String(path).split('.'), notFound);
}
