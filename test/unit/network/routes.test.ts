import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cidrContains, formatCidr, ipToInt, intToIp, parseCidr } from '../../../sandbox/core/ip.ts';
import type { PrivateEndpoint } from '../../../sandbox/model/azure/types.ts';
import { effectiveRoutes, lookupRoute, nicEffectiveRoutes } from '../../../sandbox/network/routes.ts';
import { RG, emptyWorld, id, peer, routeTable, subnetId, vnet } from './fixtures.ts';
import { ROUTE_TABLE, aksKubenet, nodeIp, nodeName } from './fixtures-aks.ts';

const rows = (world: ReturnType<typeof emptyWorld>, subnet: string) =>
  effectiveRoutes(world, subnet)!.value.map((r) => [r.source, r.state, r.addressPrefix.join(','), r.nextHopType, r.nextHopIpAddress.join(',')].join(' '));

describe('effective routes', () => {
  it('lists the system routes Azure prints today, then the kubenet UDRs', () => {
    const world = emptyWorld();
    const { subnetId: sn } = aksKubenet(world, { nodes: 2 });
    expect(rows(world, sn)).toEqual([
      'Default Active 10.224.0.0/12 VnetLocal ',
      'Default Active 0.0.0.0/0 Internet ',
      'Default Active 10.0.0.0/8 None ',
      'Default Active 100.64.0.0/10 None ',
      'Default Active 192.168.0.0/16 None ',
      'Default Active 25.33.80.0/20 None ',
      'Default Active 25.41.3.0/25 None ',
      'User Active 10.244.0.0/24 VirtualAppliance 10.224.0.4',
      'User Active 10.244.1.0/24 VirtualAppliance 10.224.0.5',
    ]);
  });

  it('has the az JSON shape for a UDR row', () => {
    const world = emptyWorld();
    const { nics } = aksKubenet(world, { nodes: 1 });
    const table = nicEffectiveRoutes(world, nics[0]!)!;
    expect(table.nextLink).toBeNull();
    expect(table.value.at(-1)).toEqual({
      addressPrefix: ['10.244.0.0/24'],
      destinationServiceTags: [],
      disableBgpRoutePropagation: false,
      hasBgpOverride: false,
      name: nodeName(0),
      nextHopIpAddress: ['10.224.0.4'],
      nextHopType: 'VirtualAppliance',
      source: 'User',
      state: 'Active',
      tagMap: {},
    });
  });

  it('picks the longest prefix: pod route, VNet, None, Internet', () => {
    const world = emptyWorld();
    const { subnetId: sn } = aksKubenet(world, { nodes: 3 });
    const pod = lookupRoute(world, sn, '10.244.1.7')!;
    expect([pod.prefix, pod.nextHopType, pod.nextHopIp, pod.route.name, pod.routeTableName]).toEqual(['10.244.1.0/24', 'VirtualAppliance', nodeIp(1), nodeName(1), ROUTE_TABLE]);
    expect(lookupRoute(world, sn, '10.224.0.5')!.nextHopType).toBe('VnetLocal');
    expect(lookupRoute(world, sn, '10.0.0.10')).toMatchObject({ prefix: '10.0.0.0/8', nextHopType: 'None' });
    expect(lookupRoute(world, sn, '10.244.9.1')).toMatchObject({ prefix: '10.0.0.0/8', nextHopType: 'None' });
    expect(lookupRoute(world, sn, '172.16.5.5')).toMatchObject({ prefix: '0.0.0.0/0', nextHopType: 'Internet' });
    const internet = lookupRoute(world, sn, '93.184.216.34')!;
    expect([internet.prefix, internet.nextHopType, internet.routeTableId]).toEqual(['0.0.0.0/0', 'Internet', undefined]);
  });

  it('a UDR with the same prefix as a system route makes that route Invalid and wins', () => {
    const world = emptyWorld();
    routeTable(world, 'egress', [
      { name: 'to-firewall', prefix: '0.0.0.0/0', type: 'VirtualAppliance', ip: '10.1.1.4' },
      { name: 'inspect-vnet', prefix: '10.1.0.0/16', type: 'VirtualAppliance', ip: '10.1.1.4' },
    ]);
    vnet(world, 'hub', ['10.1.0.0/16'], [{ name: 'workload', prefix: '10.1.0.0/24', routeTable: 'egress' }]);
    const sn = subnetId('hub', 'workload');
    expect(rows(world, sn)).toEqual([
      'Default Invalid 10.1.0.0/16 VnetLocal ',
      'Default Invalid 0.0.0.0/0 Internet ',
      'Default Active 10.0.0.0/8 None ',
      'Default Active 100.64.0.0/10 None ',
      'Default Active 192.168.0.0/16 None ',
      'Default Active 25.33.80.0/20 None ',
      'Default Active 25.41.3.0/25 None ',
      'User Active 0.0.0.0/0 VirtualAppliance 10.1.1.4',
      'User Active 10.1.0.0/16 VirtualAppliance 10.1.1.4',
    ]);
    expect(lookupRoute(world, sn, '8.8.8.8')).toMatchObject({ nextHopType: 'VirtualAppliance', nextHopIp: '10.1.1.4', routeTableId: id('Microsoft.Network/routeTables', 'egress') });
    expect(lookupRoute(world, sn, '10.1.0.9')).toMatchObject({ nextHopType: 'VirtualAppliance', prefix: '10.1.0.0/16' });
  });

  it('adds VNetPeering routes only for Connected peerings, and VNetGlobalPeering across regions', () => {
    const world = emptyWorld();
    const a = vnet(world, 'spoke-a', ['10.1.0.0/16'], [{ name: 's', prefix: '10.1.0.0/24' }]);
    const b = vnet(world, 'spoke-b', ['10.2.0.0/16'], [{ name: 's', prefix: '10.2.0.0/24' }]);
    const c = vnet(world, 'spoke-c', ['10.3.0.0/16'], [{ name: 's', prefix: '10.3.0.0/24' }], 'eastus');
    const d = vnet(world, 'spoke-d', ['10.4.0.0/16'], [{ name: 's', prefix: '10.4.0.0/24' }]);
    peer(world, a, b);
    peer(world, a, c);
    peer(world, a, d, 'Initiated');
    const sn = subnetId('spoke-a', 's');
    expect(rows(world, sn).slice(0, 4)).toEqual([
      'Default Active 10.1.0.0/16 VnetLocal ',
      'Default Active 10.2.0.0/16 VNetPeering ',
      'Default Active 10.3.0.0/16 VNetGlobalPeering ',
      'Default Active 0.0.0.0/0 Internet ',
    ]);
    expect(lookupRoute(world, sn, '10.2.0.4')!.nextHopType).toBe('VNetPeering');
    expect(lookupRoute(world, sn, '10.4.0.4')).toMatchObject({ nextHopType: 'None', prefix: '10.0.0.0/8' });
  });

  it('drops a reserved None route that a VNet address space equals or contains', () => {
    const world = emptyWorld();
    vnet(world, 'big', ['10.0.0.0/8', '100.0.0.0/8'], [{ name: 's', prefix: '10.0.0.0/24' }]);
    const prefixes = effectiveRoutes(world, subnetId('big', 's'))!.value.map((r) => `${r.addressPrefix[0]} ${r.nextHopType}`);
    expect(prefixes).toEqual(['10.0.0.0/8 VnetLocal', '100.0.0.0/8 VnetLocal', '0.0.0.0/0 Internet', '192.168.0.0/16 None', '25.33.80.0/20 None', '25.41.3.0/25 None']);
  });

  it('adds a /32 InterfaceEndpoint route for a private endpoint in the VNet or a peered one', () => {
    const world = emptyWorld();
    const a = vnet(world, 'app', ['10.1.0.0/16'], [{ name: 's', prefix: '10.1.0.0/24' }]);
    const b = vnet(world, 'hub', ['10.2.0.0/16'], [{ name: 'pe', prefix: '10.2.0.0/24' }]);
    peer(world, a, b);
    const pe: PrivateEndpoint = {
      id: id('Microsoft.Network/privateEndpoints', 'kv-pe'),
      name: 'kv-pe',
      type: 'Microsoft.Network/privateEndpoints',
      location: 'westeurope',
      resourceGroup: RG,
      tags: null,
      provisioningState: 'Succeeded',
      subnet: { id: subnetId('hub', 'pe') },
      networkInterfaces: [],
      privateLinkServiceConnections: [],
      customDnsConfigs: [],
      privateIPAddress: '10.2.0.5',
    };
    world.putResource(pe);
    expect(rows(world, subnetId('app', 's')).at(-1)).toBe('Default Active 10.2.0.5/32 InterfaceEndpoint ');
    expect(lookupRoute(world, subnetId('app', 's'), '10.2.0.5')).toMatchObject({ prefix: '10.2.0.5/32', nextHopType: 'InterfaceEndpoint' });
  });

  it('follows world changes (the cache is keyed by World.revision)', () => {
    const world = emptyWorld();
    routeTable(world, 'rt', []);
    vnet(world, 'v', ['10.1.0.0/16'], [{ name: 's', prefix: '10.1.0.0/24', routeTable: 'rt' }]);
    const sn = subnetId('v', 's');
    expect(lookupRoute(world, sn, '1.1.1.1')!.nextHopType).toBe('Internet');
    routeTable(world, 'rt', [{ name: 'blackhole', prefix: '0.0.0.0/0', type: 'None' }]);
    expect(lookupRoute(world, sn, '1.1.1.1')).toMatchObject({ nextHopType: 'None', route: { name: 'blackhole', source: 'User' } });
  });
});

