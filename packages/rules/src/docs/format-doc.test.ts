import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FORMAT_DOC_COMMAND, FORMAT_DOC_PATH, formatDoc } from './format-doc.ts';
import { PROPERTY_NOTES } from './format-notes.ts';

const checkedIn = () => readFileSync(new URL(`../../../../${FORMAT_DOC_PATH}`, import.meta.url), 'utf8');

describe('the workflow format reference', () => {
  it(`is checked in as generated (else run: ${FORMAT_DOC_COMMAND})`, () => {
    // A failure here means a schema, node kind or operator changed: regenerate the page and commit it.
    expect(checkedIn() === formatDoc(), `${FORMAT_DOC_PATH} is stale: run ${FORMAT_DOC_COMMAND}`).toBe(true);
  });

  it('lists every node kind, field type and operator', () => {
    const doc = formatDoc();
    for (const heading of ['### `gate`: Framework gate', '### `route`: Route', '### stringList']) {
      expect(doc).toContain(heading);
    }
    expect(doc).toContain('| `containsAny` | contains any of the words | a list of words |');
    expect(doc).toContain('| `pass.count` | whole number (at least 0) | required, with `rule: "atLeast"` |');
  });

  it('refuses to build while a property has no description, or a description no property', () => {
    const note = PROPERTY_NOTES['gate.criteria[].weight']!;
    try {
      delete PROPERTY_NOTES['gate.criteria[].weight'];
      PROPERTY_NOTES['gate.gone'] = 'A property that no longer exists.';
      expect(() => formatDoc()).toThrow(
        /Properties without a line in .*format-notes\.ts: gate\.criteria\[\]\.weight\. Lines in .* no longer exist: gate\.gone\./,
      );
    } finally {
      PROPERTY_NOTES['gate.criteria[].weight'] = note;
      delete PROPERTY_NOTES['gate.gone'];
    }
    expect(() => formatDoc()).not.toThrow();
  });
});
