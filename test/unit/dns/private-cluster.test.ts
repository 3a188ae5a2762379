import { describe, expect, it } from 'vitest';
import { formatNslookup, nslookupLookups, resolveName } from '../../../sandbox/network/dns/index.ts';
import { addCluster, addDnsServerVm, newWorld, nodeEndpoint, openReach, podEndpoint, workstation } from './fixtures.ts';

describe('private clusters', () => {
  it('system private zone: the private FQDN resolves from a node in the linked VNet, not from the workstation', () => {
    const world = newWorld();
    const h = addCluster(world, { name: 'aks1', private: 'system', vnetPrefix: '10.225' });
    const fromNode = resolveName(world, nodeEndpoint(h), h.privateFqdn!, { type: 'A', reach: openReach });
    expect(fromNode.status).toBe('NOERROR');
    expect(fromNode.answers).toEqual([{ name: h.privateFqdn, type: 'A', ttl: 300, data: '10.225.0.100' }]);
    expect(fromNode.steps.find((s) => s.at === '168.63.129.16 (Azure DNS)')!.reason).toContain(`is linked to VNet ${h.vnet.name}`);

    const fromLaptop = resolveName(world, workstation, h.privateFqdn!, { type: 'A', reach: openReach });
    expect(fromLaptop.status).toBe('NXDOMAIN');
    expect(fromLaptop.server.ip).toBe('192.168.1.1');
    const text = formatNslookup(nslookupLookups(world, workstation, h.privateFqdn!, { reach: openReach })).stdout;
    expect(text).toBe(`Server:\t\t192.168.1.1\nAddress:\t192.168.1.1#53\n\n** server can't find ${h.privateFqdn}: NXDOMAIN\n\n`);
  });

  it('a pod in the private cluster resolves the private FQDN through CoreDNS → node DNS → the linked zone', () => {
    const world = newWorld();
    const h = addCluster(world, { name: 'aks1', private: 'system', vnetPrefix: '10.225' });
    const r = resolveName(world, podEndpoint(h, 'client'), h.privateFqdn!, { type: 'A', reach: openReach });
    expect(r.answers.map((a) => a.data)).toEqual(['10.225.0.100']);
  });

  it('the public FQDN of a private cluster resolves publicly to the private IP', () => {
    const world = newWorld();
    const h = addCluster(world, { name: 'aks1', private: 'system', vnetPrefix: '10.225' });
    const r = resolveName(world, workstation, h.fqdn, { type: 'A', reach: openReach });
    expect(r.answers).toEqual([{ name: h.fqdn, type: 'A', ttl: 30, data: '10.225.0.100' }]);
  });

  it('private DNS zone "none": no private zone, the public FQDN answers the private IP everywhere', () => {
    const world = newWorld();
    const h = addCluster(world, { name: 'aks1', private: 'none', vnetPrefix: '10.226' });
    expect(h.privateFqdn).toBeNull();
    expect(world.resourcesOfType('Microsoft.Network/privateDnsZones')).toEqual([]);
    for (const from of [workstation, nodeEndpoint(h), podEndpoint(h, 'client')]) {
      expect(resolveName(world, from, `${h.fqdn}.`, { type: 'A', reach: openReach }).answers.map((a) => a.data)).toEqual(['10.226.0.100']);
    }
  });

  it('a public cluster FQDN resolves to the API server public IP', () => {
    const world = newWorld();
    const h = addCluster(world, { name: 'aks1' });
    expect(resolveName(world, workstation, h.fqdn, { type: 'A', reach: openReach }).answers[0]!.data).toBe('20.62.1.10');
  });

  it('a VNet without a link to the zone gets NXDOMAIN for the private FQDN', () => {
    const world = newWorld();
    const priv = addCluster(world, { name: 'aks1', private: 'system', vnetPrefix: '10.225' });
    const other = addCluster(world, { name: 'aks2', resourceGroup: 'rg-other', vnetPrefix: '10.230' });
    const r = resolveName(world, nodeEndpoint(other), priv.privateFqdn!, { type: 'A', reach: openReach });
    expect(r.status).toBe('NXDOMAIN');
    expect(r.steps.find((s) => s.at === '168.63.129.16 (Azure DNS)')!.reason).toBe(`${priv.privateFqdn} lives in a private DNS zone: public DNS has no such name`);
  });
});

