// Clusters for the trace tests, built the way the sandbox builds them: createManagedCluster,
// then every controller settles (AKS provisioning, Kubernetes, cloud load balancer, node health),
// plus helpers for the workloads, Services, policies and Azure changes the scenarios need.
import { aksControllers, createManagedCluster, type AksCreateRequest } from '../../../sandbox/controllers/aks/index.ts';
import { cloudLoadBalancerController } from '../../../sandbox/controllers/cloud-lb/index.ts';
import { k8sControllers } from '../../../sandbox/controllers/k8s/index.ts';
import { nodeHealthController } from '../../../sandbox/controllers/node-health/index.ts';
import { settle } from '../../../sandbox/controllers/settle.ts';
import { isAzureError } from '../../../sandbox/model/azure/errors.ts';
import { newResourceGroup } from '../../../sandbox/model/azure/factories.ts';
import type { ManagedCluster, NetworkSecurityGroup, RouteTable, SecurityRule, VirtualNetwork } from '../../../sandbox/model/azure/types.ts';
import type { Deployment, NetworkPolicy, Node, Pod, Service } from '../../../sandbox/model/k8s/types.ts';
import { createWorldState } from '../../../sandbox/model/new-world.ts';
import { World } from '../../../sandbox/model/world.ts';
import type { Endpoint, Flow, Protocol } from '../../../sandbox/network/flow.ts';
import { trace, type TraceResult } from '../../../sandbox/network/trace/index.ts';

export const RG = 'rg1';

export function controllers() {
  return [...aksControllers(), ...k8sControllers(), cloudLoadBalancerController, nodeHealthController];
}

export function settleAll(world: World): void {
  const r = settle(world, controllers());
  if (!r.settled) throw new Error('the world did not settle');
}

export interface Lab {
  world: World;
  mc: ManagedCluster;
  id: string;
  nodes: Node[];
}

export function lab(request: Partial<AksCreateRequest> = {}, seed = 'trace-lab'): Lab {
  const world = new World(createWorldState(seed));
  world.putResourceGroup(newResourceGroup({ subscriptionId: world.state.subscription.id, name: RG, location: 'eastus' }));
  const mc = createManagedCluster(world, { resourceGroup: RG, name: 'aks1', nodeCount: 3, ...request });
  if (isAzureError(mc)) throw new Error(`${mc.code}: ${mc.message}`);
  settleAll(world);
  return { world, mc: world.resource<ManagedCluster>(mc.id)!, id: mc.id, nodes: nodesOf(world, mc.id) };
}

export function nodesOf(world: World, id: string): Node[] {
  return world.k8sList<Node>(id, 'Node').sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
}

export function nodeIp(node: Node): string {
  return node.status.addresses.find((a) => a.type === 'InternalIP')!.address;
}

function meta(name: string, namespace = 'default', labels?: Record<string, string>) {
  return { name, namespace, labels, uid: '', resourceVersion: '', creationTimestamp: '' };
}

/** A bare pod pinned to a node (what `kubectl run --overrides` with nodeName gives). */
export function pod(world: World, id: string, name: string, nodeName: string, o: { image?: string; labels?: Record<string, string>; ports?: number[]; ns?: string } = {}): void {
  world.k8sPut<Pod>(id, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta(name, o.ns, o.labels ?? { run: name }),
    spec: {
      nodeName,
      containers: [{ name, image: o.image ?? 'nginx:1.27', ...(o.ports ? { ports: o.ports.map((p) => ({ containerPort: p, protocol: 'TCP' as const })) } : {}) }],
    },
    status: { phase: 'Pending' },
  });
}

export function deployment(world: World, id: string, name: string, replicas: number, image = 'nginx:1.27'): void {
  const labels = { app: name };
  world.k8sPut<Deployment>(id, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { ...meta(name, 'default', labels), generation: 1 },
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name, image }] } } },
    status: {},
  });
}

