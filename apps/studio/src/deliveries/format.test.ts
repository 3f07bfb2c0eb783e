import { describe, expect, it } from 'vitest';
import { attemptText, prettyBody, urlProblem } from './format.ts';

describe('deliveries', () => {
  it('indents a JSON body and leaves anything else as sent', () => {
    expect(prettyBody('{"id":"evt_1","data":{"owner":"u-ann"}}')).toBe(
      '{\n  "id": "evt_1",\n  "data": {\n    "owner": "u-ann"\n  }\n}',
    );
    expect(prettyBody('not json')).toBe('not json');
    expect(prettyBody({ a: 1 })).toBe('{\n  "a": 1\n}');
  });

  it('says what happened on each attempt', () => {
    const a = { attempt: 1, at: '2026-11-30T10:00:00Z', ok: true, error: null };
    expect(attemptText({ ...a, status: 200, durationMs: 84.4 })).toBe('HTTP 200 in 84 ms');
    expect(attemptText({ ...a, ok: false, status: 500, error: 'Internal error', durationMs: 1234 })).toBe(
      'HTTP 500: Internal error in 1.2 s',
    );
    expect(
      attemptText({ ...a, ok: false, status: null, error: 'timed out after 10 s', durationMs: 10000 }),
    ).toBe('No answer: timed out after 10 s in 10.0 s');
  });

  it('asks for a whole http(s) URL before the round trip', () => {
    expect(urlProblem('https://crm.example.com/hooks')).toBeNull();
    expect(urlProblem('http://127.0.0.1:9999/in')).toBeNull();
    expect(urlProblem('  ')).toBe('Enter the URL that receives the events.');
    expect(urlProblem('ftp://x.example.com')).toBe(
      'The URL starts with https:// (or http:// for a test receiver).',
    );
    expect(urlProblem('crm.example.com')).toMatch(/is not a URL: write it whole/);
  });
});
