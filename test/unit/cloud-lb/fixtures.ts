// Hand-built AKS worlds for the cloud load balancer tests: a 3-node kubenet cluster in eastus
// with what AKS provisioning leaves behind (node resource group, managed VNet with aks-subnet and
// the agent pool NSG on it, the `kubernetes` LB with its outbound frontend, rule and public IP,
// scale set NICs in both pools, Ready nodes, azure.json) and helpers for Services and endpoints.
import { settle, type SettleResult } from '../../../sandbox/controllers/settle.ts';
import { cloudLoadBalancerController } from '../../../sandbox/controllers/cloud-lb/index.ts';
import { createWorldState } from '../../../sandbox/model/new-world.ts';
import { World } from '../../../sandbox/model/world.ts';
import { armId, childId } from '../../../sandbox/model/azure/ids.ts';
import {
  newBackendPool,
  newFrontendIpConfig,
  newLoadBalancer,
  newNetworkInterface,
  newNetworkSecurityGroup,
  newNicIpConfig,
  newOutboundRule,
  newPublicIp,
  newResourceGroup,
  newSubnet,
  newVirtualMachineScaleSet,
  newVirtualNetwork,
} from '../../../sandbox/model/azure/factories.ts';
import type { ManagedCluster, PublicIPAddress } from '../../../sandbox/model/azure/types.ts';
import type { EndpointSlice, K8sEvent, Node, Service, ServicePort } from '../../../sandbox/model/k8s/types.ts';

export const LOCATION = 'eastus';
export const NODE_RG = 'MC_rg_aks_eastus';
export const NODES = ['aks-nodepool1-12345678-vmss000000', 'aks-nodepool1-12345678-vmss000001', 'aks-nodepool1-12345678-vmss000002'];
export const NODE_IPS = ['10.224.0.4', '10.224.0.5', '10.224.0.6'];
export const OUTBOUND_IP = '20.121.10.20';

export interface Fixture {
  world: World;
  sub: string;
  clusterId: string;
  lbId: string;
  internalLbId: string;
  nsgId: string;
  vnetId: string;
  subnetId: string;
  nicIds: string[];
}

function managedCluster(sub: string): ManagedCluster {
  const id = `/subscriptions/${sub}/resourcegroups/rg/providers/Microsoft.ContainerService/managedClusters/aks`;
  return {
    id,
    name: 'aks',
    type: 'Microsoft.ContainerService/ManagedClusters',
    location: LOCATION,
    resourceGroup: 'rg',
    tags: null,
    provisioningState: 'Succeeded',
    kubernetesVersion: '1.33',
    currentKubernetesVersion: '1.33.2',
    dnsPrefix: 'aks-rg-000000',
    fqdn: 'aks-rg-000000-abcd1234.hcp.eastus.azmk8s.io',
    fqdnSubdomain: null,
    privateFqdn: null,
    azurePortalFqdn: null,
    nodeResourceGroup: NODE_RG,
    agentPoolProfiles: [
      {
        name: 'nodepool1',
        count: 3,
        vmSize: 'Standard_DS2_v2',
        maxPods: 110,
        mode: 'System',
        osType: 'Linux',
        osSKU: 'Ubuntu',
        osDiskSizeGb: 128,
        type: 'VirtualMachineScaleSets',
        vnetSubnetId: null,
        podSubnetId: null,
        orchestratorVersion: '1.33',
        currentOrchestratorVersion: '1.33.2',
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
      networkPlugin: 'kubenet',
      networkPluginMode: null,
      networkPolicy: 'none',
      networkDataplane: 'azure',
      networkMode: null,
      podCidr: '10.244.0.0/16',
      podCidrs: ['10.244.0.0/16'],
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
}

function node(name: string, ip: string, index: number): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: '', resourceVersion: '', creationTimestamp: '', labels: { 'kubernetes.io/hostname': name, agentpool: 'nodepool1' } },
    spec: { podCIDR: `10.244.${index}.0/24`, podCIDRs: [`10.244.${index}.0/24`], providerID: `azure:///vmss/${index}` },
    status: {
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: name },
      ],
      capacity: {},
      allocatable: {},
      conditions: [
        { type: 'Ready', status: 'True', lastHeartbeatTime: '', lastTransitionTime: '', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
      ],
      nodeInfo: {},
    },
  };
}

