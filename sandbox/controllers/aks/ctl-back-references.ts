// The read-only back-references Azure's network provider keeps on its own, whoever made the
// change: a subnet lists every ip configuration in it (what blocks deleting a non-empty
// subnet), an NSG lists the subnets and NICs it is attached to, a route table its subnets, and
// a cluster load balancer's backend pools list the NIC ip configurations that joined them
// (with backendPoolType nodeIPConfiguration, membership is declared on the NIC side).
// Lists keep discovery order (the store's insertion order, i.e. creation order).
import type {
  AzureFirewall,
  BackendAddressPool,
  LoadBalancer,
  NetworkInterface,
  NetworkSecurityGroup,
  Ref,
  RouteTable,
  VirtualNetwork,
} from '../../model/azure/types.ts';
import type { World } from '../../model/world.ts';
import type { Controller } from '../types.ts';
import { clusterContext } from './context.ts';
import { managedClusters } from './operations.ts';

function push(map: Map<string, Ref[]>, key: string, id: string): void {
  const list = map.get(key.toLowerCase());
  if (list) list.push({ id });
  else map.set(key.toLowerCase(), [{ id }]);
}

/** An absent list and an empty one are the same (a fresh resource prints no back-references). */
function sameRefs(a: Ref[] | undefined, b: Ref[]): boolean {
  if (!a) return b.length === 0;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.id !== b[i]!.id) return false;
  return true;
}

interface Usage {
  ipConfigsBySubnet: Map<string, Ref[]>;
  nicsByNsg: Map<string, Ref[]>;
  membersByPool: Map<string, Ref[]>;
  vnets: VirtualNetwork[];
  nsgs: NetworkSecurityGroup[];
  routeTables: RouteTable[];
}

function collect(world: World): Usage {
  const usage: Usage = { ipConfigsBySubnet: new Map(), nicsByNsg: new Map(), membersByPool: new Map(), vnets: [], nsgs: [], routeTables: [] };
  for (const r of Object.values(world.state.resources)) {
    switch (r.type.toLowerCase()) {
      case 'microsoft.network/networkinterfaces': {
        const nic = r as NetworkInterface;
        if (nic.networkSecurityGroup) push(usage.nicsByNsg, nic.networkSecurityGroup.id, nic.id);
        for (const config of nic.ipConfigurations) {
          push(usage.ipConfigsBySubnet, config.subnet.id, config.id);
          for (const pool of config.loadBalancerBackendAddressPools ?? []) push(usage.membersByPool, pool.id, config.id);
        }
        break;
      }
      case 'microsoft.network/loadbalancers':
        for (const frontend of (r as LoadBalancer).frontendIPConfigurations) {
          if (frontend.subnet) push(usage.ipConfigsBySubnet, frontend.subnet.id, frontend.id);
        }
        break;
      case 'microsoft.network/azurefirewalls':
        for (const config of (r as AzureFirewall).ipConfigurations) push(usage.ipConfigsBySubnet, config.subnet.id, config.id);
        break;
      case 'microsoft.network/virtualnetworks':
        usage.vnets.push(r as VirtualNetwork);
        break;
      case 'microsoft.network/networksecuritygroups':
        usage.nsgs.push(r as NetworkSecurityGroup);
        break;
      case 'microsoft.network/routetables':
        usage.routeTables.push(r as RouteTable);
        break;
    }
  }
  return usage;
}

function reconcileSubnets(world: World, usage: Usage, subnetsByNsg: Map<string, Ref[]>, subnetsByTable: Map<string, Ref[]>): void {
  for (const vnet of usage.vnets) {
    let changed = false;
    const subnets = vnet.subnets.map((subnet) => {
      if (subnet.networkSecurityGroup) push(subnetsByNsg, subnet.networkSecurityGroup.id, subnet.id);
      if (subnet.routeTable) push(subnetsByTable, subnet.routeTable.id, subnet.id);
      const refs = usage.ipConfigsBySubnet.get(subnet.id.toLowerCase()) ?? [];
      if (sameRefs(subnet.ipConfigurations, refs)) return subnet;
      changed = true;
      return { ...subnet, ipConfigurations: refs };
    });
    if (changed) world.putResource({ ...vnet, subnets });
  }
}

function reconcileAttachments(world: World, usage: Usage, subnetsByNsg: Map<string, Ref[]>, subnetsByTable: Map<string, Ref[]>): void {
  for (const nsg of usage.nsgs) {
    const subnets = subnetsByNsg.get(nsg.id.toLowerCase()) ?? [];
    const nics = usage.nicsByNsg.get(nsg.id.toLowerCase()) ?? [];
    if (!sameRefs(nsg.subnets, subnets) || !sameRefs(nsg.networkInterfaces, nics)) {
      world.putResource({ ...nsg, subnets, networkInterfaces: nics });
    }
  }
  for (const table of usage.routeTables) {
    const subnets = subnetsByTable.get(table.id.toLowerCase()) ?? [];
    if (!sameRefs(table.subnets, subnets)) world.putResource({ ...table, subnets });
  }
}

// Only the pools of AKS clusters' `kubernetes` load balancers: elsewhere a learner may manage
// members on the load balancer side, which this bookkeeping must not overwrite.
function reconcilePools(world: World, usage: Usage): void {
  for (const cluster of managedClusters(world)) {
    const lb = world.resource<LoadBalancer>(clusterContext(world, cluster).loadBalancerId);
    if (!lb) continue;
    let changed = false;
    const pools: BackendAddressPool[] = lb.backendAddressPools.map((pool) => {
      const members = usage.membersByPool.get(pool.id.toLowerCase()) ?? [];
      if (sameRefs(pool.backendIPConfigurations, members)) return pool;
      changed = true;
      return { ...pool, backendIPConfigurations: members };
    });
    if (changed) world.putResource({ ...lb, backendAddressPools: pools });
  }
}

export const backReferencesController: Controller = {
  name: 'azure-back-references',
  reconcile(world: World): void {
    const usage = collect(world);
    const subnetsByNsg = new Map<string, Ref[]>();
    const subnetsByTable = new Map<string, Ref[]>();
    reconcileSubnets(world, usage, subnetsByNsg, subnetsByTable);
    reconcileAttachments(world, usage, subnetsByNsg, subnetsByTable);
    reconcilePools(world, usage);
  },
};
