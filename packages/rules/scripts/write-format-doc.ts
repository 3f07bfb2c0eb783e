// Writes docs/workflow-format.md from the schemas, the node registry and the operator table.
// Run after changing any of them: `npm run docs -w @qualify/rules` (a unit test fails until you do).
import { writeFileSync } from 'node:fs';
import { FORMAT_DOC_PATH, formatDoc } from '../src/docs/format-doc.ts';

const target = new URL(`../../../${FORMAT_DOC_PATH}`, import.meta.url);
writeFileSync(target, formatDoc());
console.log(`Wrote ${FORMAT_DOC_PATH}`);
