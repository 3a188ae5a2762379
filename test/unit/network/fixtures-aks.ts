// What AKS lays out for a kubenet cluster in its node resource group, built by hand: one VNet
// and subnet with the agent-pool NSG and route table, one VMSS NIC per node (IP forwarding on,
// one pod-CIDR route each), and the `kubernetes` Standard LB with its outbound rule.
import type { World } from '../../../sandbox/model/world.ts';
import type { LoadBalancer, NetworkInterface } from '../../../sandbox/model/azure/types.ts';
import { RG, id, nic, nsg, publicIp, routeTable, subnetId, vmss, vnet, type RuleSpec } from './fixtures.ts';

export const VNET = 'aks-vnet-12345678';
export const SUBNET = 'aks-subnet';
export const NSG = 'aks-agentpool-12345678-nsg';
export const ROUTE_TABLE = 'aks-agentpool-12345678-routetable';
export const VMSS = 'aks-nodepool1-12345678-vmss';
export const LB_ID = id('Microsoft.Network/loadBalancers', 'kubernetes');
export const OUTBOUND_POOL = `${LB_ID}/backendAddressPools/aksOutboundBackendPool`;
export const INBOUND_POOL = `${LB_ID}/backendAddressPools/kubernetes`;
export const OUTBOUND_IP = '20.50.0.10';
export const SERVICE_IP = '20.50.0.20';
export const SERVICE_RULE = 'a1b2c3d4e5f60718293a4b5c6d7e8f90-TCP-80';
export const NODE_PORT = 31852;

export function nodeName(i: number): string {
  return `${VMSS}${i.toString(36).padStart(6, '0')}`;
}
export function nodeIp(i: number): string {
  return `10.224.${Math.floor((i + 4) / 256)}.${(i + 4) % 256}`;
}
export function podCidr(i: number): string {
  return `10.244.${i}.0/24`;
}

export interface AksOptions {
  nodes?: number;
  nsgRules?: RuleSpec[];
  forwarding?: boolean;
  /** Per-node pod routes (kubenet); false for overlay / Azure CNI. */
  podRoutes?: boolean;
  service?: { floatingIp?: boolean; probe?: boolean };
  allocatedOutboundPorts?: number;
}

export interface AksFixture {
  nics: NetworkInterface[];
  subnetId: string;
  lb: LoadBalancer;
}

export function aksKubenet(world: World, options: AksOptions = {}): AksFixture {
  const count = options.nodes ?? 3;
  const sn = subnetId(VNET, SUBNET);
  nsg(world, NSG, options.nsgRules ?? []);
  const routes = options.podRoutes === false ? [] : Array.from({ length: count }, (_, i) => ({ name: nodeName(i), prefix: podCidr(i), type: 'VirtualAppliance' as const, ip: nodeIp(i) }));
  routeTable(world, ROUTE_TABLE, routes);
  vnet(world, VNET, ['10.224.0.0/12'], [{ name: SUBNET, prefix: '10.224.0.0/16', nsg: NSG, routeTable: ROUTE_TABLE }]);
  const nics = Array.from({ length: count }, (_, i) =>
    nic(world, { name: `${VMSS}-nic-${i}`, subnet: sn, ip: nodeIp(i), forwarding: options.forwarding ?? true, pools: [OUTBOUND_POOL, INBOUND_POOL] }),
  );
  vmss(world, VMSS, nics);
  publicIp(world, 'outbound-ip', OUTBOUND_IP);
  publicIp(world, 'kubernetes-a1b2c3d4e5f60718293a4b5c6d7e8f90', SERVICE_IP);
  const lb = loadBalancer(world, nics, options);
  return { nics, subnetId: sn, lb };
}

function loadBalancer(world: World, nics: NetworkInterface[], options: AksOptions): LoadBalancer {
  const members = nics.map((n) => ({ id: n.ipConfigurations[0]!.id }));
  const outboundFrontend = `${LB_ID}/frontendIPConfigurations/outbound-frontend`;
  const serviceFrontend = `${LB_ID}/frontendIPConfigurations/a1b2c3d4e5f60718293a4b5c6d7e8f90`;
  const probeId = `${LB_ID}/probes/${SERVICE_RULE}`;
  const common = { resourceGroup: RG, provisioningState: 'Succeeded' };
  const lb: LoadBalancer = {
    id: LB_ID,
    name: 'kubernetes',
    type: 'Microsoft.Network/loadBalancers',
    location: 'westeurope',
    resourceGroup: RG,
    tags: null,
    provisioningState: 'Succeeded',
    sku: { name: 'Standard', tier: 'Regional' },
    frontendIPConfigurations: [
      { ...common, id: outboundFrontend, name: 'outbound-frontend', type: 'Microsoft.Network/loadBalancers/frontendIPConfigurations', publicIPAddress: { id: id('Microsoft.Network/publicIPAddresses', 'outbound-ip') } },
      ...(options.service
        ? [{ ...common, id: serviceFrontend, name: 'a1b2c3d4e5f60718293a4b5c6d7e8f90', type: 'Microsoft.Network/loadBalancers/frontendIPConfigurations' as const, publicIPAddress: { id: id('Microsoft.Network/publicIPAddresses', 'kubernetes-a1b2c3d4e5f60718293a4b5c6d7e8f90') } }]
        : []),
    ],
    backendAddressPools: [
      { ...common, id: OUTBOUND_POOL, name: 'aksOutboundBackendPool', type: 'Microsoft.Network/loadBalancers/backendAddressPools', backendIPConfigurations: members },
      { ...common, id: INBOUND_POOL, name: 'kubernetes', type: 'Microsoft.Network/loadBalancers/backendAddressPools', backendIPConfigurations: members },
    ],
    loadBalancingRules: options.service
      ? [
          {
            ...common,
            id: `${LB_ID}/loadBalancingRules/${SERVICE_RULE}`,
            name: SERVICE_RULE,
            type: 'Microsoft.Network/loadBalancers/loadBalancingRules',
            frontendIPConfiguration: { id: serviceFrontend },
            backendAddressPool: { id: INBOUND_POOL },
            backendAddressPools: [{ id: INBOUND_POOL }],
            probe: options.service.probe === false ? null : { id: probeId },
            protocol: 'Tcp',
            frontendPort: 80,
            backendPort: 80,
            enableFloatingIP: options.service.floatingIp ?? true,
            enableTcpReset: true,
            idleTimeoutInMinutes: 4,
            loadDistribution: 'Default',
            disableOutboundSnat: true,
          },
        ]
      : [],
    probes: options.service
      ? [{ ...common, id: probeId, name: SERVICE_RULE, type: 'Microsoft.Network/loadBalancers/probes', protocol: 'Tcp', port: NODE_PORT, intervalInSeconds: 5, numberOfProbes: 2 }]
      : [],
    outboundRules: [
      {
        ...common,
        id: `${LB_ID}/outboundRules/aksOutboundRule`,
        name: 'aksOutboundRule',
        type: 'Microsoft.Network/loadBalancers/outboundRules',
        frontendIPConfigurations: [{ id: outboundFrontend }],
        backendAddressPool: { id: OUTBOUND_POOL },
        protocol: 'All',
        allocatedOutboundPorts: options.allocatedOutboundPorts ?? 0,
        idleTimeoutInMinutes: 30,
        enableTcpReset: true,
      },
    ],
    inboundNatRules: [],
    inboundNatPools: [],
    resourceGuid: '44444444-4444-4444-8444-444444444444',
  };
  world.putResource(lb);
  return lb;
}
