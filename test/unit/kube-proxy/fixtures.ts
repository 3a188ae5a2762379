// Hand-built worlds for the kube-proxy tests: a ManagedCluster with its network profile and
// managed VNet, Nodes with InternalIPs and pod ranges, Services and EndpointSlices, written
// directly into the World store (no controllers needed).
import { DEFAULT_EPOCH_MS } from '../../../sandbox/core/clock.ts';
import type { ManagedCluster, NetworkProfile, VirtualNetwork } from '../../../sandbox/model/azure/types.ts';
import type { ConfigMap, EndpointSlice, Node, Service, ServicePort } from '../../../sandbox/model/k8s/types.ts';
import { World } from '../../../sandbox/model/world.ts';
import { newSubnet, newVirtualNetwork } from '../../../sandbox/model/azure/factories.ts';

export const SUB = '00000000-0000-0000-0000-000000000001';
export const CLUSTER_ID = `/subscriptions/${SUB}/resourceGroups/rg-lab/providers/Microsoft.ContainerService/managedClusters/aks-lab`;
export const NODE_RG = 'MC_rg-lab_aks-lab_eastus';

export type Plugin = 'kubenet' | 'azure' | 'overlay' | 'cilium';

export function nodeName(i: number): string {
  return `aks-nodepool1-12345678-vmss${i.toString(36).padStart(6, '0')}`;
}

/** Node i: 10.224.0.(4+i) in aks-subnet, pod range 10.244.i.0/24 (kubenet/overlay). */
export function nodeIp(i: number): string {
  const n = 4 + i;
  return `10.224.${Math.floor(n / 256)}.${n % 256}`;
}

function networkProfile(plugin: Plugin): NetworkProfile {
  const podRange = plugin === 'kubenet' || plugin === 'overlay' || plugin === 'cilium';
  return {
    networkPlugin: plugin === 'kubenet' ? 'kubenet' : 'azure',
    networkPluginMode: plugin === 'overlay' || plugin === 'cilium' ? 'overlay' : null,
    networkPolicy: plugin === 'cilium' ? 'cilium' : null,
    networkDataplane: plugin === 'cilium' ? 'cilium' : 'azure',
    networkMode: null,
    podCidr: podRange ? '10.244.0.0/16' : null,
    podCidrs: podRange ? ['10.244.0.0/16'] : null,
    serviceCidr: '10.0.0.0/16',
    serviceCidrs: ['10.0.0.0/16'],
    dnsServiceIp: '10.0.0.10',
    outboundType: 'loadBalancer',
    loadBalancerSku: 'standard',
    loadBalancerProfile: null,
    natGatewayProfile: null,
    ipFamilies: ['IPv4'],
    kubeProxyConfig: null,
    advancedNetworking: null,
    staticEgressGatewayProfile: null,
  };
}

function managedCluster(plugin: Plugin, nodes: number): ManagedCluster {
  return {
    id: CLUSTER_ID,
    name: 'aks-lab',
    type: 'Microsoft.ContainerService/ManagedClusters',
    location: 'eastus',
    resourceGroup: 'rg-lab',
    tags: null,
    provisioningState: 'Succeeded',
    kubernetesVersion: '1.31.2',
    currentKubernetesVersion: '1.31.2',
    dnsPrefix: 'aks-lab-rg-lab-000000',
    fqdn: 'aks-lab-rg-lab-000000-abcd1234.hcp.eastus.azmk8s.io',
    fqdnSubdomain: null,
    privateFqdn: null,
    azurePortalFqdn: null,
    nodeResourceGroup: NODE_RG,
    agentPoolProfiles: [
      {
        name: 'nodepool1',
        count: nodes,
        vmSize: 'Standard_DS2_v2',
        maxPods: plugin === 'kubenet' ? 110 : plugin === 'azure' ? 30 : 250,
        mode: 'System',
        osType: 'Linux',
        osSKU: 'Ubuntu',
        osDiskSizeGb: 128,
        type: 'VirtualMachineScaleSets',
        vnetSubnetId: null,
        podSubnetId: null,
        orchestratorVersion: '1.31.2',
        currentOrchestratorVersion: '1.31.2',
        nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202411.12.0',
        provisioningState: 'Succeeded',
        powerState: { code: 'Running' },
        nodeLabels: null,
        nodeTaints: null,
        enableAutoScaling: false,
        minCount: null,
        maxCount: null,
      },
    ],
    networkProfile: networkProfile(plugin),
    apiServerAccessProfile: null,
    addonProfiles: null,
    powerState: { code: 'Running' },
    sku: { name: 'Base', tier: 'Free' },
    identity: null,
    enableRbac: true,
    maxAgentPools: 100,
    supportPlan: 'KubernetesOfficial',
  };
}

