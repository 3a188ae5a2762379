// Hand-built worlds for the DNS engine tests: an AKS cluster with two nodes, two CoreDNS pods,
// a few Services and pods, plus the Azure resources DNS depends on (VNet, scale set NICs,
// private DNS zones, custom DNS server machines). Built directly, not through the controllers,
// so DNS can be tested alone.
import {
  internalDomainNameSuffixFor,
  newARecordSet,
  newNetworkInterface,
  newNicIpConfig,
  newPrivateDnsZone,
  newPrivateDnsZoneVnetLink,
  newSubnet,
  newVirtualMachineScaleSet,
  newVirtualNetwork,
  withZoneCounts,
} from '../../../sandbox/model/azure/factories.ts';
import { armId } from '../../../sandbox/model/azure/ids.ts';
import type { ManagedCluster, PrivateDnsZone, VirtualNetwork } from '../../../sandbox/model/azure/types.ts';
import type { K8sObject, Pod, Service } from '../../../sandbox/model/k8s/types.ts';
import { createWorldState } from '../../../sandbox/model/new-world.ts';
import { World, type ClientMachine, type DnsServerConfig } from '../../../sandbox/model/world.ts';
import type { Endpoint, ReachFn, ReachResult } from '../../../sandbox/network/dns/types.ts';

export const LOCATION = 'eastus';

export interface ClusterSpec {
  name: string;
  resourceGroup?: string;
  /** First two octets of the VNet (10.224 → 10.224.0.0/16 node subnet). */
  vnetPrefix?: string;
  dnsServers?: string[];
  /** 'system': private cluster with an AKS-made private zone; 'none': public FQDN → private IP. */
  private?: 'system' | 'none';
  nodes?: number;
  /** Replicas of the headless StatefulSet-like `db` Service. */
  dbReplicas?: number;
  corednsCustom?: Record<string, string>;
}

export interface ClusterHandle {
  clusterId: string;
  vnet: VirtualNetwork;
  nodeNames: string[];
  fqdn: string;
  privateFqdn: string | null;
  apiPrivateIp: string | null;
  apiPublicIp: string | null;
  zone?: PrivateDnsZone;
}

export function newWorld(seed = 'dns-tests'): World {
  return new World(createWorldState(seed));
}

function meta(name: string, namespace?: string, labels?: Record<string, string>) {
  return { name, namespace, labels, uid: '', resourceVersion: '', creationTimestamp: '' };
}

export function putPod(world: World, clusterId: string, ns: string, name: string, node: string, ip: string, labels: Record<string, string> = {}, spec: Record<string, unknown> = {}): Pod {
  return world.k8sPut<Pod>(clusterId, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta(name, ns, labels),
    spec: { containers: [{ name: 'c', image: 'busybox' }], nodeName: node, ...spec },
    status: { phase: 'Running', podIP: ip, podIPs: [{ ip }] },
  });
}

export function putService(world: World, clusterId: string, ns: string, name: string, spec: Partial<Service['spec']>): Service {
  return world.k8sPut<Service>(clusterId, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta(name, ns),
    spec: { type: 'ClusterIP', ports: [], ...spec } as Service['spec'],
    status: { loadBalancer: {} },
  });
}

export function putEndpoints(world: World, clusterId: string, ns: string, name: string, addresses: { ip: string; pod: string; node: string; hostname?: string }[], ports: { name?: string; port: number; protocol: 'TCP' | 'UDP' }[]): void {
  world.k8sPut(clusterId, {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: meta(name, ns),
    subsets: [
      {
        addresses: addresses.map((a) => ({
          ip: a.ip,
          nodeName: a.node,
          ...(a.hostname ? { hostname: a.hostname } : {}),
          targetRef: { kind: 'Pod' as const, name: a.pod, namespace: ns, uid: '' },
        })),
        ports,
      },
    ],
  } as K8sObject);
}

