export type LogicFn = (data: unknown) => unknown;
export type CondFn = (data: unknown) => boolean;

/**
 * One compiled sub-rule. `value` is only meaningful when `isConst`: it is the
 * shared compile-time result and must never be handed to callers when it holds
 * arrays, because json-logic-js returns fresh arrays on every apply (callers may
 * mutate them). `fn` always returns a caller-safe value.
 */
export interface Node {
  readonly fn: LogicFn;
  readonly isConst: boolean;
  readonly value: unknown;
  /** fn always returns a boolean, so truthy() can be skipped. */
  readonly bool: boolean;
  /** Evaluating it may call console.log (the `log` op): never fold or skip it. */
  readonly effects: boolean;
}

export function dynNode(fn: LogicFn, bool: boolean, effects: boolean): Node {
  return { fn, isConst: false, value: undefined, bool, effects };
}

export function constNode(value: unknown): Node {
  let fn: LogicFn;
  if (!Array.isArray(value)) fn = () => value;
  else if (value.every(isPrimitive)) fn = () => value.slice();
  else fn = () => materialize(value);
  return { fn, isConst: true, value, bool: typeof value === 'boolean', effects: false };
}

export const UNDEFINED_NODE: Node = constNode(undefined);

export function isPrimitive(v: unknown): boolean {
  return v === null || (typeof v !== 'object' && typeof v !== 'function');
}

export function isPrimitiveConst(node: Node): boolean {
  return node.isConst && isPrimitive(node.value);
}

/** Copies arrays (which json-logic-js rebuilds per apply) but not objects (which it passes through by reference). */
function materialize(v: unknown): unknown {
  return Array.isArray(v) ? v.map(materialize) : v;
}

/**
 * Results safe to precompute: object results may come from reduce's
 * {current, accumulator} scope, which json-logic-js allocates per apply.
 */
export function isFoldable(v: unknown): boolean {
  if (Array.isArray(v)) return v.every(isFoldable);
  return isPrimitive(v);
}

/** http://jsonlogic.com/truthy: like JS, except that [] is falsy. */
export function truthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length !== 0;
  return !!v;
}

export function condition(node: Node): CondFn {
  if (node.bool) return node.fn as CondFn;
  const f = node.fn;
  return (d) => truthy(f(d));
}

/** json-logic-js `is_logic`: a non-array object with exactly one own enumerable key. */
export function isLogic(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1;
}

/** True when every argument from `from` on is a constant: json-logic-js evaluates them, but that is invisible. */
export function onlyConstAfter(args: readonly Node[], from: number): boolean {
  for (let i = from; i < args.length; i++) if (!(args[i] as Node).isConst) return false;
  return true;
}

type Kernel = (vals: readonly unknown[]) => unknown;

/**
 * The unspecialised shape of an eager operation: evaluate every argument in
 * order, then apply the operation to the list, exactly as json-logic-js does.
 */
export function generic(args: readonly Node[], kernel: Kernel): LogicFn {
  const fns = args.map((n) => n.fn);
  return (d) => {
    const vals: unknown[] = [];
    for (let i = 0; i < fns.length; i++) vals.push((fns[i] as LogicFn)(d));
    return kernel(vals);
  };
}
