// The README's "Command line" examples are what the CLI prints: each console block's commands, the
// failing test report (in a copy made as the text says), and the evaluate example's first line.
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { qualify, qualifyIn, root, scratch } from './testing.ts';

const readme = readFileSync(join(root, 'README.md'), 'utf8');
const start = readme.indexOf('## Command line');
const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
const blocks = (lang: string) =>
  [...section.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1]!);

/** `$ npx qualify …` lines with the output printed under each. */
function sessions(): { args: string[]; output: string }[] {
  const out: { args: string[]; output: string }[] = [];
  for (const block of blocks('console')) {
    for (const part of block.split(/^\$ /m).slice(1)) {
      const [command, ...lines] = part.split('\n');
      const [npx, bin, ...args] = command!.split(' ');
      expect(`${npx} ${bin}`).toBe('npx qualify');
      out.push({ args, output: lines.join('\n') });
    }
  }
  return out;
}

describe("the README's command line examples", () => {
  it('the console blocks show what each command prints', () => {
    const all = sessions();
    expect(all.map((s) => s.args[0])).toEqual(expect.arrayContaining(['validate', 'test']));
    for (const { args, output } of all) {
      const r = qualify(...args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).toBe(output);
    }
  });

  it('the failing report is what test prints for a copy of the BANT example whose first case expects Nurture', () => {
    const w = JSON.parse(readFileSync(join(root, 'examples/bant-inbound-saas.workflow.json'), 'utf8'));
    expect(w.testCases[0].expect.route).toBe('sales');
    w.testCases[0].expect.route = 'nurture';
    const dir = scratch({ 'bant-inbound-saas.workflow.json': w });
    const r = qualifyIn(dir, 'test', 'bant-inbound-saas.workflow.json');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(blocks('text')[0]);
  });

  it("the evaluate example's first line and its note on stderr", () => {
    const sh = blocks('sh').find((b) => b.includes('qualify evaluate'))!;
    const [command, note, line] = sh
      .replace(/\\\n\s*/g, '')
      .trim()
      .split('\n');
    const args = command!
      .replace(/ \| head -1$/, '')
      .split(/\s+/)
      .slice(2);
    const r = qualify(...args);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(line);
    expect(r.stderr).toContain(note!.replace('# stderr: ', '').replace(', ...)', ''));
  });
});

describe("the README's SQL examples", () => {
  const sh = () =>
    blocks('sh')
      .find((b) => b.includes('qualify score'))!
      .replace(/\\\n\s*/g, '');
  const argsOf = (line: string) =>
    line
      .replace(/ > \S+$/, '')
      .split(/\s+/)
      .slice(2);

  it('sql prints one query for the table named', () => {
    const line = sh()
      .split('\n')
      .find((l) => l.includes('qualify sql'))!;
    const r = qualify(...argsOf(line));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^WITH l0 AS \(SELECT CAST\("id" AS text\) AS lead_id/);
    expect(r.stdout).toContain('FROM leads');
  });

  it('score writes the decisions file and says how many leads went each way', () => {
    const [line, note] = sh()
      .split('\n')
      .filter((l) => l.includes('qualify score') || l.startsWith('# stderr'));
    const dir = scratch({});
    symlinkSync(join(root, 'examples'), join(dir, 'examples'));
    const r = qualifyIn(dir, ...argsOf(line!));
    expect(r.stderr.trim()).toBe(note!.replace('# stderr: ', ''));
    expect(r.code).toBe(0);
    const rows = readFileSync(join(dir, 'decisions.csv'), 'utf8').trim().split('\n');
    expect(rows[0]).toMatch(/^lead_id,route_kind,route_target,route_step,stage,/);
    expect(rows).toHaveLength(2001);
  }, 60_000);
});

describe("the README's diff example", () => {
  it('is what diff prints for a copy of the BANT example whose MQL threshold is 60', () => {
    const w = JSON.parse(readFileSync(join(root, 'examples/bant-inbound-saas.workflow.json'), 'utf8'));
    const tiers = w.nodes.find((n: { id: string }) => n.id === 'tiers').data.tiers;
    expect(tiers[0].min).toBe(40);
    tiers[0].min = 60;
    const dir = scratch({ 'stricter.workflow.json': w });
    symlinkSync(join(root, 'examples'), join(dir, 'examples'));
    const block = blocks('text').find((b) => b.startsWith('$ npx qualify diff '))!;
    const [command, ...output] = block.split('\n');
    const r = qualifyIn(dir, ...command!.split(' ').slice(3));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(output.join('\n'));
  }, 60_000);
});
