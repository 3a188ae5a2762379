import { describe, expect, it } from 'vitest';
import { aksControllers, ROUTES_PER_TABLE_LIMIT } from '../../../sandbox/controllers/aks/index.ts';
import { settle } from '../../../sandbox/controllers/settle.ts';
import { newRoute } from '../../../sandbox/model/azure/factories.ts';
import type { RouteTable, VirtualNetwork } from '../../../sandbox/model/azure/types.ts';
import type { K8sEvent } from '../../../sandbox/model/k8s/types.ts';
import { create, newWorld, nodes, ofType, routeTables } from './helpers.ts';

function setup() {
  const world = newWorld();
  const cluster = create(world, { networkPlugin: 'kubenet' });
  const table = () => routeTables(world)[0]!;
  const edit = (change: (t: RouteTable) => RouteTable) => world.putResource(change(table()));
  const row = (t: RouteTable) => t.routes.map((r) => [r.name.slice(-6), r.addressPrefix, r.nextHopIpAddress]);
  return { world, cluster, table, edit, row };
}

describe('kubenet route controller (cloud-provider-azure)', () => {
  it('keeps a route whose next hop was edited: the stale route is never repaired', () => {
    const { world, cluster, table, edit, row } = setup();
    edit((t) => ({ ...t, routes: t.routes.map((r, i) => (i === 1 ? { ...r, nextHopIpAddress: '10.224.0.99' } : r)) }));
    expect(settle(world, aksControllers())).toEqual({ rounds: 1, settled: true });
    expect(row(table())[1]).toEqual(['000001', '10.244.1.0/24', '10.224.0.99']);
    // The node still looks healthy.
    expect(nodes(world, cluster)[1]!.status.conditions.find((c) => c.type === 'NetworkUnavailable')!.status).toBe('False');
  });

  it('recreates a deleted route with the node address', () => {
    const { world, table, edit, row } = setup();
    edit((t) => ({ ...t, routes: t.routes.filter((_, i) => i !== 0) }));
    settle(world, aksControllers());
    expect(row(table())).toEqual([
      ['000001', '10.244.1.0/24', '10.224.0.5'],
      ['000002', '10.244.2.0/24', '10.224.0.6'],
      ['000000', '10.244.0.0/24', '10.224.0.4'],
    ]);
  });

  it('rewrites a route whose prefix was edited (inside or outside the cluster CIDR)', () => {
    const { world, table, edit, row } = setup();
    edit((t) => ({
      ...t,
      routes: t.routes.map((r, i) =>
        i === 0 ? { ...r, addressPrefix: '10.244.9.0/24', nextHopIpAddress: '10.224.0.99' } : i === 1 ? { ...r, addressPrefix: '192.168.1.0/24', nextHopIpAddress: '10.224.0.98' } : r,
      ),
    }));
    settle(world, aksControllers());
    expect(row(table())).toEqual([
      ['000002', '10.244.2.0/24', '10.224.0.6'],
      ['000000', '10.244.0.0/24', '10.224.0.4'],
      ['000001', '10.244.1.0/24', '10.224.0.5'],
    ]);
  });

  it("leaves the learner's own routes outside the cluster CIDR alone, and deletes foreign ones inside it", () => {
    const { world, table, edit } = setup();
    edit((t) => ({
      ...t,
      routes: [
        ...t.routes,
        newRoute({ routeTableId: t.id, resourceGroup: t.resourceGroup, name: 'to-firewall', addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.1.0.4' }),
        newRoute({ routeTableId: t.id, resourceGroup: t.resourceGroup, name: 'old-node', addressPrefix: '10.244.7.0/24', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.224.0.9' }),
      ],
    }));
    settle(world, aksControllers());
    expect(table().routes.map((r) => r.name.slice(-11))).toEqual(['-vmss000000', '-vmss000001', '-vmss000002', 'to-firewall']);
  });

  it('recreates a deleted route table (unassociated) and fills it again', () => {
    const { world, table } = setup();
    const id = table().id;
    world.deleteResource(id);
    settle(world, aksControllers());
    expect(world.resource<RouteTable>(id)!.routes).toHaveLength(3);
    const [vnet] = ofType<VirtualNetwork>(world, 'Microsoft.Network/virtualNetworks');
    // AKS's subnet still points at it (the association lives on the subnet).
    expect(vnet!.subnets[0]!.routeTable!.id).toBe(id);
  });

  it('stops at 400 routes: the node gets NetworkUnavailable and a FailedToCreateRoute event', () => {
    const { world, cluster, table, edit } = setup();
    expect(ROUTES_PER_TABLE_LIMIT).toBe(400);
    // The learner's table is nearly full of its own (non-cluster) routes.
    edit((t) => ({
      ...t,
      routes: [
        ...t.routes.filter((r) => !r.name.endsWith('000002')),
        ...Array.from({ length: 398 }, (_, i) =>
          newRoute({ routeTableId: t.id, resourceGroup: t.resourceGroup, name: `onprem-${i}`, addressPrefix: `172.16.${i % 256}.${i < 256 ? 0 : 128}/25`, nextHopType: 'VirtualNetworkGateway' }),
        ),
      ],
    }));
    settle(world, aksControllers());
    expect(table().routes).toHaveLength(400);
    expect(table().routes.some((r) => r.name.endsWith('000002'))).toBe(false);
    const node = nodes(world, cluster)[2]!;
    expect(node.status.conditions.find((c) => c.type === 'NetworkUnavailable')).toMatchObject({
      status: 'True',
      reason: 'NoRouteCreated',
      message: 'RouteController failed to create a route',
    });
    const events = world.k8sList<K8sEvent>(cluster.id, 'Event').filter((e) => e.reason === 'FailedToCreateRoute');
    expect(events).toHaveLength(1);
    expect(events[0]!.message).toContain(`for node ${node.metadata.name} after 0s: Route table ${table().id} cannot have more than 400 routes.`);
    expect(settle(world, aksControllers()).rounds).toBe(1);
  });
});