/** A 3-node AKS cluster as AKS provisioning leaves it, before any LoadBalancer Service. */
export function threeNodeCluster(options: { withCloudConfig?: boolean } = {}): Fixture {
  const world = new World(createWorldState('cloud-lb-test'));
  const sub = world.state.subscription.id;
  const cluster = managedCluster(sub);
  world.putResourceGroup(newResourceGroup({ subscriptionId: sub, name: 'rg', location: LOCATION }));
  world.putResourceGroup(newResourceGroup({ subscriptionId: sub, name: NODE_RG, location: LOCATION, managedBy: cluster.id }));
  world.putResource(cluster);

  const nsg = newNetworkSecurityGroup({ subscriptionId: sub, resourceGroup: NODE_RG, name: 'aks-agentpool-12345678-nsg', location: LOCATION });
  world.putResource(nsg);
  const vnet = newVirtualNetwork({ subscriptionId: sub, resourceGroup: NODE_RG, name: 'aks-vnet-12345678', location: LOCATION, addressPrefixes: ['10.224.0.0/12'] });
  const subnet = newSubnet({ vnetId: vnet.id, resourceGroup: NODE_RG, name: 'aks-subnet', addressPrefix: '10.224.0.0/16', networkSecurityGroupId: nsg.id });
  vnet.subnets = [subnet];
  world.putResource(vnet);

  const lbId = armId(sub, NODE_RG, 'Microsoft.Network', 'loadBalancers', 'kubernetes');
  const outboundPip: PublicIPAddress = newPublicIp({
    subscriptionId: sub,
    resourceGroup: NODE_RG,
    name: '5d0c1c2e-0000-4000-8000-000000000001',
    location: LOCATION,
    ipAddress: OUTBOUND_IP,
    tags: { 'aks-managed-type': 'aks-slb-managed-outbound-ip' },
    zones: ['1', '2', '3'],
  });
  const outboundFrontendId = childId(lbId, 'frontendIPConfigurations', outboundPip.name);
  outboundPip.ipConfiguration = { id: outboundFrontendId };
  world.putResource(outboundPip);
  const inboundPool = childId(lbId, 'backendAddressPools', 'kubernetes');
  const outboundPool = childId(lbId, 'backendAddressPools', 'aksOutboundBackendPool');
  const outboundRuleId = childId(lbId, 'outboundRules', 'aksOutboundRule');

  const vmssId = armId(sub, NODE_RG, 'Microsoft.Compute', 'virtualMachineScaleSets', 'aks-nodepool1-12345678-vmss');
  const nicIds: string[] = [];
  const instances = NODES.map((name, i) => {
    const nicId = `${vmssId}/virtualMachines/${i}/networkInterfaces/aks-nodepool1-12345678-vmss`;
    nicIds.push(nicId);
    world.putResource(
      newNetworkInterface({
        id: nicId,
        name: 'aks-nodepool1-12345678-vmss',
        resourceGroup: NODE_RG,
        location: LOCATION,
        internalDomainNameSuffix: 'x.bx.internal.cloudapp.net',
        ipConfigurations: [
          newNicIpConfig({ nicId, resourceGroup: NODE_RG, name: 'ipconfig1', primary: true, privateIp: NODE_IPS[i]!, subnetId: subnet.id, backendPoolIds: [inboundPool, outboundPool] }),
        ],
      }),
    );
    return { instanceId: String(i), name: `aks-nodepool1-12345678-vmss_${i}`, computerName: name, networkInterface: nicId };
  });
  world.putResource(
    newVirtualMachineScaleSet({ id: vmssId, name: 'aks-nodepool1-12345678-vmss', resourceGroup: NODE_RG, location: LOCATION, vmSize: 'Standard_DS2_v2', agentPool: 'nodepool1', instances, nextInstanceId: 3 }),
  );
  const members = nicIds.map((id) => `${id}/ipConfigurations/ipconfig1`);
  const lb = newLoadBalancer({ subscriptionId: sub, resourceGroup: NODE_RG, name: 'kubernetes', location: LOCATION });
  lb.frontendIPConfigurations = [newFrontendIpConfig({ loadBalancerId: lbId, resourceGroup: NODE_RG, name: outboundPip.name, publicIpId: outboundPip.id, outboundRuleIds: [outboundRuleId] })];
  lb.backendAddressPools = [
    newBackendPool({ loadBalancerId: lbId, resourceGroup: NODE_RG, name: 'kubernetes', memberIpConfigIds: members }),
    newBackendPool({ loadBalancerId: lbId, resourceGroup: NODE_RG, name: 'aksOutboundBackendPool', memberIpConfigIds: members, outboundRuleIds: [outboundRuleId] }),
  ];
  lb.outboundRules = [
    newOutboundRule({ loadBalancerId: lbId, resourceGroup: NODE_RG, name: 'aksOutboundRule', frontendIds: [outboundFrontendId], backendPoolId: outboundPool, allocatedOutboundPorts: 0, idleTimeoutInMinutes: 30 }),
  ];
  world.putResource(lb);

  NODES.forEach((name, i) => world.k8sPut(cluster.id, node(name, NODE_IPS[i]!, i)));

  if (options.withCloudConfig !== false) {
    (world.state.cloudConfigs ??= {})[cluster.id.toLowerCase()] = {
      cloud: 'AzurePublicCloud',
      tenantId: world.state.subscription.tenantId,
      subscriptionId: sub,
      resourceGroup: NODE_RG,
      location: LOCATION,
      vmType: 'vmss',
      vnetName: vnet.name,
      vnetResourceGroup: NODE_RG,
      subnetName: 'aks-subnet',
      securityGroupName: nsg.name,
      securityGroupResourceGroup: NODE_RG,
      routeTableName: 'aks-agentpool-12345678-routetable',
      routeTableResourceGroup: NODE_RG,
      primaryScaleSetName: 'aks-nodepool1-12345678-vmss',
      loadBalancerSku: 'standard',
      loadBalancerName: 'kubernetes',
      excludeMasterFromStandardLB: true,
      disableOutboundSNAT: false,
      useManagedIdentityExtension: true,
      useInstanceMetadata: true,
      maximumLoadBalancerRuleCount: 250,
      clusterCidr: '10.244.0.0/16',
    };
  }
  return {
    world,
    sub,
    clusterId: cluster.id,
    lbId,
    internalLbId: armId(sub, NODE_RG, 'Microsoft.Network', 'loadBalancers', 'kubernetes-internal'),
    nsgId: nsg.id,
    vnetId: vnet.id,
    subnetId: subnet.id,
    nicIds,
  };
}

