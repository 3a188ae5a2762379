// Small hand-built worlds for the Kubernetes controller tests: a ManagedCluster resource with a
// network profile, its Node objects (podCIDRs for kubenet/overlay), and for Azure CNI the VMSS
// and NICs whose secondary IP configurations pods draw from.
import { intToIp, ipToInt } from '../../../sandbox/core/ip.ts';
import type {
  ManagedCluster,
  NetworkInterface,
  NetworkProfile,
  NicIpConfiguration,
  VirtualMachineScaleSet,
} from '../../../sandbox/model/azure/types.ts';
import type { Deployment, K8sObject, Node, Pod, Service } from '../../../sandbox/model/k8s/types.ts';
import { createWorldState } from '../../../sandbox/model/new-world.ts';
import { World, type ControlPlane } from '../../../sandbox/model/world.ts';
import { newSubnet, newVirtualNetwork } from '../../../sandbox/model/azure/factories.ts';
import { settle } from '../../../sandbox/controllers/settle.ts';
import { k8sControllers } from '../../../sandbox/controllers/k8s/index.ts';

export const SUB = '00000000-1111-2222-3333-444444444444';
export const RG = 'rg1';
export const NODE_RG = 'MC_rg1_aks1_eastus';

export function emptyWorld(seed = 'k8s-test'): World {
  const state = createWorldState(seed);
  state.subscription.id = SUB;
  return new World(state);
}

export type Plugin = 'kubenet' | 'overlay' | 'azure' | 'none';

export interface ClusterOptions {
  name?: string;
  plugin?: Plugin;
  nodes?: number;
  maxPods?: number;
  dataplane?: 'azure' | 'cilium';
  networkPolicy?: NetworkProfile['networkPolicy'];
  serviceCidr?: string;
  dnsServiceIp?: string;
  podCidr?: string;
  controlPlane?: ControlPlane | null;
  /** Azure CNI only: give NICs no secondary IP configurations. */
  noSecondaryIps?: boolean;
}

export interface TestCluster {
  id: string;
  mc: ManagedCluster;
  nodeNames: string[];
  nodeIps: string[];
}

const nodeName = (i: number) => `aks-nodepool1-12345678-vmss${i.toString(36).padStart(6, '0')}`;

