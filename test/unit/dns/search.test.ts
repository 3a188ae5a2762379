import { describe, expect, it } from 'vitest';
import { searchCandidates } from '../../../sandbox/network/dns/index.ts';
import { movesOn } from '../../../sandbox/network/dns/search.ts';

const SEARCH = ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local', 'x.bx.internal.cloudapp.net'];

describe('search list and ndots', () => {
  it('fewer dots than ndots: search domains first, then the name as is (all three libraries)', () => {
    for (const client of ['glibc', 'musl', 'bind'] as const) {
      expect(searchCandidates('web', SEARCH, 5, client, true).names).toEqual([
        'web.default.svc.cluster.local',
        'web.svc.cluster.local',
        'web.cluster.local',
        'web.x.bx.internal.cloudapp.net',
        'web',
      ]);
    }
  });

  it('at least ndots dots: glibc tries the name first and then still searches; musl and nslookup/dig do not', () => {
    expect(searchCandidates('a.b.c.d.e.f', SEARCH, 5, 'glibc', true).names).toEqual([
      'a.b.c.d.e.f',
      'a.b.c.d.e.f.default.svc.cluster.local',
      'a.b.c.d.e.f.svc.cluster.local',
      'a.b.c.d.e.f.cluster.local',
      'a.b.c.d.e.f.x.bx.internal.cloudapp.net',
    ]);
    expect(searchCandidates('a.b.c.d.e.f', SEARCH, 5, 'musl', true).names).toEqual(['a.b.c.d.e.f']);
    expect(searchCandidates('www.bing.com', ['x.internal.cloudapp.net'], 1, 'bind', true).names).toEqual(['www.bing.com']);
  });

  it('a trailing dot is absolute; dig without +search asks the name alone', () => {
    expect(searchCandidates('mcr.microsoft.com.', SEARCH, 5, 'glibc', true)).toEqual({
      names: ['mcr.microsoft.com'],
      reason: '"mcr.microsoft.com." ends with a dot: it is absolute, the search list does not apply',
    });
    expect(searchCandidates('web', SEARCH, 5, 'bind', false).names).toEqual(['web']);
  });

  it('candidates longer than a DNS name can be are skipped', () => {
    const long = `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(50)}`;
    // 233 characters: only the two shortest search domains keep it within 253.
    expect(searchCandidates(long, SEARCH, 5, 'glibc', true).names).toEqual([`${long}.svc.cluster.local`, `${long}.cluster.local`, long]);
  });

  it('which outcomes move on to the next candidate', () => {
    expect(movesOn('glibc', 'NXDOMAIN', false)).toBe(true);
    expect(movesOn('glibc', 'NOERROR', false)).toBe(true);
    expect(movesOn('glibc', 'SERVFAIL', false)).toBe(true);
    expect(movesOn('glibc', 'TIMEOUT', false)).toBe(false);
    expect(movesOn('glibc', 'NOERROR', true)).toBe(false);
    expect(movesOn('bind', 'SERVFAIL', false)).toBe(false);
    expect(movesOn('musl', 'NOERROR', false)).toBe(false);
    expect(movesOn('musl', 'NXDOMAIN', false)).toBe(true);
  });
});
