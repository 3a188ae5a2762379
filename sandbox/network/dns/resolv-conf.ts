// Which resolver configuration each place in the world has, built from the state that decides it
// in real life: kubelet writes pod files from the dnsPolicy, the cluster DNS IP and the node's
// own file; AKS nodes point /etc/resolv.conf at systemd-resolved's uplink file, which lists the
// DNS servers DHCP got from the VNet (168.63.129.16 unless the VNet sets custom servers); a
// plain Ubuntu VM keeps the 127.0.0.53 stub; the workstation asks its home router.
import type { ManagedCluster } from '../../model/azure/types.ts';
import type { Pod, Service } from '../../model/k8s/types.ts';
import type { ClientMachine, World } from '../../model/world.ts';
import { locate, type Located } from './locate.ts';
import {
  MAX_NAMESERVERS,
  parseResolvConf,
  renderKubeletFile,
  renderStubFile,
  renderUplinkFile,
  type ResolvConf,
} from './resolv-conf-text.ts';
import type { Endpoint } from './types.ts';
import { AZURE_DNS_IP, dhcpSearchDomain, vnetDnsServers } from './vnet-dns.ts';

export type { ResolvConf } from './resolv-conf-text.ts';

export const CLUSTER_DOMAIN = 'cluster.local';
/** The learner's home router: it forwards to the ISP's resolvers (outside the simulated network). */
export const HOME_ROUTER_IP = '192.168.1.1';
/** What a server "somewhere on the internet" is configured with. */
export const INTERNET_HOST_RESOLVER = '8.8.8.8';
export const SYSTEMD_STUB_IP = '127.0.0.53';

interface PodDnsConfig {
  nameservers?: string[];
  searches?: string[];
  options?: { name: string; value?: string }[];
}

/** The DNS servers and search domain a node or VM got from DHCP (its NIC's servers override the VNet's). */
export function hostUplink(world: World, place: Located): { nameservers: string[]; search: string[] } {
  if (!place.vnet) return { nameservers: [AZURE_DNS_IP], search: [] };
  return {
    nameservers: place.nicDnsServers ?? vnetDnsServers(place.vnet),
    search: [dhcpSearchDomain(world, place.vnet)],
  };
}

/** An AKS node's /etc/resolv.conf: a symlink to the uplink file (queries go straight to the VNet's DNS). */
export function nodeResolvConf(world: World, clusterId: string, nodeName: string): ResolvConf | undefined {
  const place = locate(world, { kind: 'node', clusterId, name: nodeName });
  if (!place) return undefined;
  const up = hostUplink(world, place);
  // AKS node images symlink /etc/resolv.conf → /run/systemd/resolve/resolv.conf (node captures in
  // VijayRod/demo dns-vm notes; joaguas/aksdnsfallback README), not to the 127.0.0.53 stub.
  return parseResolvConf(renderUplinkFile(up.nameservers, up.search), '/etc/resolv.conf', 'systemd-resolved uplink file (DHCP settings of the VNet)');
}

/** systemd-resolved's stub file on a node or VM, for `cat /run/systemd/resolve/stub-resolv.conf`. */
export function stubResolvConf(world: World, place: Located): ResolvConf {
  const up = hostUplink(world, place);
  return parseResolvConf(renderStubFile(up.search), '/run/systemd/resolve/stub-resolv.conf', 'systemd-resolved stub listener');
}

export function uplinkResolvConf(world: World, place: Located): ResolvConf {
  const up = hostUplink(world, place);
  return parseResolvConf(renderUplinkFile(up.nameservers, up.search), '/run/systemd/resolve/resolv.conf', 'systemd-resolved uplink file');
}

/** The cluster DNS IP kubelet writes into ClusterFirst pods (`--cluster-dns`, from networkProfile.dnsServiceIp). */
export function clusterDnsIp(world: World, clusterId: string): string {
  const cluster = world.resource<ManagedCluster>(clusterId);
  const fromProfile = cluster?.networkProfile?.dnsServiceIp;
  if (fromProfile) return fromProfile;
  const svc = world.k8sGet<Service>(clusterId, 'Service', 'kube-system', 'kube-dns');
  return svc?.spec.clusterIP ?? '10.0.0.10';
}

