import type { z } from 'zod';
import type { ConditionScope } from '../conditions/scope.ts';
import type { RunState } from '../evaluate/run-state.ts';
import type { FieldCatalogue } from '../model/fields.ts';
import type { JsonLogic, LogicEngine } from '../model/logic.ts';
import type { ScoreLimits } from '../model/score-limits.ts';
import type { Stage } from '../model/stages.ts';
import type { Issue } from '../model/workflow.ts';

export interface Port {
  id: string;
  label: string;
}

/** What a kind knows of its workflow: the lead fields, and (ConditionScope) event properties and grade bands. */
export interface KindContext extends ConditionScope {
  fields: FieldCatalogue;
  nodeId: string;
  label: string;
}

/** What a kind's diff sentence writer knows: the step's name now, and the catalogue on both sides. */
export interface DiffContext extends KindContext {
  /** The catalogue before the change, for conditions as they read then. */
  beforeFields: FieldCatalogue;
  /** The event properties and grade bands before the change. */
  before?: ConditionScope;
}

export interface CompileContext extends KindContext {
  /** Compiles a condition to a JSON-logic expression whose value is MET, NOT_MET or UNKNOWN. */
  condition: (condition: import('../conditions/schema.ts').Condition) => JsonLogic;
  /** The workflow's floors and caps on its scores, which score steps apply after adding. */
  scoreLimits?: ScoreLimits;
}

/** A compiled node inside the artifact: its kind, label, kind-specific body and where each port leads. */
export interface ArtifactNode {
  kind: string;
  label: string;
  next: Record<string, string>;
  [key: string]: unknown;
}

/** One step of the evaluation: updates the run state and names the port the lead leaves by (none: terminal). */
export type Step = (state: RunState) => string | undefined;

export interface PrepareContext {
  nodeId: string;
  logic: LogicEngine;
}

/**
 * What a kind needs to emit its part of a fused function (`decide()`, or `evaluate()` with the receipt):
 * one generated function for the whole artifact, where fields, scores and gate truths are local
 * variables (evaluate/fuse.ts).
 */
export interface FuseContext {
  /**
   * For the fused `evaluate()`: the local holding the Explanation (evaluate/run-state.ts), which the
   * kind fills as its step does, through the same helpers. Null for `decide()`: explain nothing.
   */
  explain: string | null;
  /** The evaluation time in epoch milliseconds (a local). */
  now: string;
  /** An expression true when the lead lacks the catalogue field at `path`; undefined for any other path. */
  missing(path: string): string | undefined;
  /** Source of a JSON-logic expression; `gate` is the number of truths the expression may read. */
  expr(rule: JsonLogic, options?: { gate?: number }): string | undefined;
  /** An expression naming a constant value (hoisted, never re-created per lead). */
  constant(value: unknown): string;
  /** Statements that continue at the node behind `port` (or end without a route). */
  goto(port: string): string;
  /** Statements that end the evaluation with this route (a constant RouteResult expression). */
  finish(route: string): string;
  /** Local variables: total, fit and engagement score, the stage, and gate truth `i`. */
  score: { total: string; fit: string; engagement: string };
  stage: string;
  truth(i: number): string;
}

/** What a kind needs to write its step in SQL (sql/compile-sql.ts): one query walks the graph per lead. */
export interface SqlContext extends KindContext {
  /** A condition as an SQL truth value: 2 met, 1 unknown, 0 not met (sql/truth.ts). */
  condition(condition: import('../conditions/schema.ts').Condition): string;
  /** The column of a field's normalised value (NULL when missing). */
  field(path: string): string;
  /** Names a value computed once per lead before the walk (it may read fields, not scores). */
  fact(expr: string): string;
  /** The scores so far, when the lead reaches this step. */
  score: { total: string; fit: string; engagement: string };
  /** The evaluation time in epoch milliseconds. */
  now: string;
  sql: import('../sql/dialect.ts').SqlDialect;
  /** A column of the decision for this step: its value for a lead that passed the step, else NULL. */
  report(name: string, expr: string): void;
  /** The workflow's floors and caps on its scores, which score steps apply after adding. */
  scoreLimits?: ScoreLimits;
}

/** A step in SQL: points it adds, the stage or route it sets, and its exits (the first that holds). */
export interface SqlStep {
  exits: { when?: string; port: string }[];
  /** The scores after the step (each an expression of the scores before it), where it changes them. */
  scores?: { fit?: string; engagement?: string; total?: string };
  stage?: Stage;
  route?: { kind: string; target: string; recycle?: Stage };
}

/**
 * Everything the product knows about one node kind. Palette, inspector, validator, compiler,
 * evaluator and the plain-language view loop over the registry of these; nothing else
 * switches on the kind.
 */
export interface NodeKind<D = unknown, A extends ArtifactNode = ArtifactNode> {
  kind: string;
  title: string;
  /** One line for the palette: what the node does. */
  blurb: string;
  color: string;
  icon: string;
  dataSchema: z.ZodType<D>;
  /** A new node's data; given the workflow's catalogue, it may start tied to its fields (a gate's criteria). */
  defaults(ctx?: { fields: FieldCatalogue }): D;
  ports(data: D): Port[];
  /** Catalogue fields the node reads (for unknown-field and type checks). */
  reads(data: D): string[];
  /** Checks beyond the schema: value types, impossible thresholds... */
  check?(data: D, ctx: KindContext): Omit<Issue, 'nodeId'>[];
  /** The short summary on the canvas, e.g. "BANT: 3 of 4 criteria". */
  summary(data: D, ctx: KindContext): string;
  /** The node as one plain sentence, for the SLA view. */
  describe(data: D, ctx: KindContext): string;
  /** What a lead meets when it leaves by `port` ("the total score is 60 or more"); none for plain exits. */
  when?(data: D, port: string, ctx: KindContext): string | undefined;
  /**
   * What changed inside the step, one sentence a change, each naming the step ("Fit score: "Senior title"
   * 10 → 15 points."). Empty while the data differ falls back to the step's description before and after.
   */
  diff?(before: D, after: D, ctx: DiffContext): string[];
  /** The highest fit/engagement points this node can add (score nodes), for reachability checks. */
  maxPoints?(data: D): { fit: number; engagement: number };
  /** The stage or route this node sets, for outcome grouping. */
  outcome?(data: D): { stage?: Stage; route?: string };
  compile(data: D, ctx: CompileContext): Omit<A, 'kind' | 'label' | 'next'>;
  prepare(node: A, ctx: PrepareContext): Step;
  /**
   * The node as statements of a fused function: the same outcome as its step and, when `ctx.explain`
   * names one, the same explanation; undefined falls back to the step driver.
   */
  fuse?(node: A, ctx: FuseContext & { nodeId: string }): string | undefined;
  /** The step in SQL, with the same outcome as its step; a kind without one is refused by the SQL compiler. */
  sql?(data: D, ctx: SqlContext): SqlStep;
}

/** Helper that keeps each kind file's types inferred from its schema. */
export function defineKind<D, A extends ArtifactNode>(kind: NodeKind<D, A>): NodeKind<D, A> {
  return kind;
}
