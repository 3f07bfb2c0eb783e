import { z } from 'zod';

/** The id of a workflow, a node, an edge or a test case: short, and safe in a URL or a JSON path. */
export const IdSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only');
