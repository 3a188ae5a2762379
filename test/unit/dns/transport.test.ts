import { describe, expect, it } from 'vitest';
import type { Endpoint, ReachResult } from '../../../sandbox/network/dns/index.ts';
import { formatNslookup, nslookupLookups, resolveName } from '../../../sandbox/network/dns/index.ts';
import { addCluster, newWorld, openReach, podEndpoint, putEndpoints, recordingReach } from './fixtures.ts';

const NSG_DROP: ReachResult['hops'] = [
  { at: 'aks-nodepool1-12345678-vmss000000 eth0', action: 'route', decision: 'pass', reason: 'VNet route to 10.224.0.0/16.' },
  { at: 'NSG aks-agentpool-nsg (subnet aks-subnet, inbound)', action: 'nsg', decision: 'drop', reason: 'Rule DenyAllInbound (priority 4096) denies UDP 53 from 10.224.0.4.' },
];

function bumpy() {
  const world = newWorld();
  const h = addCluster(world, { name: 'aks1' });
  const far = 'coredns-789789675-b1x9q';
  const near = 'coredns-789789675-a0x9q';
  // kube-proxy sends `client` (node 0) to the CoreDNS pod on node 1, across the subnet NSG that
  // drops UDP 53; `client-far` (node 1) lands on the CoreDNS pod of its own node.
  const reach = recordingReach((from: Endpoint, ip) => {
    if (ip !== '10.0.0.10' || from.kind !== 'pod') return undefined;
    if (from.name === 'client') return { ok: false, hops: NSG_DROP, verdict: 'dropped', via: { podName: far, nodeName: h.nodeNames[1] } };
    return { ok: true, hops: [], verdict: 'delivered', via: { podName: far === from.name ? near : far, nodeName: h.nodeNames[1] } };
  });
  return { world, h, reach };
}

describe('whether each query gets through', () => {
  it('bumpy DNS: UDP 53 to a CoreDNS pod on another node is dropped by the NSG → timeout after 2 × 5 s', () => {
    const { world, h, reach } = bumpy();
    const r = resolveName(world, podEndpoint(h, 'client'), 'web', { type: 'A', reach });
    expect(r.status).toBe('TIMEOUT');
    expect(r.elapsedMs).toBe(10_000);
    expect(r.exchanges.map((e) => `${e.name} ${e.outcome} ${e.ms}`)).toEqual([
      'web.default.svc.cluster.local timeout 5000',
      'web.default.svc.cluster.local timeout 5000',
    ]);
    const lost = r.steps.find((s) => s.at === 'network')!;
    expect(lost.action).toBe('pod default/client → 10.0.0.10:53/udp');
    expect(lost.decision).toBe('lost (dropped)');
    expect(lost.reason).toBe('NSG aks-agentpool-nsg (subnet aks-subnet, inbound): Rule DenyAllInbound (priority 4096) denies UDP 53 from 10.224.0.4.');
    expect(lost.hops).toEqual(NSG_DROP);
    // The same path is traced once: retries reuse the flow (and so the same CoreDNS pod).
    expect(reach.calls).toEqual(['client->10.0.0.10/udp']);
    // A timeout ends the search list: the other candidates are never tried.
    expect(r.steps.filter((s) => s.action.startsWith('send ')).map((s) => s.reason)).toEqual(['candidate 1 of 5, try 1 of 2', 'candidate 1 of 5, try 2 of 2']);
  });

  it('the same query from a pod whose CoreDNS is on its own node works', () => {
    const { world, h, reach } = bumpy();
    const r = resolveName(world, podEndpoint(h, 'client-far'), 'web', { type: 'A', reach });
    expect(r.status).toBe('NOERROR');
    expect(r.server.name).toBe('coredns-789789675-b1x9q');
  });

  it('nslookup (BIND: 3 tries of 5 s) prints one communications error per try', () => {
    const { world, h, reach } = bumpy();
    const input = nslookupLookups(world, podEndpoint(h, 'client'), 'web', { reach });
    expect(input.primary.elapsedMs).toBe(15_000);
    expect(formatNslookup(input)).toEqual({
      stdout: ';; communications error to 10.0.0.10#53: timed out\n'.repeat(3) + ';; no servers could be reached\n\n',
      exitCode: 1,
    });
  });

  it('upstream blocked: cluster names still resolve, external names time out (CoreDNS gives up after the client)', () => {
    const world = newWorld();
    const h = addCluster(world, { name: 'aks1' });
    const reach = recordingReach((from, ip) =>
      ip === '168.63.129.16' ? { ok: false, hops: [{ at: 'route table rt-egress', action: 'route', decision: 'drop', reason: 'Route 0.0.0.0/0 → None.' }], verdict: 'dropped' } : undefined,
    );
    expect(resolveName(world, podEndpoint(h, 'client'), 'web', { type: 'A', reach }).status).toBe('NOERROR');
    const r = resolveName(world, podEndpoint(h, 'client'), 'example.com', { type: 'A', reach });
    expect(r.status).toBe('TIMEOUT');
    expect(r.exchanges.map((e) => `${e.rcode ?? '-'} ${e.outcome}`)).toEqual([
      'NXDOMAIN answered',
      'NXDOMAIN answered',
      'NXDOMAIN answered',
      'NXDOMAIN answered',
      '- timeout',
      '- timeout',
    ]);
    expect(r.elapsedMs).toBe(10_000);
    const gaveUp = r.steps.find((s) => s.action === 'forward example.com A to 168.63.129.16')!;
    expect(gaveUp.decision).toBe('gave up after 3 tries (6 s)');
    expect(r.steps.some((s) => s.decision === 'no reply within 5 s (the SERVFAIL would come after 6 s)')).toBe(true);
    // A client that waits longer sees CoreDNS's SERVFAIL.
    const patient = resolveName(world, podEndpoint(h, 'client'), 'example.com.', { type: 'A', reach, timeoutSeconds: 10 });
    expect(patient.status).toBe('SERVFAIL');
  });

  it('kube-dns without endpoints: kube-proxy rejects, the client hears "connection refused" at once', () => {
    const world = newWorld();
    const h = addCluster(world, { name: 'aks1' });
    putEndpoints(world, h.clusterId, 'kube-system', 'kube-dns', [], []);
    const r = resolveName(world, podEndpoint(h, 'client'), 'web', { type: 'A', reach: openReach, client: 'bind' });
    expect(r.status).toBe('TIMEOUT');
    expect(r.exchanges.map((e) => e.outcome)).toEqual(['refused', 'refused', 'refused']);
    expect(r.elapsedMs).toBe(0);
    expect(formatNslookup(nslookupLookups(world, podEndpoint(h, 'client'), 'web', { reach: openReach })).stdout).toBe(
      ';; communications error to 10.0.0.10#53: connection refused\n'.repeat(3) + ';; no servers could be reached\n\n',
    );
  });
});

