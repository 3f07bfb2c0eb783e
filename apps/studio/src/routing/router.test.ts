import { describe, expect, it } from 'vitest';
import { parseRoute, pathFor, type Route } from './router.ts';

describe('routes', () => {
  it.each<[string, Route]>([
    ['/', { page: 'list' }],
    ['/workflows/bant-inbound-saas', { page: 'editor', id: 'bant-inbound-saas' }],
    ['/workflows/bant-inbound-saas/sla', { page: 'sla', id: 'bant-inbound-saas' }],
    ['/workflows/bant-inbound-saas/backtest', { page: 'backtest', id: 'bant-inbound-saas' }],
    ['/workflows/a%20b/backtest/', { page: 'backtest', id: 'a b' }],
    ['/workflows/x/other', { page: 'list' }],
    ['/workflows/x/audit', { page: 'audit', id: 'x' }],
    ['/workflows/x/shadow/', { page: 'shadow', id: 'x' }],
    ['/team', { page: 'team' }],
    ['/sla', { page: 'sla-clock' }],
    ['/sla/', { page: 'sla-clock' }],
    ['/deliveries', { page: 'deliveries' }],
    ['/leads', { page: 'leads' }],
    ['/teams', { page: 'list' }],
  ])('%s', (path, route) => {
    expect(parseRoute(path)).toEqual(route);
  });

  it('writes the address back', () => {
    expect(pathFor({ page: 'backtest', id: 'a b' })).toBe('/workflows/a%20b/backtest');
    expect(pathFor({ page: 'editor', id: 'x' })).toBe('/workflows/x');
    expect(pathFor({ page: 'sla', id: 'x' })).toBe('/workflows/x/sla');
    expect(pathFor({ page: 'audit', id: 'x' })).toBe('/workflows/x/audit');
    expect(pathFor({ page: 'shadow', id: 'x' })).toBe('/workflows/x/shadow');
    expect(pathFor({ page: 'list' })).toBe('/');
    expect(pathFor({ page: 'team' })).toBe('/team');
    expect(pathFor({ page: 'sla-clock' })).toBe('/sla');
    expect(pathFor({ page: 'deliveries' })).toBe('/deliveries');
    expect(pathFor({ page: 'leads' })).toBe('/leads');
  });
});
