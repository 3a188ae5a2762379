// The CoreDNS kubernetes plugin as AKS configures it: `kubernetes cluster.local in-addr.arpa
// ip6.arpa { pods insecure; fallthrough in-addr.arpa ip6.arpa; ttl 30 }` (AKS's Corefile as
// `kubectl get cm coredns -o yaml` shows it; the same text as controllers/k8s/addons/dns.ts). Services → ClusterIP, headless → ready endpoint IPs, endpoint
// names, SRV for named ports, pod A records from the dashed IP, PTR for ClusterIPs and headless
// endpoints. Reverse names it does not know fall through to the next plugin (forward).
import type { Service } from '../../../model/k8s/types.ts';
import type { World } from '../../../model/world.ts';
import { isIPv4 } from '../../../core/ip.ts';
import { headlessEndpointByIp, isHeadless, namespaceExists, serviceByClusterIp, serviceEndpoints, servicePorts } from '../cluster-index.ts';
import { fqdn, inZone, ipOfReverseName } from '../names.ts';
import type { DnsRecord, Question } from '../types.ts';
import { noData, nxdomain, positive, soaRecord, type SourceAnswer } from './answer.ts';

export const CLUSTER_ZONE = 'cluster.local';
export const CLUSTER_TTL = 30;

/** The zones the plugin is authoritative for in the AKS Corefile. */
export function isClusterZone(name: string): boolean {
  return inZone(name, CLUSTER_ZONE) || inZone(name, 'in-addr.arpa') || inZone(name, 'ip6.arpa');
}

function soa(world: World): DnsRecord {
  // CoreDNS's SOA: serial = the time the plugin last saw a change (we use the world clock).
  return soaRecord(CLUSTER_ZONE, CLUSTER_TTL, 'ns.dns.cluster.local', 'hostmaster.cluster.local', Math.floor(world.now() / 1000), [7200, 1800, 86400, CLUSTER_TTL]);
}

/** Answers a name in the plugin's zones; null means fall through (a reverse name it does not know). */
export function clusterLocal(world: World, clusterId: string, q: Question): SourceAnswer | null {
  if (inZone(q.name, 'in-addr.arpa') || inZone(q.name, 'ip6.arpa')) return reverse(world, clusterId, q);
  const rel = q.name === CLUSTER_ZONE ? [] : q.name.slice(0, -CLUSTER_ZONE.length - 1).split('.');
  const kind = rel[rel.length - 1];
  if (rel.length === 0) return noData('cluster.local is the zone apex: it has no address records', soa(world));
  if (kind === 'svc') return serviceName(world, clusterId, q, rel.slice(0, -1));
  if (kind === 'pod') return podName(world, clusterId, q, rel.slice(0, -1));
  return nxdomain(`cluster.local names are <service>.<namespace>.svc.cluster.local or <a-b-c-d>.<namespace>.pod.cluster.local; "${q.name}" is neither`, soa(world));
}

function serviceName(world: World, clusterId: string, q: Question, labels: string[]): SourceAnswer {
  const s = soa(world);
  if (labels.length === 0) return noData('svc.cluster.local holds one subdomain per namespace, no records of its own', s);
  if (labels.length === 1) {
    return namespaceExists(world, clusterId, labels[0]!)
      ? noData(`namespace ${labels[0]} exists but has no record of its own`, s)
      : nxdomain(`no namespace "${labels[0]}" in the cluster`, s);
  }
  const ns = labels[labels.length - 1]!;
  const svcName = labels[labels.length - 2]!;
  const svc = world.k8sGet<Service>(clusterId, 'Service', ns, svcName);
  if (!svc && !namespaceExists(world, clusterId, ns)) return nxdomain(`no namespace "${ns}" in the cluster`, s);
  if (!svc) return nxdomain(`no Service "${svcName}" in namespace "${ns}"`, s);
  const owner = `${svcName}.${ns}.svc.${CLUSTER_ZONE}`;
  const rest = labels.slice(0, -2);
  if (rest.length === 2 && rest[0]!.startsWith('_') && rest[1]!.startsWith('_')) return srv(world, clusterId, q, svc, owner, rest[0]!.slice(1), rest[1]!.slice(1));
  if (rest.length === 1) return endpointName(world, clusterId, q, svc, owner, rest[0]!);
  if (rest.length > 0) return nxdomain(`"${q.name}" is deeper than any record under Service ${ns}/${svcName}`, s);

  if (svc.spec.type === 'ExternalName' && svc.spec.externalName) {
    const target = svc.spec.externalName.toLowerCase().replace(/\.$/, '');
    const cname: DnsRecord = { name: q.name, type: 'CNAME', ttl: CLUSTER_TTL, data: fqdn(target) };
    const answer = positive([cname], `Service ${ns}/${svcName} is type ExternalName: a CNAME to ${target}`);
    if (q.type === 'A' || q.type === 'AAAA') answer.chase = target;
    return answer;
  }
  if (q.type === 'SRV') return srv(world, clusterId, q, svc, owner, undefined, undefined);
  if (q.type !== 'A') return noData(`Service ${ns}/${svcName} has only A records (IPv4 single-stack)`, s);
  if (!isHeadless(svc)) {
    const ip = svc.spec.clusterIPs?.[0] ?? svc.spec.clusterIP;
    if (!ip) return noData(`Service ${ns}/${svcName} has no ClusterIP yet`, s);
    return positive([{ name: q.name, type: 'A', ttl: CLUSTER_TTL, data: ip }], `Service ${ns}/${svcName} has ClusterIP ${ip}`);
  }
  const ready = serviceEndpoints(world, clusterId, svc).filter((e) => e.ready);
  if (ready.length === 0) return nxdomain(`headless Service ${ns}/${svcName} has no ready endpoints, so no records`, s);
  return positive(
    ready.map((e) => ({ name: q.name, type: 'A' as const, ttl: CLUSTER_TTL, data: e.ip })),
    `headless Service ${ns}/${svcName}: one A record per ready endpoint (${ready.map((e) => e.ip).join(', ')})`,
  );
}