function managedVnet(): VirtualNetwork {
  const vnet = newVirtualNetwork({ subscriptionId: SUB, resourceGroup: NODE_RG, name: 'aks-vnet-12345678', location: 'eastus', addressPrefixes: ['10.224.0.0/12'] });
  vnet.subnets = [newSubnet({ vnetId: vnet.id, resourceGroup: NODE_RG, name: 'aks-subnet', addressPrefix: '10.224.0.0/16' })];
  return vnet;
}

const meta = (name: string, namespace?: string) => ({
  name,
  ...(namespace ? { namespace } : {}),
  uid: '',
  resourceVersion: '',
  creationTimestamp: '',
});

function node(i: number, plugin: Plugin): Node {
  const podRange = plugin !== 'azure';
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { ...meta(nodeName(i)), labels: { 'kubernetes.io/hostname': nodeName(i) } },
    spec: {
      ...(podRange ? { podCIDR: `10.244.${i}.0/24`, podCIDRs: [`10.244.${i}.0/24`] } : {}),
      providerID: `azure:///subscriptions/${SUB}/resourceGroups/${NODE_RG.toLowerCase()}/providers/Microsoft.Compute/virtualMachineScaleSets/aks-nodepool1-12345678-vmss/virtualMachines/${i}`,
    },
    status: {
      addresses: [
        { type: 'InternalIP', address: nodeIp(i) },
        { type: 'Hostname', address: nodeName(i) },
      ],
      capacity: {},
      allocatable: {},
      conditions: [],
      nodeInfo: {},
    },
  };
}

export function makeWorld(plugin: Plugin = 'kubenet', nodes = 3): World {
  const world = new World({
    version: 1,
    seed: 'kube-proxy-test',
    clockMs: DEFAULT_EPOCH_MS,
    subscription: { id: SUB, name: 'Lab', tenantId: SUB, user: 'learner@contoso.com' },
    defaultLocation: 'eastus',
    resourceGroups: {},
    resources: {},
    clusters: {},
    controlPlanes: {},
    machines: {},
    counters: {},
    conditions: {},
  });
  world.putResource(managedCluster(plugin, nodes));
  world.putResource(managedVnet());
  for (let i = 0; i < nodes; i++) world.k8sPut(CLUSTER_ID, node(i, plugin));
  return world;
}

export interface ServiceInput {
  namespace?: string;
  name: string;
  type?: Service['spec']['type'];
  clusterIP: string;
  ports: { name?: string; port: number; protocol?: 'TCP' | 'UDP'; nodePort?: number; targetPort?: number }[];
  externalTrafficPolicy?: 'Cluster' | 'Local';
  internalTrafficPolicy?: 'Cluster' | 'Local';
  healthCheckNodePort?: number;
  loadBalancerIP?: string;
  loadBalancerSourceRanges?: string[];
  sessionAffinity?: 'ClientIP';
}

export function addService(world: World, s: ServiceInput): Service {
  const ports: ServicePort[] = s.ports.map((p) => ({
    ...(p.name ? { name: p.name } : {}),
    protocol: p.protocol ?? 'TCP',
    port: p.port,
    targetPort: p.targetPort ?? p.port,
    ...(p.nodePort ? { nodePort: p.nodePort } : {}),
  }));
  const svc: Service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(s.name, s.namespace ?? 'default'),
    spec: {
      type: s.type ?? 'ClusterIP',
      ports,
      clusterIP: s.clusterIP,
      clusterIPs: [s.clusterIP],
      ...(s.externalTrafficPolicy ? { externalTrafficPolicy: s.externalTrafficPolicy } : {}),
      ...(s.internalTrafficPolicy ? { internalTrafficPolicy: s.internalTrafficPolicy } : {}),
      ...(s.healthCheckNodePort ? { healthCheckNodePort: s.healthCheckNodePort } : {}),
      ...(s.loadBalancerSourceRanges ? { loadBalancerSourceRanges: s.loadBalancerSourceRanges } : {}),
      ...(s.sessionAffinity ? { sessionAffinity: s.sessionAffinity } : {}),
    },
    status: { loadBalancer: s.loadBalancerIP ? { ingress: [{ ip: s.loadBalancerIP, ipMode: 'VIP' }] } : {} },
  };
  return world.k8sPut(CLUSTER_ID, svc);
}

