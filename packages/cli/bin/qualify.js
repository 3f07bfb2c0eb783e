#!/usr/bin/env node
// The packages are TypeScript sources (no build step): tsx loads them, as the runtime's start does.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
