// What listens on port 53 at an address, as seen by a given asker. A ClusterIP means something
// only inside its cluster (kube-proxy translates it on that cluster's nodes); 168.63.129.16 is
// Azure DNS for whatever VNet the asker is in; a machine with a DnsServerConfig is a custom
// server; a few well-known public resolvers answer from the internet's DNS.
import type { Pod, Service } from '../../model/k8s/types.ts';
import type { ClientMachine, World } from '../../model/world.ts';
import { podByIp, serviceByClusterIp } from './cluster-index.ts';
import type { Located } from './locate.ts';
import { HOME_ROUTER_IP, SYSTEMD_STUB_IP } from './resolv-conf.ts';
import { AZURE_DNS_IP } from './vnet-dns.ts';

export type DnsServer =
  | { kind: 'coredns-service'; clusterId: string; service: Service }
  | { kind: 'coredns-pod'; clusterId: string; pod: Pod }
  | { kind: 'azure-dns' }
  | { kind: 'custom'; machine: ClientMachine }
  | { kind: 'public'; operator: string; ednsUdp: number }
  | { kind: 'home-router' }
  | { kind: 'systemd-resolved' }
  | { kind: 'none'; reason: string };

const PUBLIC_RESOLVERS: Record<string, { operator: string; ednsUdp: number }> = {
  '8.8.8.8': { operator: 'Google Public DNS', ednsUdp: 512 },
  '8.8.4.4': { operator: 'Google Public DNS', ednsUdp: 512 },
  '1.1.1.1': { operator: 'Cloudflare DNS', ednsUdp: 1232 },
  '1.0.0.1': { operator: 'Cloudflare DNS', ednsUdp: 1232 },
  '9.9.9.9': { operator: 'Quad9', ednsUdp: 1232 },
  '208.67.222.222': { operator: 'OpenDNS', ednsUdp: 1232 },
  '208.67.220.220': { operator: 'OpenDNS', ednsUdp: 1232 },
};

/** CoreDNS pods carry this label (AKS keeps the kube-dns name for compatibility). */
export function isCorednsPod(pod: Pod): boolean {
  return pod.metadata.labels?.['k8s-app'] === 'kube-dns';
}

function selectsCoredns(svc: Service): boolean {
  return svc.spec.selector?.['k8s-app'] === 'kube-dns';
}

export function identifyServer(world: World, asker: Located, ip: string): DnsServer {
  if (ip === AZURE_DNS_IP) return { kind: 'azure-dns' };
  if (ip === SYSTEMD_STUB_IP && (asker.endpoint.kind === 'node' || asker.machine?.kind === 'vm')) return { kind: 'systemd-resolved' };
  if (asker.clusterId) {
    const svc = serviceByClusterIp(world, asker.clusterId, ip);
    if (svc) {
      if (selectsCoredns(svc) && svc.spec.ports.some((p) => p.port === 53)) return { kind: 'coredns-service', clusterId: asker.clusterId, service: svc };
      return { kind: 'none', reason: `${ip} is the ClusterIP of Service ${svc.metadata.namespace}/${svc.metadata.name}, which has no port 53 to a DNS server` };
    }
    const pod = podByIp(world, asker.clusterId, ip);
    if (pod && isCorednsPod(pod)) return { kind: 'coredns-pod', clusterId: asker.clusterId, pod };
    if (pod) return { kind: 'none', reason: `${ip} is pod ${pod.metadata.namespace}/${pod.metadata.name}, which runs no DNS server` };
  }
  for (const m of Object.values(world.state.machines)) {
    if (m.dnsServer && (m.privateIp === ip || m.publicIp === ip)) return { kind: 'custom', machine: m };
  }
  const known = PUBLIC_RESOLVERS[ip];
  if (known) return { kind: 'public', ...known };
  if (ip === HOME_ROUTER_IP && (asker.machine?.kind === 'workstation' || asker.machine?.kind === 'onprem')) return { kind: 'home-router' };
  return { kind: 'none', reason: `nothing in the sandbox answers DNS at ${ip}` };
}

/** How steps name a server. */
export function serverLabel(server: DnsServer, ip: string): string {
  switch (server.kind) {
    case 'coredns-service':
      return `${ip} (Service ${server.service.metadata.namespace}/${server.service.metadata.name})`;
    case 'coredns-pod':
      return `${ip} (CoreDNS pod ${server.pod.metadata.name})`;
    case 'azure-dns':
      return `${ip} (Azure DNS)`;
    case 'custom':
      return `${ip} (DNS server ${server.machine.hostname})`;
    case 'public':
      return `${ip} (${server.operator})`;
    case 'home-router':
      return `${ip} (home router)`;
    case 'systemd-resolved':
      return `${ip} (systemd-resolved)`;
    case 'none':
      return ip;
  }
}

/** Loopback and the home LAN are outside the simulated network: no path to trace. */
export function needsNoPath(server: DnsServer): boolean {
  return server.kind === 'systemd-resolved' || server.kind === 'home-router';
}
