import { describe, expect, it } from 'vitest';
import { newPublicIp } from '../../../sandbox/model/azure/factories.ts';
import { formatNslookup, nslookupLookups, resolveName } from '../../../sandbox/network/dns/index.ts';
import { addCluster, addDnsServerVm, newWorld, nodeEndpoint, openReach, recordingReach, workstation } from './fixtures.ts';

function twoServers() {
  const world = newWorld();
  const h = addCluster(world, { name: 'aks1', dnsServers: ['10.224.10.4', '10.224.10.5'] });
  addDnsServerVm(world, h.vnet, 'dns1', '10.224.10.4', {});
  addDnsServerVm(world, h.vnet, 'dns2', '10.224.10.5', {});
  // The first server is down: nothing comes back from it.
  const reach = recordingReach((_from, ip) => (ip === '10.224.10.4' ? { ok: false, hops: [], verdict: 'timed-out' } : undefined));
  return { world, h, reach };
}

describe('retries across servers, per resolver library', () => {
  it('glibc: 5 s on the dead first server, then the second answers', () => {
    const { world, h, reach } = twoServers();
    const r = resolveName(world, nodeEndpoint(h), 'bing.com', { type: 'A', reach });
    expect(r.status).toBe('NOERROR');
    expect(r.exchanges.map((e) => `${e.server} ${e.outcome}`)).toEqual(['10.224.10.4 timeout', '10.224.10.5 answered']);
    expect(r.elapsedMs).toBe(5000 + r.lastQueryMs);
    expect(r.server.ip).toBe('10.224.10.5');
  });

  it('nslookup/dig: three tries of the first server before the second', () => {
    const { world, h, reach } = twoServers();
    const r = resolveName(world, nodeEndpoint(h), 'bing.com', { type: 'A', reach, client: 'bind' });
    expect(r.exchanges.map((e) => `${e.server} ${e.outcome}`)).toEqual(['10.224.10.4 timeout', '10.224.10.4 timeout', '10.224.10.4 timeout', '10.224.10.5 answered']);
    expect(r.elapsedMs).toBe(15_000 + r.lastQueryMs);
    const text = formatNslookup(nslookupLookups(world, nodeEndpoint(h), 'bing.com', { reach })).stdout;
    expect(text.split('\n').slice(0, 5)).toEqual([
      ';; communications error to 10.224.10.4#53: timed out',
      ';; communications error to 10.224.10.4#53: timed out',
      ';; communications error to 10.224.10.4#53: timed out',
      'Server:\t\t10.224.10.5',
      'Address:\t10.224.10.5#53',
    ]);
  });

  it('musl asks both at once: no wait for the dead one', () => {
    const { world, h, reach } = twoServers();
    const r = resolveName(world, nodeEndpoint(h), 'bing.com', { type: 'A', reach, client: 'musl' });
    expect(r.status).toBe('NOERROR');
    expect(r.elapsedMs).toBe(r.lastQueryMs);
    expect(r.elapsedMs).toBeLessThan(100);
  });

  it('every server dead: glibc gives up after attempts × servers × timeout', () => {
    const world = newWorld();
    const h = addCluster(world, { name: 'aks1', dnsServers: ['10.224.10.4', '10.224.10.5'] });
    const r = resolveName(world, nodeEndpoint(h), 'bing.com', { type: 'A', reach: openReach });
    expect(r.status).toBe('TIMEOUT');
    expect(r.exchanges.map((e) => e.server)).toEqual(['10.224.10.4', '10.224.10.5', '10.224.10.4', '10.224.10.5']);
    expect(r.elapsedMs).toBe(20_000);
    expect(r.steps.filter((s) => s.decision === 'no reply').map((s) => s.reason)).toEqual([
      'nothing in the sandbox answers DNS at 10.224.10.4',
      'nothing in the sandbox answers DNS at 10.224.10.5',
    ]);
  });
});

describe('other askers', () => {
  it('an Azure VM asks systemd-resolved on 127.0.0.53, which forwards to the VNet DNS', () => {
    const world = newWorld();
    const h = addCluster(world, { name: 'aks1' });
    const vm = addDnsServerVm(world, h.vnet, 'jumpbox', '10.224.20.4', {});
    delete vm.dnsServer;
    const from = { kind: 'machine' as const, id: 'jumpbox' };
    const r = resolveName(world, from, h.nodeNames[0]!, { type: 'A', reach: openReach });
    expect(r.answers[0]!.data).toBe('10.224.0.4');
    expect(r.server.ip).toBe('127.0.0.53');
    expect(r.steps.find((s) => s.at === 'systemd-resolved on vm jumpbox')!.decision).toBe('ask 168.63.129.16');
    // When the VM cannot reach 168.63.129.16, the stub never answers and the client times out.
    const blocked = recordingReach((_f, ip) => (ip === '168.63.129.16' ? { ok: false, hops: [], verdict: 'dropped' } : undefined));
    expect(resolveName(world, from, 'bing.com', { type: 'A', reach: blocked }).status).toBe('TIMEOUT');
  });

  it('a public IP DNS label resolves on the internet', () => {
    const world = newWorld();
    const pip = newPublicIp({ subscriptionId: world.state.subscription.id, resourceGroup: 'rg-lab', name: 'web-pip', location: 'eastus', ipAddress: '20.81.5.6' });
    pip.dnsSettings = { domainNameLabel: 'myweb', fqdn: 'myweb.eastus.cloudapp.azure.com' };
    world.putResource(pip);
    const r = resolveName(world, workstation, 'myweb.eastus.cloudapp.azure.com', { type: 'A', reach: openReach });
    expect(r.answers).toEqual([{ name: 'myweb.eastus.cloudapp.azure.com', type: 'A', ttl: 10, data: '20.81.5.6' }]);
    const missing = resolveName(world, workstation, 'other.eastus.cloudapp.azure.com', { type: 'A', reach: openReach });
    expect(missing.status).toBe('NXDOMAIN');
    expect(missing.authority[0]!.name).toBe('cloudapp.azure.com');
  });

  it('168.63.129.16 means nothing outside Azure', () => {
    const world = newWorld();
    const r = resolveName(world, workstation, 'bing.com', { type: 'A', reach: openReach, server: '168.63.129.16', client: 'bind' });
    expect(r.status).toBe('TIMEOUT');
    expect(r.exchanges).toHaveLength(3);
  });

  it('an unknown endpoint or an invalid name ends with a status, not an exception', () => {
    const world = newWorld();
    expect(resolveName(world, { kind: 'machine', id: 'nope' }, 'bing.com', { type: 'A', reach: openReach }).status).toBe('SERVFAIL');
    expect(resolveName(world, workstation, 'a..b', { type: 'A', reach: openReach }).status).toBe('NXDOMAIN');
  });
});
