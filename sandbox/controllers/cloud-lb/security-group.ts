// CPA's reconcileSecurityGroup for one Service: who may reach its frontend IP and ports, as allow
// rules on the cluster NSG (and a deny-all when asked), cleaned up when it goes away.
import type { NetworkSecurityGroup } from '../../model/azure/types.ts';
import type { Service } from '../../model/k8s/types.ts';
import { cidrContains, formatCidr, parseCidr, type Cidr } from '../../core/ip.ts';
import type { AzureTxn } from './azure-txn.ts';
import type { ClusterContext } from './context.ts';
import { accessConfig, isFloatingIpDisabled, isInternal, isNsgRuleDisabled } from './annotations.ts';
import { CloudError } from './errors.ts';
import { NsgRuleEditor, type NsgProtocol } from './nsg-rules.ts';

const PROTOCOLS: NsgProtocol[] = ['Tcp', 'Udp', '*'];

function nsgProtocol(p: string): NsgProtocol {
  return p === 'UDP' ? 'Udp' : p === 'SCTP' ? '*' : 'Tcp';
}

/** SecurityRuleDestinationPortsByProtocol: service ports (node ports without floating IP). */
export function portsByProtocol(svc: Service): Map<NsgProtocol, number[]> {
  const out = new Map<NsgProtocol, number[]>();
  const useNodePort = isFloatingIpDisabled(svc);
  for (const port of svc.spec.ports) {
    const proto = nsgProtocol(port.protocol);
    const list = out.get(proto) ?? [];
    list.push(useNodePort ? (port.nodePort ?? port.port) : port.port);
    out.set(proto, list);
  }
  return out;
}

function ingressIps(svc: Service): string[] {
  return (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? '').filter((ip) => ip !== '');
}

/** iputil.AggregatePrefixes: drop ranges inside others, merge sibling halves into their parent. */
export function aggregateRanges(ranges: string[]): string[] {
  let list: Cidr[] = ranges.map(parseCidr).sort((a, b) => a.base - b.base || a.prefix - b.prefix);
  for (let changed = true; changed; ) {
    changed = false;
    const out: Cidr[] = [];
    for (const c of list) {
      const last = out[out.length - 1];
      if (last && cidrContains(last, c.base) && last.prefix <= c.prefix) {
        changed = true; // c lies inside last
        continue;
      }
      if (last && last.prefix === c.prefix && c.prefix > 0) {
        const size = 2 ** (32 - c.prefix);
        if (last.base + size === c.base && last.base % (size * 2) === 0) {
          out[out.length - 1] = { base: last.base, prefix: c.prefix - 1 };
          changed = true;
          continue;
        }
      }
      out.push(c);
    }
    list = out;
  }
  return list.map(formatCidr);
}

export interface NsgInputs {
  /** Every Service in the cluster (to keep ports of Services sharing an IP, and their addresses). */
  services: Service[];
  /** Node InternalIPs (destinations when floating IP is off; kept by the retain step). */
  nodeIps: string[];
}

/** Cleans, patches (wantLb) and trims the cluster NSG for the Service's frontend addresses. */
export function reconcileSecurityGroup(txn: AzureTxn, ctx: ClusterContext, svc: Service, lbIps: string[], wantLb: boolean, inputs: NsgInputs): void {
  if (wantLb && lbIps.length === 0) throw new CloudError(`no load balancer IP for setting up security rules for service ${svc.metadata.name}`);
  // An AKS cluster always has its NSG; without one there is nothing to edit.
  const current = ctx.nsgId ? txn.peek<NetworkSecurityGroup>(ctx.nsgId) : undefined;
  if (!current) return;
  const access = accessConfig(svc);
  const copy = JSON.parse(JSON.stringify(current)) as NetworkSecurityGroup;
  const editor = new NsgRuleEditor(copy);
  const dst = isFloatingIpDisabled(svc) ? inputs.nodeIps : lbIps;

  // Ports of other Services on the same address stay open (listSharedIPPortMapping).
  const retain = new Map<NsgProtocol, number[]>();
  const me = `${svc.metadata.namespace}/${svc.metadata.name}`;
  for (const other of inputs.services) {
    if (`${other.metadata.namespace}/${other.metadata.name}` === me) continue;
    const shares = isFloatingIpDisabled(svc) ? isFloatingIpDisabled(other) : ingressIps(other).some((ip) => dst.includes(ip));
    if (!shares) continue;
    for (const [proto, list] of portsByProtocol(other)) retain.set(proto, (retain.get(proto) ?? []).concat(list));
  }
  for (const proto of PROTOCOLS) editor.removeDestinations(proto, dst, retain.get(proto) ?? []);

  if (wantLb && !isNsgRuleDisabled(svc) && dst.length > 0) {
    const allowAll = (list: string[]) => list.some((r) => r.endsWith('/0'));
    // IsAllowFromInternet: internal frontends only with an explicit allow-all range.
    const fromInternet =
      access.serviceTags.length === 0 &&
      !(access.sourceRanges.length > 0 && !allowAll(access.sourceRanges)) &&
      !(access.allowedIpRanges.length > 0 && !allowAll(access.allowedIpRanges)) &&
      access.invalidRanges.length === 0 &&
      (!isInternal(svc) || access.allowedIpRanges.length > 0 || access.sourceRanges.length > 0);
    const tags = access.serviceTags.slice();
    if (fromInternet && !allowAll(access.allowedIpRanges) && !allowAll(access.sourceRanges)) tags.push('Internet');
    const ranges = aggregateRanges(access.sourceRanges.concat(access.allowedIpRanges));
    const byProto = portsByProtocol(svc);
    for (const proto of PROTOCOLS) {
      const ports = byProto.get(proto);
      if (!ports) continue;
      for (const tag of tags) editor.addAllow(proto, [tag], dst, ports);
      if (ranges.length > 0) editor.addAllow(proto, ranges, dst, ports);
    }
    if (access.denyAllExceptSourceRanges) editor.addDenyAll(dst);
  }

  const keep = new Set<string>(inputs.nodeIps.concat(lbIps));
  for (const other of inputs.services) for (const ip of ingressIps(other)) keep.add(ip);
  editor.retainDestinations(keep);
  editor.finish();

  // Compare as CPA does (rules ordered by priority) so a no-op leaves the NSG untouched.
  const sorted = (n: NetworkSecurityGroup) => JSON.stringify(n.securityRules.slice().sort((a, b) => a.priority - b.priority));
  if (sorted(copy) !== sorted(current)) txn.put(copy);
}