export function addCluster(world: World, spec: ClusterSpec): ClusterHandle {
  const sub = world.state.subscription.id;
  const rg = spec.resourceGroup ?? 'rg-lab';
  const nodeRg = `MC_${rg}_${spec.name}_${LOCATION}`;
  const prefix = spec.vnetPrefix ?? '10.224';
  const vnetId = armId(sub, nodeRg, 'Microsoft.Network', 'virtualNetworks', `aks-vnet-${spec.name}`);
  const subnet = newSubnet({ vnetId, resourceGroup: nodeRg, name: 'aks-subnet', addressPrefix: `${prefix}.0.0/16` });
  const vnet = newVirtualNetwork({ subscriptionId: sub, resourceGroup: nodeRg, name: `aks-vnet-${spec.name}`, location: LOCATION, addressPrefixes: [`${prefix}.0.0/12`], subnets: [subnet], dnsServers: spec.dnsServers });
  world.putResource(vnet);

  const nodeCount = spec.nodes ?? 2;
  const vmssName = `aks-nodepool1-12345678-vmss`;
  const vmssId = armId(sub, nodeRg, 'Microsoft.Compute', 'virtualMachineScaleSets', vmssName);
  const nodeNames: string[] = [];
  const instances = [];
  const clusterId = armId(sub, rg, 'Microsoft.ContainerService', 'managedClusters', spec.name);
  for (let i = 0; i < nodeCount; i++) {
    const nodeName = `${vmssName}${i.toString(36).padStart(6, '0')}`;
    nodeNames.push(nodeName);
    const nicId = `${vmssId}/virtualMachines/${i}/networkInterfaces/${vmssName}`;
    const ip = `${prefix}.0.${4 + i}`;
    world.putResource(
      newNetworkInterface({
        id: nicId,
        name: vmssName,
        resourceGroup: nodeRg,
        location: LOCATION,
        ipConfigurations: [newNicIpConfig({ nicId, resourceGroup: nodeRg, name: 'ipconfig1', primary: true, privateIp: ip, subnetId: subnet.id })],
        internalDomainNameSuffix: internalDomainNameSuffixFor(vnetId),
      }),
    );
    instances.push({ instanceId: String(i), name: `${vmssName}_${i}`, computerName: nodeName, networkInterface: nicId });
    world.k8sPut(clusterId, {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: meta(nodeName, undefined, { agentpool: 'nodepool1', 'kubernetes.azure.com/agentpool': 'nodepool1' }),
      spec: { podCIDR: `10.244.${i}.0/24`, providerID: `azure://${vmssId}/virtualMachines/${i}` },
      status: { addresses: [{ type: 'InternalIP', address: ip }, { type: 'Hostname', address: nodeName }], capacity: {}, allocatable: {}, conditions: [], nodeInfo: {} },
    } as K8sObject);
  }
  world.putResource(newVirtualMachineScaleSet({ id: vmssId, name: vmssName, resourceGroup: nodeRg, location: LOCATION, vmSize: 'Standard_DS2_v2', agentPool: 'nodepool1', instances, nextInstanceId: nodeCount }));

  const dnsPrefix = `${spec.name}-${rg}-abc123`.replace(/[^a-z0-9-]/gi, '').toLowerCase();
  const fqdnName = `${dnsPrefix}-1a2b3c4d.hcp.${LOCATION}.azmk8s.io`;
  const apiPublicIp = spec.private ? null : '20.62.1.10';
  const apiPrivateIp = spec.private ? `${prefix}.0.100` : null;
  let privateFqdn: string | null = null;
  let zone: PrivateDnsZone | undefined;
  if (spec.private === 'system') {
    const zoneName = `0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0.privatelink.${LOCATION}.azmk8s.io`;
    privateFqdn = `${dnsPrefix}-5e6f7a8b.${zoneName}`;
    const zoneId = armId(sub, nodeRg, 'Microsoft.Network', 'privateDnsZones', zoneName);
    zone = newPrivateDnsZone({ subscriptionId: sub, resourceGroup: nodeRg, name: zoneName });
    zone.aRecordSets = [newARecordSet({ zoneId, zoneName, resourceGroup: nodeRg, name: `${dnsPrefix}-5e6f7a8b`, ttl: 300, ips: [apiPrivateIp!] })];
    zone.virtualNetworkLinks = [newPrivateDnsZoneVnetLink({ zoneId, resourceGroup: nodeRg, name: `${spec.name}-link`, vnetId })];
    zone = withZoneCounts(zone);
    world.putResource(zone);
  }
  const mc = {
    id: clusterId,
    name: spec.name,
    type: 'Microsoft.ContainerService/ManagedClusters',
    location: LOCATION,
    resourceGroup: rg,
    tags: null,
    provisioningState: 'Succeeded',
    dnsPrefix,
    fqdn: fqdnName,
    privateFqdn,
    nodeResourceGroup: nodeRg,
    agentPoolProfiles: [{ name: 'nodepool1', count: nodeCount, vnetSubnetId: null }],
    networkProfile: { networkPlugin: 'kubenet', dnsServiceIp: '10.0.0.10', serviceCidr: '10.0.0.0/16', podCidr: '10.244.0.0/16' },
    apiServerAccessProfile: spec.private
      ? { enablePrivateCluster: true, enablePrivateClusterPublicFqdn: true, privateDnsZone: spec.private, authorizedIpRanges: null, disableRunCommand: null, enableVnetIntegration: null, subnetId: null }
      : null,
  } as unknown as ManagedCluster;
  world.putResource(mc);
  world.state.controlPlanes[clusterId.toLowerCase()] = { publicIp: apiPublicIp, privateIp: apiPrivateIp, tunnel: 'konnectivity' };
  world.touch();

  // Kubernetes objects: namespaces, CoreDNS on both nodes, a client, web and db workloads.
  for (const ns of ['default', 'kube-system']) world.k8sPut(clusterId, { apiVersion: 'v1', kind: 'Namespace', metadata: meta(ns) } as K8sObject);
  const dnsLabels = { 'k8s-app': 'kube-dns' };
  const corednsPods = nodeNames.map((n, i) => putPod(world, clusterId, 'kube-system', `coredns-789789675-${'abcde'[i] ?? 'z'}${i}x9q`, n, `10.244.${i}.10`, dnsLabels, { dnsPolicy: 'Default' }));
  putService(world, clusterId, 'kube-system', 'kube-dns', {
    clusterIP: '10.0.0.10',
    clusterIPs: ['10.0.0.10'],
    selector: dnsLabels,
    ports: [
      { name: 'dns', protocol: 'UDP', port: 53, targetPort: 53 },
      { name: 'dns-tcp', protocol: 'TCP', port: 53, targetPort: 53 },
    ],
  });
  putEndpoints(
    world,
    clusterId,
    'kube-system',
    'kube-dns',
    corednsPods.map((p) => ({ ip: p.status.podIP!, pod: p.metadata.name, node: p.spec.nodeName! })),
    [
      { name: 'dns', port: 53, protocol: 'UDP' },
      { name: 'dns-tcp', port: 53, protocol: 'TCP' },
    ],
  );
  putService(world, clusterId, 'default', 'kubernetes', { clusterIP: '10.0.0.1', clusterIPs: ['10.0.0.1'], ports: [{ name: 'https', protocol: 'TCP', port: 443, targetPort: 443 }] });
  putPod(world, clusterId, 'default', 'client', nodeNames[0]!, '10.244.0.20');
  putPod(world, clusterId, 'default', 'client-far', nodeNames[nodeNames.length - 1]!, `10.244.${nodeNames.length - 1}.30`);
  const web = [putPod(world, clusterId, 'default', 'web-6c9f8d7b5d-4xk2p', nodeNames[0]!, '10.244.0.21', { app: 'web' })];
  putService(world, clusterId, 'default', 'web', { clusterIP: '10.0.12.34', clusterIPs: ['10.0.12.34'], selector: { app: 'web' }, ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 8080 }] });
  putEndpoints(world, clusterId, 'default', 'web', web.map((p) => ({ ip: p.status.podIP!, pod: p.metadata.name, node: p.spec.nodeName! })), [{ name: 'http', port: 8080, protocol: 'TCP' }]);
  const db = Array.from({ length: spec.dbReplicas ?? 2 }, (_, i) =>
    putPod(world, clusterId, 'default', `db-${i}`, nodeNames[i % nodeNames.length]!, `10.244.${i % nodeNames.length}.${40 + i}`, { app: 'db' }, { hostname: `db-${i}`, subdomain: 'db' }),
  );
  putService(world, clusterId, 'default', 'db', { clusterIP: 'None', clusterIPs: ['None'], selector: { app: 'db' }, ports: [{ name: 'pg', protocol: 'TCP', port: 5432, targetPort: 5432 }] });
  putEndpoints(world, clusterId, 'default', 'db', db.map((p) => ({ ip: p.status.podIP!, pod: p.metadata.name, node: p.spec.nodeName! })), [{ name: 'pg', port: 5432, protocol: 'TCP' }]);
  putService(world, clusterId, 'default', 'docs', { type: 'ExternalName', externalName: 'www.microsoft.com', ports: [] });
  if (spec.corednsCustom) setCorednsCustom(world, clusterId, spec.corednsCustom);

  return { clusterId, vnet, nodeNames, fqdn: fqdnName, privateFqdn, apiPrivateIp, apiPublicIp, zone };
}

