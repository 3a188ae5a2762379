import { describe, expect, it } from 'vitest';
import { internalDomainNameSuffixFor } from '../../../sandbox/model/azure/factories.ts';
import { resolveName, reverseName } from '../../../sandbox/network/dns/index.ts';
import { addCluster, addDnsServerVm, newWorld, nodeEndpoint, openReach, podEndpoint } from './fixtures.ts';

function lab() {
  const world = newWorld();
  const h = addCluster(world, { name: 'aks1' });
  const suffix = internalDomainNameSuffixFor(h.vnet.id);
  const from = podEndpoint(h, 'client');
  const resolve = (name: string, type: 'A' | 'AAAA' | 'SRV' | 'PTR' | 'CNAME' = 'A') => resolveName(world, from, name, { type, reach: openReach });
  return { world, h, suffix, resolve };
}

describe('names inside the cluster, from a pod', () => {
  it('a short Service name expands through the search list: web → web.default.svc.cluster.local', () => {
    const { resolve } = lab();
    const r = resolve('web');
    expect(r.status).toBe('NOERROR');
    expect(r.question.name).toBe('web.default.svc.cluster.local');
    expect(r.answers).toEqual([{ name: 'web.default.svc.cluster.local', type: 'A', ttl: 30, data: '10.0.12.34' }]);
    expect(r.exchanges.map((e) => e.name)).toEqual(['web.default.svc.cluster.local']);
    expect(r.authoritative).toBe(true);
    expect(r.recursionAvailable).toBe(false);
    expect(r.server).toEqual({ ip: '10.0.0.10', port: 53, name: expect.stringMatching(/^coredns-789789675-/) });
  });

  it('web.default tries web.default.default.svc.cluster.local first, then web.default.svc.cluster.local', () => {
    const r = lab().resolve('web.default');
    expect(r.exchanges.map((e) => [e.name, e.rcode])).toEqual([
      ['web.default.default.svc.cluster.local', 'NXDOMAIN'],
      ['web.default.svc.cluster.local', 'NOERROR'],
    ]);
    expect(r.answers[0]!.data).toBe('10.0.12.34');
  });

  it('a headless Service answers one A record per ready endpoint; endpoint host names resolve', () => {
    const { resolve } = lab();
    expect(resolve('db').answers.map((a) => a.data)).toEqual(['10.244.0.40', '10.244.1.41']);
    const one = resolve('db-1.db');
    expect(one.question.name).toBe('db-1.db.default.svc.cluster.local');
    expect(one.answers).toEqual([{ name: 'db-1.db.default.svc.cluster.local', type: 'A', ttl: 30, data: '10.244.1.41' }]);
  });

  it('pod A records come from the dashed address (pods insecure)', () => {
    const r = lab().resolve('10-244-0-21.default.pod.cluster.local');
    expect(r.answers).toEqual([{ name: '10-244-0-21.default.pod.cluster.local', type: 'A', ttl: 30, data: '10.244.0.21' }]);
    expect(lab().resolve('not-an-ip.default.pod.cluster.local').status).toBe('NXDOMAIN');
  });

  it('SRV records for named ports: ClusterIP points at the Service name, headless at each endpoint', () => {
    const { resolve } = lab();
    const web = resolve('_http._tcp.web.default.svc.cluster.local', 'SRV');
    expect(web.answers).toEqual([{ name: '_http._tcp.web.default.svc.cluster.local', type: 'SRV', ttl: 30, data: '0 100 80 web.default.svc.cluster.local.' }]);
    expect(web.additional).toEqual([{ name: 'web.default.svc.cluster.local', type: 'A', ttl: 30, data: '10.0.12.34' }]);
    const db = resolve('_pg._tcp.db.default.svc.cluster.local', 'SRV');
    expect(db.answers.map((a) => a.data)).toEqual(['0 50 5432 db-0.db.default.svc.cluster.local.', '0 50 5432 db-1.db.default.svc.cluster.local.']);
    expect(resolve('_nope._tcp.web.default.svc.cluster.local', 'SRV').status).toBe('NXDOMAIN');
  });

  it('an ExternalName Service is a CNAME that CoreDNS follows through its upstream', () => {
    const r = lab().resolve('docs');
    expect(r.answers.map((a) => `${a.name} ${a.type} ${a.data}`)).toEqual([
      'docs.default.svc.cluster.local CNAME www.microsoft.com.',
      'www.microsoft.com CNAME www.microsoft.com-c-3.edgekey.net.',
      'www.microsoft.com-c-3.edgekey.net CNAME e13678.dscb.akamaiedge.net.',
      'e13678.dscb.akamaiedge.net A 23.55.124.7',
    ]);
  });

  it('an unknown short name is NXDOMAIN after every candidate, the last one the name as typed', () => {
    const { resolve, suffix } = lab();
    const r = resolve('nosuch');
    expect(r.status).toBe('NXDOMAIN');
    expect(r.exchanges.map((e) => e.name)).toEqual([
      'nosuch.default.svc.cluster.local',
      'nosuch.svc.cluster.local',
      'nosuch.cluster.local',
      `nosuch.${suffix}`,
      'nosuch',
    ]);
    expect(r.question.name).toBe('nosuch');
    expect(r.steps.find((s) => s.action === 'kubernetes plugin')!.reason).toBe('no Service "nosuch" in namespace "default"');
  });

  it('IPv4-only Services have no AAAA record: NOERROR with no answers (and the SOA)', () => {
    const r = lab().resolve('web.default.svc.cluster.local.', 'AAAA');
    expect(r.status).toBe('NOERROR');
    expect(r.answers).toEqual([]);
    expect(r.authority[0]!.type).toBe('SOA');
  });

  it('PTR: ClusterIPs answer from the cluster, node addresses fall through to Azure DNS', () => {
    const { resolve, world, h } = lab();
    expect(resolve(reverseName('10.0.0.10'), 'PTR').answers[0]!.data).toBe('kube-dns.kube-system.svc.cluster.local.');
    expect(resolve(reverseName('10.244.1.41'), 'PTR').answers[0]!.data).toBe('db-1.db.default.svc.cluster.local.');
    const node = resolve(reverseName('10.224.0.5'), 'PTR');
    expect(node.answers[0]!.data).toBe(`${h.nodeNames[1]}.internal.cloudapp.net.`);
    expect(node.authoritative).toBe(false);
    expect(world.now()).toBeGreaterThan(0);
  });
});