export interface ServiceOptions {
  uid: string;
  namespace?: string;
  ports?: Partial<ServicePort>[];
  externalTrafficPolicy?: 'Cluster' | 'Local';
  healthCheckNodePort?: number;
  annotations?: Record<string, string>;
  loadBalancerIP?: string;
  loadBalancerSourceRanges?: string[];
  sessionAffinity?: 'None' | 'ClientIP';
  clusterIP?: string;
  type?: Service['spec']['type'];
}

/** A Service as the API server stores it once node ports are allocated. */
export function addService(f: Fixture, name: string, o: ServiceOptions): Service {
  const ports = (o.ports ?? [{}]).map((p, i) => ({
    name: p.name ?? (o.ports && o.ports.length > 1 ? `p${i}` : undefined),
    protocol: p.protocol ?? 'TCP',
    port: p.port ?? 80,
    targetPort: p.targetPort ?? 8080,
    nodePort: p.nodePort ?? 31000 + i,
    ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
  })) as ServicePort[];
  for (const p of ports) if (p.name === undefined) delete p.name;
  const svc: Service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: o.namespace ?? 'default', uid: o.uid, resourceVersion: '', creationTimestamp: '', annotations: o.annotations },
    spec: {
      type: o.type ?? 'LoadBalancer',
      selector: { app: name },
      ports,
      clusterIP: o.clusterIP ?? '10.0.184.17',
      clusterIPs: [o.clusterIP ?? '10.0.184.17'],
      externalTrafficPolicy: o.externalTrafficPolicy ?? 'Cluster',
      ...(o.healthCheckNodePort ? { healthCheckNodePort: o.healthCheckNodePort } : {}),
      ...(o.loadBalancerIP ? { loadBalancerIP: o.loadBalancerIP } : {}),
      ...(o.loadBalancerSourceRanges ? { loadBalancerSourceRanges: o.loadBalancerSourceRanges } : {}),
      sessionAffinity: o.sessionAffinity ?? 'None',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
    },
    status: { loadBalancer: {} },
  };
  if (!o.annotations) delete svc.metadata.annotations;
  return f.world.k8sPut(f.clusterId, svc);
}

/** The Service's EndpointSlice with one ready pod per entry (node index → pod IP). */
export function setEndpoints(f: Fixture, svcName: string, pods: { node: number; ip: string; ready?: boolean }[], namespace = 'default'): void {
  const slice: EndpointSlice = {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: `${svcName}-abcde`, namespace, uid: '', resourceVersion: '', creationTimestamp: '', labels: { 'kubernetes.io/service-name': svcName } },
    addressType: 'IPv4',
    endpoints: pods.map((p, i) => ({
      addresses: [p.ip],
      conditions: { ready: p.ready ?? true, serving: p.ready ?? true, terminating: false },
      nodeName: NODES[p.node],
      targetRef: { kind: 'Pod' as const, name: `${svcName}-pod-${i}`, namespace, uid: `pod-uid-${i}` },
    })),
    ports: [{ name: '', port: 8080, protocol: 'TCP' }],
  };
  f.world.k8sPut(f.clusterId, slice);
}

export function settleLb(f: Fixture): SettleResult {
  return settle(f.world, [cloudLoadBalancerController]);
}

export function getService(f: Fixture, name: string, namespace = 'default'): Service | undefined {
  return f.world.k8sGet<Service>(f.clusterId, 'Service', namespace, name);
}

/** Events about a Service as `reason: message (count)`, oldest first. */
export function eventsOf(f: Fixture, name: string, namespace = 'default'): string[] {
  return f.world
    .k8sList<K8sEvent>(f.clusterId, 'Event', namespace)
    .filter((e) => e.involvedObject.name === name && e.involvedObject.kind === 'Service')
    .map((e) => `${e.type} ${e.reason}: ${e.message}${e.count > 1 ? ` (x${e.count})` : ''}`);
}