/** The /etc/resolv.conf kubelet gives a pod (kubelet pkg/kubelet/network/dns). */
export function podResolvConf(world: World, clusterId: string, pod: Pod): ResolvConf {
  const place = locate(world, { kind: 'pod', clusterId, namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name });
  const host = place ? hostUplink(world, place) : { nameservers: [AZURE_DNS_IP], search: [] };
  const dnsConfig = (pod.spec.dnsConfig ?? {}) as PodDnsConfig;
  let policy = pod.spec.dnsPolicy ?? 'ClusterFirst';
  // A host-network pod with ClusterFirst falls back to Default; ClusterFirstWithHostNet keeps cluster DNS.
  if (policy === 'ClusterFirst' && pod.spec.hostNetwork) policy = 'Default';
  if (policy === 'ClusterFirstWithHostNet') policy = 'ClusterFirst';

  let nameservers: string[] = [];
  let search: string[] = [];
  let options: { name: string; value?: string }[] = [];
  if (policy === 'ClusterFirst') {
    const ns = pod.metadata.namespace ?? 'default';
    nameservers = [clusterDnsIp(world, clusterId)];
    search = [`${ns}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN, ...host.search];
    options = [{ name: 'ndots', value: '5' }];
  } else if (policy === 'Default') {
    nameservers = host.nameservers;
    search = host.search;
  }
  nameservers = unique([...nameservers, ...(dnsConfig.nameservers ?? [])]).slice(0, MAX_NAMESERVERS);
  search = unique([...search, ...(dnsConfig.searches ?? []).map((s) => s.toLowerCase())]);
  for (const opt of dnsConfig.options ?? []) {
    options = options.filter((o) => o.name !== opt.name);
    options.push(opt);
  }
  const text = renderKubeletFile({
    search,
    nameservers,
    options: options.map((o) => (o.value === undefined || o.value === '' ? o.name : `${o.name}:${o.value}`)),
  });
  return parseResolvConf(text, '/etc/resolv.conf', `kubelet, dnsPolicy ${pod.spec.dnsPolicy ?? 'ClusterFirst'}${pod.spec.hostNetwork ? ' with hostNetwork' : ''}`);
}

/** A machine's /etc/resolv.conf: an Azure VM uses the systemd stub; others ask their configured or home resolver. */
export function machineResolvConf(world: World, machine: ClientMachine): ResolvConf {
  const place = locate(world, { kind: 'machine', id: machine.id });
  if (machine.kind === 'vm' && place?.vnet) return stubResolvConf(world, place);
  if (machine.dnsServers.length > 0) {
    return parseResolvConf(renderKubeletFile({ search: [], nameservers: machine.dnsServers, options: [] }), '/etc/resolv.conf', `${machine.hostname}'s configured DNS servers`);
  }
  if (machine.kind === 'internet') {
    return parseResolvConf(`nameserver ${INTERNET_HOST_RESOLVER}\n`, '/etc/resolv.conf', 'a public resolver');
  }
  return parseResolvConf(`# Generated by NetworkManager\nnameserver ${HOME_ROUTER_IP}\n`, '/etc/resolv.conf', 'the home router (DHCP on the local network)');
}

/** The resolver configuration the endpoint's processes read. */
export function resolvConfFor(world: World, endpoint: Endpoint): ResolvConf | undefined {
  switch (endpoint.kind) {
    case 'pod': {
      const pod = world.k8sGet<Pod>(endpoint.clusterId, 'Pod', endpoint.namespace, endpoint.name);
      return pod ? podResolvConf(world, endpoint.clusterId, pod) : undefined;
    }
    case 'node':
      return nodeResolvConf(world, endpoint.clusterId, endpoint.name);
    case 'machine': {
      const machine = world.state.machines[endpoint.id];
      return machine ? machineResolvConf(world, machine) : undefined;
    }
    case 'ip':
      return parseResolvConf(`nameserver ${INTERNET_HOST_RESOLVER}\n`, '/etc/resolv.conf', 'a public resolver');
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter((v) => v !== ''))];
}