describe('names outside the cluster', () => {
  it('an external name walks the search list: cluster candidates NXDOMAIN in CoreDNS, the VNet one rejected by AKS, then forwarded', () => {
    const { resolve, suffix } = lab();
    const r = resolve('mcr.microsoft.com');
    expect(r.exchanges.map((e) => `${e.name} ${e.rcode}`)).toEqual([
      'mcr.microsoft.com.default.svc.cluster.local NXDOMAIN',
      'mcr.microsoft.com.svc.cluster.local NXDOMAIN',
      'mcr.microsoft.com.cluster.local NXDOMAIN',
      `mcr.microsoft.com.${suffix} NXDOMAIN`,
      'mcr.microsoft.com NOERROR',
    ]);
    expect(r.answers.map((a) => a.data)).toEqual(['mcr-0001.mcr-msedge.net.', '150.171.69.10']);
    const junk = r.steps.find((s) => s.action === 'template (AKS)')!;
    expect(junk.decision).toBe('NXDOMAIN');
    expect(junk.reason).toContain('8 labels under internal.cloudapp.net');
    const fwd = r.steps.find((s) => s.action === 'forward .')!;
    expect(fwd.decision).toBe('to 168.63.129.16 (/etc/resolv.conf: its node\'s DNS servers)');
    expect(r.authoritative).toBe(false);
    expect(r.recursionAvailable).toBe(true);
  });

  it('a trailing dot makes the name absolute: one query', () => {
    const r = lab().resolve('mcr.microsoft.com.');
    expect(r.exchanges.map((e) => e.name)).toEqual(['mcr.microsoft.com']);
  });

  it('VM host names of the VNet resolve through the VNet suffix search domain', () => {
    const { resolve, h, suffix } = lab();
    const r = resolve(h.nodeNames[1]!);
    expect(r.question.name).toBe(`${h.nodeNames[1]}.${suffix}`);
    expect(r.answers[0]!.data).toBe('10.224.0.5');
  });

  it('from a node, queries go straight to the VNet DNS (no search list for names with dots)', () => {
    const { world, h } = lab();
    const r = resolveName(world, nodeEndpoint(h), 'www.bing.com', { type: 'A', reach: openReach });
    expect(r.exchanges.map((e) => `${e.server} ${e.name}`)).toEqual(['168.63.129.16 www.bing.com']);
    expect(r.answers.map((a) => a.data)).toEqual(['www-www.bing.com.trafficmanager.net.', '13.107.21.200', '204.79.197.200']);
  });

  it('since v20241025 AKS CoreDNS answers NXDOMAIN for reddog.microsoft.com search junk without asking the custom server', () => {
    const world = newWorld();
    const h = addCluster(world, { name: 'aks1', dnsServers: ['10.224.10.4'] });
    addDnsServerVm(world, h.vnet, 'dns1', '10.224.10.4', {});
    const r = resolveName(world, podEndpoint(h, 'client'), 'mcr.microsoft.com', { type: 'A', reach: openReach });
    expect(r.exchanges.map((e) => `${e.name} ${e.rcode}`)).toEqual([
      'mcr.microsoft.com.default.svc.cluster.local NXDOMAIN',
      'mcr.microsoft.com.svc.cluster.local NXDOMAIN',
      'mcr.microsoft.com.cluster.local NXDOMAIN',
      'mcr.microsoft.com.reddog.microsoft.com NXDOMAIN',
      'mcr.microsoft.com NOERROR',
    ]);
    expect(r.steps.filter((s) => s.at === 'dns1 (DNS server)').map((s) => s.action)).toEqual(['resolve mcr.microsoft.com A']);
    expect(r.steps.find((s) => s.action === 'template (AKS)')!.reason).toContain('under reddog.microsoft.com');
    expect(resolveName(world, podEndpoint(h, 'client'), 'reddog.microsoft.com.', { type: 'A', reach: openReach }).status).toBe('NXDOMAIN');
  });

  it('a 6-label internal.cloudapp.net name still reaches Azure DNS', () => {
    const { world, h, suffix } = lab();
    const r = resolveName(world, podEndpoint(h, 'client'), `${h.nodeNames[0]}.${suffix}.`, { type: 'A', reach: openReach });
    expect(r.answers[0]!.data).toBe('10.224.0.4');
    expect(r.steps.some((s) => s.action === 'template (AKS)')).toBe(false);
  });
});