function endpointName(world: World, clusterId: string, q: Question, svc: Service, owner: string, label: string): SourceAnswer {
  const s = soa(world);
  const ep = serviceEndpoints(world, clusterId, svc).find((e) => e.ready && e.host === label);
  if (!ep) return nxdomain(`Service ${svc.metadata.namespace}/${svc.metadata.name} has no ready endpoint named "${label}"`, s);
  if (q.type !== 'A') return noData(`endpoint ${label}.${owner} has only an A record`, s);
  return positive([{ name: q.name, type: 'A', ttl: CLUSTER_TTL, data: ep.ip }], `endpoint ${label} of Service ${svc.metadata.namespace}/${svc.metadata.name} is ${ep.ip}`);
}

function srv(world: World, clusterId: string, q: Question, svc: Service, owner: string, port?: string, proto?: string): SourceAnswer {
  const s = soa(world);
  const ports = servicePorts(world, clusterId, svc).filter(
    (p) => (port === undefined || p.name === port) && (proto === undefined || p.protocol.toLowerCase() === proto),
  );
  if (ports.length === 0) return nxdomain(`Service ${svc.metadata.namespace}/${svc.metadata.name} has no port named "${port}" over ${proto}`, s);
  if (q.type !== 'SRV') return noData(`${q.name} has only SRV records`, s);
  const answers: DnsRecord[] = [];
  const additional: DnsRecord[] = [];
  if (!isHeadless(svc)) {
    for (const p of ports) answers.push({ name: q.name, type: 'SRV', ttl: CLUSTER_TTL, data: `0 ${Math.floor(100 / ports.length)} ${p.port} ${fqdn(owner)}` });
    const ip = svc.spec.clusterIP;
    if (ip) additional.push({ name: owner, type: 'A', ttl: CLUSTER_TTL, data: ip });
  } else {
    const ready = serviceEndpoints(world, clusterId, svc).filter((e) => e.ready);
    const n = ready.length * ports.length;
    for (const p of ports) {
      for (const e of ready) {
        answers.push({ name: q.name, type: 'SRV', ttl: CLUSTER_TTL, data: `0 ${Math.floor(100 / n)} ${p.port} ${fqdn(`${e.host}.${owner}`)}` });
        if (!additional.some((a) => a.data === e.ip)) additional.push({ name: `${e.host}.${owner}`, type: 'A', ttl: CLUSTER_TTL, data: e.ip });
      }
    }
    if (answers.length === 0) return nxdomain(`headless Service ${svc.metadata.namespace}/${svc.metadata.name} has no ready endpoints`, s);
  }
  return positive(answers, `SRV records for the ${port ?? 'named'} port(s) of Service ${svc.metadata.namespace}/${svc.metadata.name}`, additional);
}

function podName(world: World, clusterId: string, q: Question, labels: string[]): SourceAnswer {
  const s = soa(world);
  if (labels.length !== 2) return nxdomain(`pod names are <a-b-c-d>.<namespace>.pod.cluster.local`, s);
  const ip = labels[0]!.replace(/-/g, '.');
  if (!isIPv4(ip)) return nxdomain(`"${labels[0]}" is not an IPv4 address written with dashes`, s);
  if (q.type !== 'A') return noData(`pod records are A records only`, s);
  // `pods insecure`: the plugin answers the address in the name without checking a pod has it.
  return positive([{ name: q.name, type: 'A', ttl: CLUSTER_TTL, data: ip }], `"pods insecure": the address is read from the name itself, no pod lookup`);
}

function reverse(world: World, clusterId: string, q: Question): SourceAnswer | null {
  const ip = ipOfReverseName(q.name);
  if (!ip) return null;
  const svc = serviceByClusterIp(world, clusterId, ip);
  if (svc) {
    if (q.type !== 'PTR') return noData(`${q.name} has only a PTR record`, soa(world));
    const target = `${svc.metadata.name}.${svc.metadata.namespace}.svc.${CLUSTER_ZONE}`;
    return positive([{ name: q.name, type: 'PTR', ttl: CLUSTER_TTL, data: fqdn(target) }], `${ip} is the ClusterIP of Service ${svc.metadata.namespace}/${svc.metadata.name}`);
  }
  const ep = headlessEndpointByIp(world, clusterId, ip);
  if (ep) {
    if (q.type !== 'PTR') return noData(`${q.name} has only a PTR record`, soa(world));
    const target = `${ep.host}.${ep.service.metadata.name}.${ep.service.metadata.namespace}.svc.${CLUSTER_ZONE}`;
    return positive([{ name: q.name, type: 'PTR', ttl: CLUSTER_TTL, data: fqdn(target) }], `${ip} is an endpoint of headless Service ${ep.service.metadata.namespace}/${ep.service.metadata.name}`);
  }
  // fallthrough in-addr.arpa ip6.arpa: the next plugin (forward) gets it.
  return null;
}