export interface EndpointInput {
  ip: string;
  /** Index of the node hosting it. */
  node: number;
  pod?: string;
  ready?: boolean;
}

export function addSlice(
  world: World,
  service: { namespace?: string; name: string },
  ports: { name?: string; port: number; protocol?: 'TCP' | 'UDP' }[],
  endpoints: EndpointInput[],
  sliceSuffix = 'abcde',
): EndpointSlice {
  const namespace = service.namespace ?? 'default';
  const slice: EndpointSlice = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { ...meta(`${service.name}-${sliceSuffix}`, namespace), labels: { 'kubernetes.io/service-name': service.name } },
    addressType: 'IPv4',
    endpoints: endpoints.map((e) => {
      const ready = e.ready ?? true;
      return {
        addresses: [e.ip],
        conditions: { ready, serving: ready, terminating: false },
        nodeName: nodeName(e.node),
        ...(e.pod ? { targetRef: { kind: 'Pod' as const, name: e.pod, namespace, uid: '' } } : {}),
      };
    }),
    ports: ports.map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol ?? 'TCP' })),
  };
  return world.k8sPut(CLUSTER_ID, slice);
}

export function addConfigMap(world: World, name: string, data: Record<string, string>): void {
  const cm: ConfigMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(name, 'kube-system'), data };
  world.k8sPut(CLUSTER_ID, cm);
}

/**
 * The golden cluster: kube-dns (two CoreDNS pods on nodes 0 and 1), default/web (ClusterIP, two
 * endpoints on nodes 1 and 2) and default/shop (LoadBalancer, externalTrafficPolicy Local, one
 * endpoint on node 0).
 */
export function smallCluster(plugin: Plugin = 'kubenet'): World {
  const world = makeWorld(plugin, 3);
  const ip = (node: number, host: number) => (plugin === 'azure' ? `10.224.0.${40 + node * 30 + host}` : `10.244.${node}.${host}`);
  addService(world, {
    namespace: 'kube-system',
    name: 'kube-dns',
    clusterIP: '10.0.0.10',
    ports: [
      { name: 'dns', port: 53, protocol: 'UDP' },
      { name: 'dns-tcp', port: 53, protocol: 'TCP' },
    ],
  });
  addSlice(
    world,
    { namespace: 'kube-system', name: 'kube-dns' },
    [
      { name: 'dns', port: 53, protocol: 'UDP' },
      { name: 'dns-tcp', port: 53, protocol: 'TCP' },
    ],
    [
      { ip: ip(0, 3), node: 0, pod: 'coredns-789789675-5xqvz' },
      { ip: ip(1, 4), node: 1, pod: 'coredns-789789675-k2w8n' },
    ],
  );
  addService(world, { name: 'web', clusterIP: '10.0.184.17', ports: [{ port: 80, targetPort: 8080 }] });
  addSlice(world, { name: 'web' }, [{ port: 8080 }], [
    { ip: ip(1, 5), node: 1, pod: 'web-5d9c8b7f6-abcde' },
    { ip: ip(2, 7), node: 2, pod: 'web-5d9c8b7f6-fghij' },
  ]);
  addService(world, {
    name: 'shop',
    type: 'LoadBalancer',
    clusterIP: '10.0.92.31',
    ports: [{ port: 80, nodePort: 31852, targetPort: 8080 }],
    externalTrafficPolicy: 'Local',
    healthCheckNodePort: 32561,
    loadBalancerIP: '20.10.3.4',
  });
  addSlice(world, { name: 'shop' }, [{ port: 8080 }], [{ ip: ip(0, 9), node: 0, pod: 'shop-7f8d9c6b5-qrstu' }]);
  return world;
}
