import { scopeOf } from '../conditions/scope.ts';
import { EVENTS_PATH } from '../model/events.ts';
import { findField } from '../model/fields.ts';
import { migrateWorkflow } from '../model/migrate.ts';
import {
  type Issue,
  SCHEMA_VERSION,
  type Workflow,
  type WorkflowNode,
  WorkflowSchema,
} from '../model/workflow.ts';
import { KIND_NAMES, kindOf } from '../nodes/index.ts';
import type { NodeKind, Port } from '../nodes/kind.ts';
import { checkFields } from './check-fields.ts';
import { checkGraph } from './check-graph.ts';
import { checkEventsPath, checkScoring } from './check-scoring.ts';
import { checkTestCaseGates, readTestCases } from './check-test-cases.ts';
import { MAX_DOCUMENT_DEPTH, nestsDeeperThan } from './depth.ts';
import { schemaIssues } from './schema-issues.ts';

/** A node whose kind is known and whose data passed its kind's schema. */
export interface TypedNode {
  node: WorkflowNode;
  kind: NodeKind;
  data: unknown;
  ports: Port[];
}

export interface Analysis {
  issues: Issue[];
  workflow?: Workflow;
  nodes: Map<string, TypedNode>;
}

function idOf(raw: unknown, index: number): string | undefined {
  const nodes = (raw as { nodes?: unknown })?.nodes;
  const node = Array.isArray(nodes) ? (nodes[index] as { id?: unknown } | undefined) : undefined;
  return typeof node?.id === 'string' ? node.id : undefined;
}

/** Parses and checks a workflow document; every problem becomes an issue, nothing throws. */
export function analyze(stored: unknown): Analysis {
  const nodes = new Map<string, TypedNode>();
  if (nestsDeeperThan(stored, MAX_DOCUMENT_DEPTH)) {
    const message = `The document nests deeper than ${MAX_DOCUMENT_DEPTH} levels: no workflow needs conditions this deep. Flatten the condition groups.`;
    return { issues: [{ code: 'too_deep', severity: 'error', message }], nodes };
  }
  const version = (stored as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === 'number' && version > SCHEMA_VERSION) {
    const message = `This workflow was saved with schema version ${version} by a newer Qualify Studio; this one reads version ${SCHEMA_VERSION}. Upgrade, or export it from the newer studio.`;
    return {
      issues: [{ code: 'newer_schema_version', severity: 'error', path: 'schemaVersion', message }],
      nodes,
    };
  }
  const input = migrateWorkflow(stored);
  // Test cases are read on their own: a broken case is an issue on it, and the steps are still checked.
  const tests = readTestCases((input as { testCases?: unknown } | null)?.testCases);
  const parsed = WorkflowSchema.safeParse(
    input !== null && typeof input === 'object' ? { ...input, testCases: [] } : input,
  );
  if (!parsed.success) {
    const issues = schemaIssues(parsed.error, '').map((i) => {
      const m = /^nodes\.(\d+)/.exec(i.path ?? '');
      const nodeId = m ? idOf(input, Number(m[1])) : undefined;
      return nodeId ? { ...i, nodeId } : i;
    });
    return { issues: [...issues, ...tests.issues], nodes };
  }
  const workflow = { ...parsed.data, testCases: tests.cases };
  const issues: Issue[] = [...checkFields(workflow.fields, workflow.missingValues), ...tests.issues];
  issues.push(...checkTestCaseGates(tests.cases, workflow.nodes));

  workflow.nodes.forEach((node, i) => {
    if (nodes.has(node.id)) {
      issues.push({
        code: 'duplicate_id',
        severity: 'error',
        nodeId: node.id,
        path: `nodes.${i}.id`,
        message: `Two nodes share the id "${node.id}".`,
      });
      return;
    }
    const kind = kindOf(node.kind);
    if (!kind) {
      issues.push({
        code: 'unknown_kind',
        severity: 'error',
        nodeId: node.id,
        path: `nodes.${i}.kind`,
        message: `"${node.kind}" is not a node kind this version knows (${KIND_NAMES.join(', ')}).`,
      });
      return;
    }
    const data = kind.dataSchema.safeParse(node.data);
    if (!data.success) {
      issues.push(...schemaIssues(data.error, `nodes.${i}.data`, node.id));
      return;
    }
    const ctx = { fields: workflow.fields, ...scopeOf(workflow), nodeId: node.id, label: node.label };
    for (const finding of kind.check?.(data.data, ctx) ?? []) {
      issues.push({ ...finding, nodeId: node.id, path: `nodes.${i}.${finding.path ?? 'data'}` });
    }
    for (const field of kind.reads(data.data)) {
      if (
        field !== EVENTS_PATH &&
        !findField(workflow.fields, field) &&
        !issues.some((x) => x.nodeId === node.id && x.code === 'unknown_field')
      ) {
        issues.push({
          code: 'unknown_field',
          severity: 'error',
          nodeId: node.id,
          path: `nodes.${i}.data`,
          message: `"${field}" is not in the lead field catalogue.`,
        });
      }
    }
    nodes.set(node.id, { node, kind, data: data.data, ports: kind.ports(data.data) });
  });

  const counted = [...nodes.values()].some((n) => n.kind.reads(n.data).includes(EVENTS_PATH));
  issues.push(...checkScoring(workflow), ...checkEventsPath(workflow.fields, counted));
  issues.push(...checkGraph(workflow, nodes));
  return { issues, workflow, nodes };
}
