import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fnv1a } from '../../../sandbox/core/hash.ts';
import type { Endpoint, ReachFn } from '../../../sandbox/network/dns/index.ts';
import { formatDig, formatNslookup, resolveName } from '../../../sandbox/network/dns/index.ts';
import { addCluster, addDnsServerVm, newWorld, nodeEndpoint, podEndpoint, setCorednsCustom, workstation } from './fixtures.ts';

const STATUSES = ['NOERROR', 'NXDOMAIN', 'SERVFAIL', 'TIMEOUT', 'REFUSED'];

// One world for all runs: resolution only reads it.
const world = newWorld('dns-property');
const h = addCluster(world, { name: 'aks1', dnsServers: ['10.224.10.4', '168.63.129.16'] });
addDnsServerVm(world, h.vnet, 'dns1', '10.224.10.4', { conditionalForwarders: [{ zone: 'privatelink.eastus.azmk8s.io', servers: ['168.63.129.16'] }], forwarders: ['10.224.10.4'] });
setCorednsCustom(world, h.clusterId, {
  'a.server': 'contoso.com:53 {\n forward . 10.224.10.4\n}\n',
  'b.override': 'hosts {\n 10.1.1.1 legacy.example.org\n fallthrough\n}\nrewrite name regex (.*)\\.corp {1}.default.svc.cluster.local\n',
});

const label = fc.stringMatching(/^[a-zA-Z0-9_-]{0,12}$/);
const nameArb = fc.oneof(
  fc.array(label, { minLength: 0, maxLength: 7 }).map((ls) => ls.join('.')),
  fc.array(label, { minLength: 1, maxLength: 5 }).map((ls) => `${ls.join('.')}.`),
  fc.constantFrom('web', 'db', 'docs', 'mcr.microsoft.com', 'x.reddog.microsoft.com', 'a.b.c.d.e.internal.cloudapp.net', 'app.contoso.com', 'web.corp', '.', '..', ''),
  fc.string({ maxLength: 300 }),
);
const endpointArb = fc.constantFrom<Endpoint>(
  podEndpoint(h, 'client'),
  podEndpoint(h, 'coredns-789789675-a0x9q', 'kube-system'),
  nodeEndpoint(h, 1),
  workstation,
  { kind: 'machine', id: 'dns1' },
  podEndpoint(h, 'missing'),
  { kind: 'ip', ip: '203.0.113.9' },
);

function randomReach(seed: number): ReachFn {
  return (from, ip, _port, protocol) => {
    const roll = fnv1a(`${seed}/${JSON.stringify(from)}/${ip}/${protocol}`) % 5;
    if (roll === 0) return { ok: false, hops: [], verdict: 'dropped' };
    if (roll === 1) return { ok: false, hops: [], verdict: 'refused' };
    if (roll === 2) return { ok: true, hops: [], verdict: 'delivered', via: { podName: 'no-such-pod' } };
    return { ok: true, hops: [], verdict: 'delivered' };
  };
}

describe('resolution always terminates with a status', () => {
  it('random names, types, clients, endpoints and paths: never throws, one of the statuses', () => {
    fc.assert(
      fc.property(
        nameArb,
        fc.constantFrom('A', 'AAAA', 'SRV', 'PTR', 'CNAME' as const),
        fc.constantFrom('glibc', 'musl', 'bind' as const),
        endpointArb,
        fc.integer(),
        fc.option(fc.constantFrom('10.0.0.10', '168.63.129.16', '8.8.8.8', '10.224.10.4', '192.0.2.1'), { nil: undefined }),
        fc.boolean(),
        (name, type, client, from, seed, server, edns) => {
          const r = resolveName(world, from, name, { type, client, reach: randomReach(seed), server, edns: edns ? { udpSize: 1232, cookie: true } : null });
          expect(STATUSES).toContain(r.status);
          // The catch-all in resolveName must not be what kept it from throwing.
          expect(r.steps.filter((s) => s.reason.startsWith('internal error'))).toEqual([]);
          expect(r.steps.length).toBeGreaterThan(0);
          expect(Number.isFinite(r.elapsedMs) && r.elapsedMs >= 0).toBe(true);
          if (r.status === 'NOERROR' && r.answers.length > 0) expect(r.exchanges.length).toBeGreaterThan(0);
          expect(formatNslookup({ primary: r, defaultLookups: false }).stdout.endsWith('\n')).toBe(true);
          expect(formatDig({ result: r, args: [name], nowMs: world.now() }).stdout.endsWith('\n')).toBe(true);
        },
      ),
      { numRuns: 400, seed: 20261126 },
    );
  });
});