describe('truncation', () => {
  function bigHeadless(replicas: number) {
    const world = newWorld();
    const h = addCluster(world, { name: 'aks1', dbReplicas: replicas });
    return { world, h };
  }

  it('an answer over 512 bytes comes back with TC over UDP; the client retries over TCP and gets all of it', () => {
    const { world, h } = bigHeadless(20);
    const reach = recordingReach(() => undefined);
    const r = resolveName(world, podEndpoint(h, 'client'), 'db.default.svc.cluster.local.', { type: 'A', reach });
    expect(r.status).toBe('NOERROR');
    expect(r.answers).toHaveLength(20);
    expect(r.truncated).toBe(true);
    expect(r.protocol).toBe('tcp');
    expect(r.exchanges.map((e) => `${e.protocol} ${e.outcome}`)).toEqual(['udp truncated', 'tcp answered']);
    // 12 header + 34 question + 20 × 44 uncompressed A records.
    expect(r.messageSize).toBe(926);
    expect(reach.calls).toEqual(['client->10.0.0.10/udp', 'client->10.0.0.10/tcp']);
  });

  it('if TCP 53 does not get through, the resolution fails', () => {
    const { world, h } = bigHeadless(20);
    const reach = recordingReach((_from, _ip, protocol) => (protocol === 'tcp' ? { ok: false, hops: NSG_DROP, verdict: 'dropped' } : undefined));
    const r = resolveName(world, podEndpoint(h, 'client'), 'db.default.svc.cluster.local.', { type: 'A', reach });
    expect(r.status).toBe('TIMEOUT');
    expect(r.exchanges.map((e) => `${e.protocol} ${e.outcome}`)).toEqual(['udp truncated', 'tcp timeout', 'udp truncated', 'tcp timeout']);
  });

  it('a resolver without TCP fallback (old musl) keeps the 10 records that fit in 512 bytes', () => {
    const { world, h } = bigHeadless(20);
    const r = resolveName(world, podEndpoint(h, 'client'), 'db.default.svc.cluster.local.', { type: 'A', reach: openReach, client: 'musl', tcpFallback: false });
    expect(r.truncated).toBe(true);
    expect(r.protocol).toBe('udp');
    expect(r.answers).toHaveLength(10);
  });

  it('dig\'s EDNS buffer of 1232 bytes fits 20 records but not 30', () => {
    const twenty = bigHeadless(20);
    const edns = { udpSize: 1232, cookie: true };
    const r20 = resolveName(twenty.world, podEndpoint(twenty.h, 'client'), 'db.default.svc.cluster.local', { type: 'A', reach: openReach, client: 'bind', search: false, edns });
    expect([r20.truncated, r20.protocol, r20.messageSize]).toEqual([false, 'udp', 949]);
    const thirty = bigHeadless(30);
    const r30 = resolveName(thirty.world, podEndpoint(thirty.h, 'client'), 'db.default.svc.cluster.local', { type: 'A', reach: openReach, client: 'bind', search: false, edns });
    expect([r30.truncated, r30.protocol, r30.answers.length]).toEqual([true, 'tcp', 30]);
  });
});