export function addCluster(world: World, o: ClusterOptions = {}): TestCluster {
  const name = o.name ?? 'aks1';
  const plugin = o.plugin ?? 'kubenet';
  const nodes = o.nodes ?? 3;
  const maxPods = o.maxPods ?? (plugin === 'azure' ? 30 : plugin === 'kubenet' ? 110 : 250);
  const podCidr = plugin === 'kubenet' || plugin === 'overlay' ? (o.podCidr ?? '10.244.0.0/16') : null;
  const id = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.ContainerService/managedClusters/${name}`;
  const vnetId = `/subscriptions/${SUB}/resourceGroups/${NODE_RG}/providers/Microsoft.Network/virtualNetworks/aks-vnet-12345678`;
  const subnetId = `${vnetId}/subnets/aks-subnet`;
  const vmssName = 'aks-nodepool1-12345678-vmss';
  const vmssId = `/subscriptions/${SUB}/resourceGroups/${NODE_RG}/providers/Microsoft.Compute/virtualMachineScaleSets/${vmssName}`;
  const mc: ManagedCluster = {
    id,
    name,
    type: 'Microsoft.ContainerService/ManagedClusters',
    location: 'eastus',
    resourceGroup: RG,
    tags: null,
    provisioningState: 'Succeeded',
    kubernetesVersion: '1.32',
    currentKubernetesVersion: '1.32.3',
    dnsPrefix: `${name}-rg1-000000`,
    fqdn: `${name}-rg1-000000-abcd1234.hcp.eastus.azmk8s.io`,
    fqdnSubdomain: null,
    privateFqdn: null,
    azurePortalFqdn: null,
    nodeResourceGroup: NODE_RG,
    agentPoolProfiles: [
      {
        name: 'nodepool1',
        count: nodes,
        vmSize: 'Standard_D2s_v3',
        maxPods,
        mode: 'System',
        osType: 'Linux',
        osSKU: 'Ubuntu',
        osDiskSizeGb: 128,
        type: 'VirtualMachineScaleSets',
        vnetSubnetId: null,
        podSubnetId: null,
        orchestratorVersion: '1.32',
        currentOrchestratorVersion: '1.32.3',
        nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202511.01.0',
        provisioningState: 'Succeeded',
        powerState: { code: 'Running' },
        nodeLabels: null,
        nodeTaints: null,
        enableAutoScaling: false,
        minCount: null,
        maxCount: null,
      },
    ],
    networkProfile: {
      networkPlugin: plugin === 'overlay' ? 'azure' : plugin,
      networkPluginMode: plugin === 'overlay' ? 'overlay' : null,
      networkPolicy: o.networkPolicy ?? null,
      networkDataplane: o.dataplane ?? 'azure',
      networkMode: null,
      podCidr,
      podCidrs: podCidr ? [podCidr] : null,
      serviceCidr: o.serviceCidr ?? '10.0.0.0/16',
      serviceCidrs: [o.serviceCidr ?? '10.0.0.0/16'],
      dnsServiceIp: o.dnsServiceIp ?? '10.0.0.10',
      outboundType: 'loadBalancer',
      loadBalancerSku: 'standard',
      loadBalancerProfile: null,
      natGatewayProfile: null,
      ipFamilies: ['IPv4'],
      kubeProxyConfig: null,
      advancedNetworking: null,
      staticEgressGatewayProfile: null,
    },
    apiServerAccessProfile: null,
    addonProfiles: null,
    powerState: { code: 'Running' },
    sku: { name: 'Base', tier: 'Free' },
    identity: null,
    enableRbac: true,
    maxAgentPools: 100,
    supportPlan: 'KubernetesOfficial',
  };
  world.putResource(mc);
  if (o.controlPlane !== null) {
    world.state.controlPlanes[id.toLowerCase()] = o.controlPlane ?? { publicIp: '20.10.3.4', privateIp: null, tunnel: 'konnectivity' };
  }

  // Node IPs: node-subnet Azure CNI reserves maxPods secondary IPs right after each node's own.
  const perNode = plugin === 'azure' ? maxPods + 1 : 1;
  const nodeIps = Array.from({ length: nodes }, (_, i) => intToIp(ipToInt('10.224.0.4') + i * perNode));
  const vnet = newVirtualNetwork({ subscriptionId: SUB, resourceGroup: NODE_RG, name: 'aks-vnet-12345678', location: 'eastus', addressPrefixes: ['10.224.0.0/12'] });
  vnet.subnets = [newSubnet({ vnetId: vnet.id, resourceGroup: NODE_RG, name: 'aks-subnet', addressPrefix: '10.224.0.0/16' })];

  world.putResource(vnet);
  const instances = nodeIps.map((ip, i) => {
    const nicId = `${vmssId}/virtualMachines/${i}/networkInterfaces/aks-nodepool1-12345678-vmss`;
    const ipconfig = (n: number, address: string): NicIpConfiguration => ({
      id: `${nicId}/ipConfigurations/ipconfig${n}`,
      name: `ipconfig${n}`,
      type: 'Microsoft.Network/networkInterfaces/ipConfigurations',
      resourceGroup: NODE_RG,
      primary: n === 1,
      privateIPAddress: address,
      privateIPAddressVersion: 'IPv4',
      privateIPAllocationMethod: 'Dynamic',
      subnet: { id: subnetId },
      provisioningState: 'Succeeded',
    });
    const secondaries = plugin === 'azure' && !o.noSecondaryIps ? maxPods : 0;
    const nic: NetworkInterface = {
      id: nicId,
      name: 'aks-nodepool1-12345678-vmss',
      type: 'Microsoft.Network/networkInterfaces',
      location: 'eastus',
      resourceGroup: NODE_RG,
      tags: null,
      provisioningState: 'Succeeded',
      ipConfigurations: [
        ipconfig(1, ip),
        ...Array.from({ length: secondaries }, (_, k) => ipconfig(k + 2, intToIp(ipToInt(ip) + k + 1))),
      ],
      enableIPForwarding: plugin !== 'azure',
      enableAcceleratedNetworking: false,
      macAddress: '00-0D-3A-00-00-0' + i,
      primary: true,
      dnsSettings: { dnsServers: [], appliedDnsServers: [], internalDomainNameSuffix: 'abc.bx.internal.cloudapp.net' },
    };
    world.putResource(nic);
    return { instanceId: String(i), name: `${vmssName}_${i}`, computerName: nodeName(i), networkInterface: nicId };
  });
  const vmss: VirtualMachineScaleSet = {
    id: vmssId,
    name: vmssName,
    type: 'Microsoft.Compute/virtualMachineScaleSets',
    location: 'eastus',
    resourceGroup: NODE_RG,
    tags: null,
    provisioningState: 'Succeeded',
    sku: { name: 'Standard_D2s_v3', tier: 'Standard', capacity: nodes },
    agentPool: 'nodepool1',
    instances,
    nextInstanceId: nodes,
  };
  world.putResource(vmss);

  const nodeNames = nodeIps.map((ip, i) => {
    const node = makeNode(nodeName(i), ip, {
      podCIDR: podCidr ? `10.244.${i}.0/24` : undefined,
      providerID: `azure://${vmssId}/virtualMachines/${i}`,
      maxPods,
    });
    world.k8sPut(id, node);
    return node.metadata.name;
  });
  return { id, mc, nodeNames, nodeIps };
}