describe('custom VNet DNS servers', () => {
  it('without a conditional forwarder the custom server sees only public DNS: privatelink names fail', () => {
    const world = newWorld();
    const h = addCluster(world, { name: 'aks1', private: 'system', vnetPrefix: '10.225', dnsServers: ['10.225.10.4'] });
    addDnsServerVm(world, h.vnet, 'dns1', '10.225.10.4', {});
    const r = resolveName(world, nodeEndpoint(h), h.privateFqdn!, { type: 'A', reach: openReach });
    expect(r.status).toBe('NXDOMAIN');
    expect(r.server.ip).toBe('10.225.10.4');
    expect(r.steps.find((s) => s.at === 'dns1 (DNS server)')!.reason).toBe('no conditional forwarder matches and it has no forwarders: it can only see public DNS');
    // Public names still work.
    expect(resolveName(world, nodeEndpoint(h), 'mcr.microsoft.com', { type: 'A', reach: openReach }).status).toBe('NOERROR');
  });

  it('with a conditional forwarder to 168.63.129.16 the server asks Azure DNS in its own VNet, which is linked', () => {
    const world = newWorld();
    const h = addCluster(world, { name: 'aks1', private: 'system', vnetPrefix: '10.225', dnsServers: ['10.225.10.4'] });
    addDnsServerVm(world, h.vnet, 'dns1', '10.225.10.4', { conditionalForwarders: [{ zone: 'privatelink.eastus.azmk8s.io', servers: ['168.63.129.16'] }] });
    const fromNode = resolveName(world, nodeEndpoint(h), h.privateFqdn!, { type: 'A', reach: openReach });
    expect(fromNode.answers.map((a) => a.data)).toEqual(['10.225.0.100']);
    expect(fromNode.steps.find((s) => s.at === 'dns1 (DNS server)')!.reason).toBe('conditional forwarder for privatelink.eastus.azmk8s.io');
    const fromPod = resolveName(world, podEndpoint(h, 'client'), h.privateFqdn!, { type: 'A', reach: openReach });
    expect(fromPod.answers.map((a) => a.data)).toEqual(['10.225.0.100']);
  });

  it('a DNS server in a hub VNet that is not linked to the zone forwards in vain', () => {
    const world = newWorld();
    const hub = addCluster(world, { name: 'hub', resourceGroup: 'rg-hub', vnetPrefix: '10.100' });
    const h = addCluster(world, { name: 'aks1', private: 'system', vnetPrefix: '10.225', dnsServers: ['10.100.10.4'] });
    addDnsServerVm(world, hub.vnet, 'dns-hub', '10.100.10.4', { conditionalForwarders: [{ zone: 'privatelink.eastus.azmk8s.io', servers: ['168.63.129.16'] }] });
    const r = resolveName(world, nodeEndpoint(h), h.privateFqdn!, { type: 'A', reach: openReach });
    expect(r.status).toBe('NXDOMAIN');
    expect(r.steps.find((s) => s.at === '168.63.129.16 (Azure DNS)')!.action).toBe(`answer ${h.privateFqdn} A for VNet ${hub.vnet.name}`);
  });

  it('an on-premises server cannot forward to 168.63.129.16: the forward gets nowhere and it answers SERVFAIL', () => {
    const world = newWorld();
    world.state.machines.onprem = {
      id: 'onprem',
      kind: 'onprem',
      hostname: 'dc01',
      publicIp: '81.220.10.10',
      privateIp: '192.168.50.10',
      dnsServers: [],
      dnsServer: { forwarders: ['168.63.129.16'], records: [{ name: 'intranet.contoso.local', ip: '192.168.50.20' }] },
    };
    world.touch();
    const r = resolveName(world, workstation, 'www.bing.com', { type: 'A', reach: openReach, server: '192.168.50.10' });
    expect(r.status).toBe('SERVFAIL');
    // The server gives up on its forwarder after 3 s; glibc asks it again in its second round.
    expect(r.exchanges.map((e) => `${e.outcome} ${e.rcode} ${e.ms}`)).toEqual(['answered SERVFAIL 3000', 'answered SERVFAIL 3000']);
    expect(r.elapsedMs).toBe(6000);
    const own = resolveName(world, workstation, 'intranet.contoso.local', { type: 'A', reach: openReach, server: '192.168.50.10' });
    expect(own.answers).toEqual([{ name: 'intranet.contoso.local', type: 'A', ttl: 3600, data: '192.168.50.20' }]);
    expect(own.authoritative).toBe(true);
  });
});