describe('route lookup (property)', () => {
  const octet = fc.integer({ min: 0, max: 255 });
  const udr = fc.record({
    a: fc.constantFrom(10, 20, 172, 192),
    b: octet,
    c: octet,
    prefix: fc.integer({ min: 0, max: 32 }),
    type: fc.constantFrom('VirtualAppliance' as const, 'None' as const, 'Internet' as const),
  });

  it('equals a brute-force longest-prefix match over the effective table (UDR wins ties)', () => {
    fc.assert(
      fc.property(fc.array(udr, { maxLength: 12 }), fc.array(fc.tuple(fc.constantFrom(10, 20, 100, 172, 192, 25), octet, octet, octet), { minLength: 1, maxLength: 10 }), (udrs, targets) => {
        const world = emptyWorld();
        const seen = new Set<string>();
        const routes = udrs
          .map((u, i) => ({ name: `r${i}`, prefix: formatCidr(parseCidr(`${u.a}.${u.b}.${u.c}.0/${u.prefix}`)), type: u.type, ip: u.type === 'VirtualAppliance' ? '10.1.0.4' : undefined }))
          .filter((r) => (seen.has(r.prefix) ? false : (seen.add(r.prefix), true)));
        routeTable(world, 'rt', routes);
        vnet(world, 'v', ['10.1.0.0/16'], [{ name: 's', prefix: '10.1.0.0/24', routeTable: 'rt' }]);
        const sn = subnetId('v', 's');
        const table = effectiveRoutes(world, sn)!.value.filter((r) => r.state === 'Active');
        for (const [a, b, c, d] of targets) {
          const ip = intToIp(((a << 24) | (b << 16) | (c << 8) | d) >>> 0);
          let best: (typeof table)[number] | undefined;
          let bestLen = -1;
          for (const r of table) {
            const cidr = parseCidr(r.addressPrefix[0]!);
            if (!cidrContains(cidr, ipToInt(ip))) continue;
            if (cidr.prefix > bestLen || (cidr.prefix === bestLen && r.source === 'User')) {
              best = r;
              bestLen = cidr.prefix;
            }
          }
          expect(lookupRoute(world, sn, ip)?.route).toBe(best);
        }
      }),
      { numRuns: 150 },
    );
  });
});
