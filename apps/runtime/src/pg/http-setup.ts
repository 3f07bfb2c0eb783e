import { afterAll } from 'vitest';
import { dropTestSchemas } from './test-schemas.ts';

// The HTTP suite's second run, on PostgreSQL: each test file drops the schemas its apps used.
afterAll(() => dropTestSchemas());
