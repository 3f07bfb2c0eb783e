import { z } from 'zod';
import { defineKind } from './kind.ts';

/** Where every lead enters; exactly one per workflow. */
export const start = defineKind({
  kind: 'start',
  title: 'Lead arrives',
  blurb: 'Every lead enters the workflow here.',
  color: '#475569',
  icon: '▶',
  dataSchema: z.object({}).default({}),
  defaults: () => ({}),
  ports: () => [{ id: 'next', label: 'Next' }],
  reads: () => [],
  summary: () => 'A new or changed lead',
  describe: () =>
    'A lead enters the workflow when it is created or its data or behaviour changes; a lead already known by its id keeps its stage (stages only move forward), its owner and its open SLA.',
  // No settings: nothing inside the step can change.
  diff: () => [],
  compile: () => ({}),
  prepare: () => () => 'next',
  fuse: (_, ctx) => ctx.goto('next'),
  sql: () => ({ exits: [{ port: 'next' }] }),
});
