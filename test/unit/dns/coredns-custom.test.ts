import { describe, expect, it } from 'vitest';
import { buildConfig, resolveName } from '../../../sandbox/network/dns/index.ts';
import { selectBlock } from '../../../sandbox/network/dns/corefile.ts';
import { addCluster, addDnsServerVm, newWorld, openReach, podEndpoint, setCorednsCustom } from './fixtures.ts';

function lab(custom: Record<string, string>) {
  const world = newWorld();
  const h = addCluster(world, { name: 'aks1', corednsCustom: custom });
  const resolve = (name: string) => resolveName(world, podEndpoint(h, 'client'), name, { type: 'A', reach: openReach });
  return { world, h, resolve };
}

describe('parsing coredns-custom', () => {
  it('.server keys become server blocks, .override keys join the default block', () => {
    const config = buildConfig({
      'contoso.server': 'contoso.com:53 {\n  errors\n  cache 30\n  forward . 10.224.10.4 10.224.10.5\n}\n',
      'legacy.override': 'hosts {\n  10.9.9.9 legacy.example.org old.example.org\n  fallthrough\n}\n',
      'ignored.txt': 'whatever',
    });
    expect(config.problems).toEqual([]);
    expect(config.blocks.map((b) => [b.zones, b.port, b.source])).toEqual([
      [[''], 53, 'AKS default (.:53)'],
      [['contoso.com'], 53, 'coredns-custom contoso.server'],
    ]);
    expect(config.blocks[1]!.forward).toEqual({ from: '', to: ['10.224.10.4', '10.224.10.5'], source: 'coredns-custom contoso.server' });
    const hosts = config.blocks[0]!.hosts!;
    expect([...hosts.byName]).toEqual([['legacy.example.org', ['10.9.9.9']], ['old.example.org', ['10.9.9.9']]]);
    expect(hosts.fallthrough).toEqual([]);
    expect(selectBlock(config, 'app.contoso.com').source).toBe('coredns-custom contoso.server');
    expect(selectBlock(config, 'contoso.com.evil.net').source).toBe('AKS default (.:53)');
  });

  it('reports what CoreDNS would refuse to load', () => {
    const config = buildConfig({
      'bad.override': 'forward . 8.8.8.8\n',
      'a.server': 'dup.com:53 {\n forward . 1.1.1.1\n}\n',
      'b.server': 'dup.com {\n forward . 8.8.8.8\n}\n',
      'port.server': 'other.com:5353 {\n forward . 8.8.8.8\n}\n',
    });
    expect(config.problems).toEqual([
      'coredns-custom b.server: zone dup.com:53 is already served by coredns-custom a.server; CoreDNS refuses to start',
      'coredns-custom bad.override: plugin/forward: this plugin can only be used once per Server Block (the default block already forwards . to /etc/resolv.conf)',
      'coredns-custom port.server: server block listens on port 5353; pods query port 53, so it never answers them',
    ]);
  });
});

describe('coredns-custom in resolution', () => {
  it('a .server block forwards its zone to a custom DNS server', () => {
    const { world, h, resolve } = lab({ 'contoso.server': 'contoso.com:53 {\n  errors\n  forward . 10.224.10.4\n}\n' });
    addDnsServerVm(world, h.vnet, 'dns1', '10.224.10.4', { records: [{ name: 'app.contoso.com', ip: '10.50.0.7' }] });
    const r = resolve('app.contoso.com');
    expect(r.answers).toEqual([{ name: 'app.contoso.com', type: 'A', ttl: 3600, data: '10.50.0.7' }]);
    expect(r.steps.find((s) => s.action === 'receive app.contoso.com A')!.decision).toBe('server block contoso.com:53');
    expect(r.steps.find((s) => s.action === 'forward .')!.decision).toBe('to 10.224.10.4');
    // Other names still take the default block.
    expect(resolve('web').answers[0]!.data).toBe('10.0.12.34');
  });

  it('hosts with fallthrough answers its names and lets everything else through', () => {
    const { resolve } = lab({ 'legacy.override': 'hosts {\n  10.9.9.9 legacy.example.org\n  fallthrough\n}\n' });
    const r = resolve('legacy.example.org');
    expect(r.answers).toEqual([{ name: 'legacy.example.org', type: 'A', ttl: 3600, data: '10.9.9.9' }]);
    expect(r.authoritative).toBe(true);
    expect(resolve('web').status).toBe('NOERROR');
    expect(resolve('bing.com').answers.map((a) => a.data)).toEqual(['13.107.21.200', '204.79.197.200']);
  });

  it('hosts without fallthrough answers SERVFAIL for every other name, cluster names included', () => {
    const { resolve } = lab({ 'legacy.override': 'hosts {\n  10.9.9.9 legacy.example.org\n}\n' });
    expect(resolve('legacy.example.org').answers[0]!.data).toBe('10.9.9.9');
    const r = resolve('web.default.svc.cluster.local.');
    expect(r.status).toBe('SERVFAIL');
    expect(r.steps.find((s) => s.action === 'hosts')!.reason).toBe(
      'the hosts block in coredns-custom legacy.override has no entry for web.default.svc.cluster.local and no "fallthrough", so CoreDNS stops there with SERVFAIL',
    );
  });

  it('rewrite name exact serves one name as another and restores the asked name in the answer', () => {
    const { resolve } = lab({ 'alias.override': 'rewrite name exact db.contoso.com web.default.svc.cluster.local\n' });
    const r = resolve('db.contoso.com.');
    expect(r.answers).toEqual([{ name: 'db.contoso.com', type: 'A', ttl: 30, data: '10.0.12.34' }]);
    expect(r.steps.find((s) => s.action === 'rewrite')!.decision).toBe('db.contoso.com → web.default.svc.cluster.local');
  });

  it('a server block for internal.cloudapp.net switches the AKS junk rejection off for that zone', () => {
    const { world, h, resolve } = lab({});
    const before = resolve('bing.com');
    expect(before.exchanges[3]!.rcode).toBe('NXDOMAIN');
    expect(before.steps.filter((s) => s.action === 'template (AKS)')).toHaveLength(1);
    setCorednsCustom(world, h.clusterId, { 'override-block.server': 'internal.cloudapp.net:53 {\n  errors\n  cache 30\n  forward . /etc/resolv.conf\n}\n' });
    const after = resolve('bing.com');
    expect(after.steps.filter((s) => s.action === 'template (AKS)')).toHaveLength(0);
    expect(after.steps.find((s) => s.at === '168.63.129.16 (Azure DNS)')!.action).toContain('bing.com.');
  });
});