export function setCorednsCustom(world: World, clusterId: string, data: Record<string, string>): void {
  world.k8sPut(clusterId, { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('coredns-custom', 'kube-system'), data } as K8sObject);
}

/** A VM in the VNet's subnet that runs a DNS server (a custom VNet DNS server). */
export function addDnsServerVm(world: World, vnet: VirtualNetwork, hostname: string, ip: string, config: DnsServerConfig): ClientMachine {
  const machine: ClientMachine = { id: hostname, kind: 'vm', hostname, publicIp: '52.160.10.20', privateIp: ip, subnetId: vnet.subnets[0]!.id, dnsServers: [], dnsServer: config };
  world.state.machines[machine.id] = machine;
  world.touch();
  return machine;
}

export const podEndpoint = (h: ClusterHandle, name: string, namespace = 'default'): Endpoint => ({ kind: 'pod', clusterId: h.clusterId, namespace, name });
export const nodeEndpoint = (h: ClusterHandle, i = 0): Endpoint => ({ kind: 'node', clusterId: h.clusterId, name: h.nodeNames[i]! });
export const workstation: Endpoint = { kind: 'machine', id: 'workstation' };

/** Every packet arrives; kube-proxy's choice of CoreDNS pod is left to the DNS engine. */
export const openReach: ReachFn = () => ({ ok: true, hops: [], verdict: 'delivered' });

/** A reach that records its calls and answers from a rule. */
export function recordingReach(rule: (from: Endpoint, ip: string, protocol: 'udp' | 'tcp') => ReachResult | undefined): ReachFn & { calls: string[] } {
  const calls: string[] = [];
  const fn = ((from: Endpoint, ip: string, _port: 53, protocol: 'udp' | 'tcp') => {
    calls.push(`${from.kind === 'pod' ? from.name : from.kind === 'node' ? from.name : from.kind === 'machine' ? from.id : from.ip}->${ip}/${protocol}`);
    return rule(from, ip, protocol) ?? { ok: true, hops: [], verdict: 'delivered' };
  }) as ReachFn & { calls: string[] };
  fn.calls = calls;
  return fn;
}