export function service(world: World, id: string, name: string, spec: Partial<Service['spec']> = {}): Service {
  return world.k8sPut<Service>(id, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(name),
    spec: { type: 'ClusterIP', selector: { app: name }, ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], ...spec },
    status: { loadBalancer: {} },
  });
}

export function policy(world: World, id: string, name: string, spec: NetworkPolicy['spec'], ns = 'default'): void {
  world.k8sPut<NetworkPolicy>(id, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta(name, ns), spec });
}

export function getPod(world: World, id: string, name: string, ns = 'default'): Pod {
  return world.k8sGet<Pod>(id, 'Pod', ns, name)!;
}

export function podsOf(world: World, id: string, prefix: string, ns = 'default'): Pod[] {
  return world
    .k8sList<Pod>(id, 'Pod', ns)
    .filter((p) => p.metadata.name.startsWith(prefix))
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
}

export function svc(world: World, id: string, name: string): Service {
  return world.k8sGet<Service>(id, 'Service', 'default', name)!;
}

export const fromPod = (id: string, name: string, namespace = 'default'): Endpoint => ({ kind: 'pod', clusterId: id, namespace, name });
export const fromNode = (id: string, name: string): Endpoint => ({ kind: 'node', clusterId: id, name });
export const workstation: Endpoint = { kind: 'machine', id: 'workstation' };
export const internet: Endpoint = { kind: 'machine', id: 'internet' };

export function flow(from: Endpoint, to: string, port?: number, protocol: Protocol = 'tcp'): Flow {
  const isIp = /^\d+\.\d+\.\d+\.\d+$/.test(to);
  return { from, to: isIp ? { ip: to, ...(port !== undefined ? { port } : {}) } : { host: to, ...(port !== undefined ? { port } : {}) }, protocol };
}

export function run(world: World, from: Endpoint, to: string, port?: number, protocol: Protocol = 'tcp'): TraceResult {
  return trace(world, flow(from, to, port, protocol));
}

export function actions(t: TraceResult): string[] {
  return t.hops.map((h) => `${h.action}:${h.decision}`);
}

// ---- Azure changes ----

export function agentNsg(world: World, mc: ManagedCluster): NetworkSecurityGroup {
  return world.resourcesOfType<NetworkSecurityGroup>('Microsoft.Network/networkSecurityGroups').find((n) => n.resourceGroup.toLowerCase() === mc.nodeResourceGroup.toLowerCase())!;
}

export function addNsgRule(world: World, nsg: NetworkSecurityGroup, r: Partial<SecurityRule> & Pick<SecurityRule, 'name' | 'priority' | 'direction' | 'access'>): void {
  const rule: SecurityRule = {
    id: `${nsg.id}/securityRules/${r.name}`,
    type: 'Microsoft.Network/networkSecurityGroups/securityRules',
    resourceGroup: nsg.resourceGroup,
    protocol: '*',
    sourceAddressPrefix: '*',
    sourceAddressPrefixes: [],
    destinationAddressPrefix: '*',
    destinationAddressPrefixes: [],
    sourcePortRange: '*',
    sourcePortRanges: [],
    destinationPortRange: '*',
    destinationPortRanges: [],
    provisioningState: 'Succeeded',
    ...r,
  } as SecurityRule;
  const fresh = world.resource<NetworkSecurityGroup>(nsg.id)!;
  world.putResource({ ...fresh, securityRules: [...fresh.securityRules, rule] });
}

export function clusterVnet(world: World, mc: ManagedCluster): VirtualNetwork {
  return world.resourcesOfType<VirtualNetwork>('Microsoft.Network/virtualNetworks').find((v) => v.resourceGroup.toLowerCase() === mc.nodeResourceGroup.toLowerCase())!;
}

export function routeTable(world: World, mc: ManagedCluster): RouteTable | undefined {
  return world.resourcesOfType<RouteTable>('Microsoft.Network/routeTables').find((v) => v.resourceGroup.toLowerCase() === mc.nodeResourceGroup.toLowerCase());
}
