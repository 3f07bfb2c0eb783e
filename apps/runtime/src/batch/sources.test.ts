import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvSource } from './csv.ts';
import type { BatchItem, BatchSource } from './items.ts';
import { jsonArraySource } from './json-array.ts';
import { ndjsonSource } from './ndjson.ts';
import { streamOf } from './stream-of.ts';

async function collect(source: BatchSource): Promise<BatchItem[]> {
  const all: BatchItem[] = [];
  for await (const group of source) all.push(...group);
  return all;
}

const leads = fc.array(
  fc.dictionary(
    fc.string({ maxLength: 8 }),
    fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
  ),
  { maxLength: 12 },
);
const cuts = fc.array(fc.nat(), { maxLength: 12 });

describe('batch sources', () => {
  it('read the same NDJSON leads however the bytes are cut', async () => {
    await fc.assert(
      fc.asyncProperty(leads, cuts, async (ls, cs) => {
        const text = ls.map((l) => JSON.stringify(l)).join('\r\n');
        const items = await collect(ndjsonSource(streamOf(text, cs), 1 << 20));
        expect(items).toEqual(ls.map((lead, i) => ({ line: i + 1, lead })));
      }),
      { numRuns: 150 },
    );
  });

  it('find the NDJSON line that is not UTF-8 or too long, however the bytes are cut', async () => {
    const enc = new TextEncoder();
    const bytes = Buffer.concat([
      enc.encode(`{"a":1}\n\n \t\r\n{"s":"`),
      Buffer.from([0xff, 0xfe]),
      enc.encode(`"}\n{"b":"\u00e9\u4e2d"}\n{"long":"${'x'.repeat(50)}"}\n{"c":3}`),
    ]);
    const want = [
      { line: 1, lead: { a: 1 } },
      { line: 4, error: { code: 'invalid_json', detail: 'Line 4 is not valid JSON: it is not UTF-8 text.' } },
      { line: 5, lead: { b: '\u00e9\u4e2d' } },
      {
        line: 6,
        error: {
          code: 'line_too_large',
          detail: 'Line 6 is longer than 40 bytes (BODY_LIMIT_BYTES); skipped.',
        },
      },
      { line: 7, lead: { c: 3 } },
    ];
    await fc.assert(
      fc.asyncProperty(cuts, async (cs) => {
        const at = [...new Set(cs.map((c) => c % (bytes.length + 1)))].sort((x, y) => x - y);
        const pieces = [...at, bytes.length].map((c, i, all) => bytes.subarray(i ? all[i - 1] : 0, c));
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            const next = pieces.shift();
            if (next === undefined) controller.close();
            else if (next.length) controller.enqueue(next);
            else controller.enqueue(new Uint8Array(0));
          },
        });
        expect(await collect(ndjsonSource(body, 40))).toEqual(want);
      }),
      { numRuns: 200 },
    );
  });

  it('read the same JSON array elements however the bytes are cut', async () => {
    await fc.assert(
      fc.asyncProperty(leads, cuts, async (ls, cs) => {
        const text = `\ufeff [ ${ls.map((l) => JSON.stringify(l)).join(' ,\n')} ] `;
        const items = await collect(jsonArraySource(streamOf(text, cs), 1 << 20));
        expect(items).toEqual(ls.map((lead, i) => ({ line: i + 1, lead })));
      }),
      { numRuns: 150 },
    );
  });

  it('read JSON array elements whose strings are full of backslashes, quotes and brackets, however cut', async () => {
    const tricky = fc.string({
      unit: fc.constantFrom('\\', '"', 'a', ',', '[', ']', '{', '}'),
      maxLength: 10,
    });
    const elements = fc.array(fc.dictionary(tricky, tricky, { maxKeys: 3 }), { maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(elements, cuts, async (ls, cs) => {
        const text = `[${ls.map((l) => JSON.stringify(l)).join(',')}]`;
        const items = await collect(jsonArraySource(streamOf(text, cs), 1 << 20));
        expect(items).toEqual(ls.map((lead, i) => ({ line: i + 1, lead })));
      }),
      { numRuns: 300 },
    );
  });

  it('read the same CSV records however the bytes are cut', async () => {
    const text = 'Name,Budget,company.size\r\n"Ann, VP",100,5\r\n"Bo ""B""",,7\r\n\r\nCy,3,\r\n';
    const want = [
      { line: 2, lead: { name: 'Ann, VP', budget: '100', company: { size: '5' } } },
      { line: 3, lead: { name: 'Bo "B"', company: { size: '7' } } },
      { line: 5, lead: { name: 'Cy', budget: '3' } },
    ];
    const fields = [
      { path: 'name', label: 'Name', type: 'string', category: 'fit' },
      { path: 'budget', label: 'Budget', type: 'number', category: 'fit' },
      { path: 'company.size', label: 'Company size', type: 'number', category: 'fit' },
    ] as const;
    await fc.assert(
      fc.asyncProperty(cuts, async (cs) => {
        expect((await collect(csvSource(streamOf(text, cs), fields, 1 << 20, null))).slice(1)).toEqual(want);
      }),
      { numRuns: 100 },
    );
  });

  it('maps headers as the backtest does: path, label or last segment, ignoring case and punctuation', async () => {
    const fields = [
      { path: 'jobTitle', label: 'Job title', type: 'string', category: 'fit' },
      { path: 'company.employees', label: 'Employees', type: 'number', category: 'fit' },
    ] as const;
    const items = await collect(
      csvSource(streamOf('id,job_title,EMPLOYEES\n7,CTO,40\n', []), fields, 1 << 20, null),
    );
    expect(items).toEqual([
      {
        line: 1,
        columns: {
          headers: ['id', 'job_title', 'EMPLOYEES'],
          mapping: { id: 'id', job_title: 'jobTitle', EMPLOYEES: 'company.employees' },
          unmappedFields: [],
        },
      },
      { line: 2, lead: { id: '7', jobTitle: 'CTO', company: { employees: '40' } } },
    ]);
  });

  it('never lets a CSV header reach the prototype', async () => {
    const items = await collect(
      csvSource(streamOf('__proto__,constructor.x,a\n1,2,3\n', []), [], 1 << 20, null),
    );
    expect(items.slice(1)).toEqual([{ line: 2, lead: { a: '3' } }]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});
