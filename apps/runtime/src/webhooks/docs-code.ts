import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** For tests: the first code block in `lang` after the line `after` in docs/webhooks.md, as pasted by a reader. */
export function docsBlock(lang: string, after: string): string {
  const doc = readFileSync(new URL('../../../../docs/webhooks.md', import.meta.url), 'utf8');
  const from = doc.indexOf(after);
  const m = new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``).exec(doc.slice(from));
  if (from < 0 || !m) throw new Error(`docs/webhooks.md has no ${lang} block after "${after}"`);
  return m[1]!;
}

/** Writes a docs block to a fresh temp file as an ES module and imports it (a fresh module each time). */
export async function importDocsBlock(after: string) {
  const file = join(mkdtempSync(join(tmpdir(), 'qualify-docs-')), 'recipe.mjs');
  writeFileSync(file, docsBlock('js', after));
  return { file, module: await import(file) };
}