export function makeNode(name: string, ip: string, o: { podCIDR?: string; providerID: string; maxPods: number }): Node {
  const ts = '2026-11-26T08:00:00Z';
  const spec: Node['spec'] = { providerID: o.providerID };
  if (o.podCIDR) {
    spec.podCIDR = o.podCIDR;
    spec.podCIDRs = [o.podCIDR];
  }
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      uid: '',
      resourceVersion: '',
      creationTimestamp: '',
      labels: {
        agentpool: 'nodepool1',
        'kubernetes.azure.com/mode': 'system',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/role': 'agent',
        'node.kubernetes.io/instance-type': 'Standard_D2s_v3',
        'topology.kubernetes.io/region': 'eastus',
        'topology.kubernetes.io/zone': '0',
      },
    },
    spec,
    status: {
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: name },
      ],
      capacity: { cpu: '2', memory: '8137564Ki', pods: String(o.maxPods) },
      allocatable: { cpu: '1900m', memory: '5419356Ki', pods: String(o.maxPods) },
      conditions: [
        { type: 'Ready', status: 'True', lastHeartbeatTime: ts, lastTransitionTime: ts, reason: 'KubeletReady', message: 'kubelet is posting ready status' },
      ],
      nodeInfo: { kubeletVersion: 'v1.32.3', containerRuntimeVersion: 'containerd://1.7.27-1', osImage: 'Ubuntu 22.04.5 LTS' },
    },
  };
}

export function run(world: World) {
  return settle(world, k8sControllers());
}

export function deployment(name: string, replicas: number, o: { image?: string; labels?: Record<string, string>; ports?: { name?: string; containerPort: number }[]; ns?: string } = {}): Deployment {
  const labels = o.labels ?? { app: name };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: o.ns ?? 'default', uid: '', resourceVersion: '', creationTimestamp: '', generation: 1, labels },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ name, image: o.image ?? 'nginx:1.27', ports: o.ports?.map((p) => ({ ...p, protocol: 'TCP' as const })) }] },
      },
    },
    status: {},
  };
}

export function service(name: string, spec: Partial<Service['spec']> & { selector?: Record<string, string> }, ns = 'default'): Service {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: ns, uid: '', resourceVersion: '', creationTimestamp: '' },
    spec: { type: 'ClusterIP', ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], ...spec },
    status: { loadBalancer: {} },
  };
}

/** Changes a stored object the way kubectl would: with a bumped generation when the spec changes. */
export function update<T extends K8sObject>(world: World, clusterId: string, kind: string, ns: string | undefined, name: string, change: (o: T) => void): void {
  const obj = JSON.parse(JSON.stringify(world.k8sGet<T>(clusterId, kind, ns, name))) as T;
  change(obj);
  obj.metadata.generation = (obj.metadata.generation ?? 1) + 1;
  world.k8sPut(clusterId, obj);
}

export function pods(world: World, clusterId: string, ns?: string): Pod[] {
  return world.k8sList<Pod>(clusterId, 'Pod', ns).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
}

export function podsOf(world: World, clusterId: string, prefix: string, ns = 'default'): Pod[] {
  return pods(world, clusterId, ns).filter((p) => p.metadata.name.startsWith(prefix));
}

export function events(world: World, clusterId: string, ns?: string) {
  return world.k8sList<import('../../../sandbox/model/k8s/types.ts').K8sEvent>(clusterId, 'Event', ns);
}
