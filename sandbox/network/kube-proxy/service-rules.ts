// One service port's rules on one node, following kube-proxy's syncProxyRules (iptables mode,
// current release): KUBE-SERVICES captures, KUBE-NODEPORTS, the SVC/SVL/EXT/FW/SEP chains, and
// the filter-table REJECT ("has no endpoints") / DROP ("has no local endpoints") rules.
import { cidrContains, ipToInt } from '../../core/ip.ts';
import type { ProxyEndpoint, ProxyServicePort } from './cluster-view.ts';
import { address, addrtype, append, chainOf, comment, jump, l4, probabilityText, rule, statistic } from './rule-builders.ts';
import type { AddressMatch, EndpointRef, Match, Table, TableName } from './types.ts';

export interface NodeContext {
  nodeName: string;
  nodeIp: string;
  /** kube-proxy's --cluster-cidr (its "local traffic detector"), null when unknown. */
  clusterCidr: string | null;
  /** More than 1,000 endpoints in the cluster: kube-proxy drops per-endpoint comments. */
  largeClusterMode: boolean;
}

const MARK_MASQ = jump('KUBE-MARK-MASQ');

/** `-m comment --comment C -m <p> -p <p> -d <ip> --dport <port>`, kube-proxy's capture arguments. */
function capture(sp: ProxyServicePort, text: string, ip: string, port: number): { dst: AddressMatch; proto: ProxyServicePort['protocol']; matches: Match[] } {
  return { dst: address(ip), proto: sp.protocol, matches: [comment(text), l4(sp.protocol, port)] };
}

function writeServiceToEndpoints(nat: Table, sp: ProxyServicePort, chain: string, endpoints: ProxyEndpoint[], ctx: NodeContext): void {
  chainOf(nat, chain);
  const note = (ep: ProxyEndpoint): Match[] => (ctx.largeClusterMode ? [] : [comment(`${sp.name} -> ${ep.key}`)]);
  if (sp.affinitySeconds !== null) {
    for (const ep of endpoints) {
      append(nat, chain, rule({
        matches: [...note(ep), { m: 'recent', mode: 'rcheck', name: ep.sepChain, seconds: sp.affinitySeconds, reap: true }],
        target: jump(ep.sepChain),
      }));
    }
  }
  endpoints.forEach((ep, i) => {
    const matches = note(ep);
    if (i < endpoints.length - 1) matches.push(statistic(probabilityText(endpoints.length - i)));
    append(nat, chain, rule({ matches, target: jump(ep.sepChain) }));
  });
}

function writeEndpointChain(nat: Table, sp: ProxyServicePort, ep: ProxyEndpoint, ctx: NodeContext): void {
  chainOf(nat, ep.sepChain);
  const base: Match[] = ctx.largeClusterMode ? [] : [comment(sp.name)];
  // Hairpin: a pod reaching itself through the service must be SNATed or the reply bypasses conntrack.
  append(nat, ep.sepChain, rule({ src: address(ep.ip), matches: [...base], target: MARK_MASQ }));
  const matches: Match[] = [...base];
  if (sp.affinitySeconds !== null) matches.push({ m: 'recent', mode: 'set', name: ep.sepChain });
  matches.push(l4(sp.protocol));
  append(nat, ep.sepChain, rule({ proto: sp.protocol, matches, target: { t: 'DNAT', ip: ep.ip, port: ep.port } }));
}

export function writeServicePortRules(
  tables: Record<TableName, Table>,
  sp: ProxyServicePort,
  ctx: NodeContext,
  endpointRefs: Map<string, EndpointRef>,
): void {
  const { nat, filter } = tables;
  const ready = sp.endpoints;
  // Cluster-policy endpoints serve internal traffic under ITP Cluster, and external traffic of
  // any externally reachable port: under ETP Local, pods and the node itself are still
  // short-circuited to them ("pod traffic for … external destinations").
  const usesCluster = !sp.internalPolicyLocal || sp.externallyAccessible;
  const usesLocal = sp.internalPolicyLocal || (sp.externallyAccessible && sp.externalPolicyLocal);
  const local = usesLocal ? ready.filter((ep) => ep.nodeName === ctx.nodeName) : [];
  const clusterEps = usesCluster ? ready : [];
  const reachable = usesCluster ? clusterEps : local;
  const hasEndpoints = ready.length > 0;

  const usesClusterChain = clusterEps.length > 0;
  const usesLocalChain = local.length > 0;
  const internalChain = sp.internalPolicyLocal ? sp.chains.svl : sp.chains.svc;
  const hasInternal = hasEndpoints && (!sp.internalPolicyLocal || local.length > 0);
  const externalPolicyChain = sp.externalPolicyLocal ? sp.chains.svl : sp.chains.svc;
  const hasExternal = hasEndpoints && (!sp.externalPolicyLocal || local.length > 0);
  const usesExtChain = hasEndpoints && sp.externallyAccessible;
  const usesFwChain = hasEndpoints && sp.loadBalancerVIPs.length > 0 && sp.sourceRanges.length > 0;
  const lbChain = usesFwChain ? sp.chains.fw : sp.chains.ext;

  const filterTarget = !hasEndpoints ? 'REJECT' : 'DROP';
  const filterNote = !hasEndpoints ? `${sp.name} has no endpoints` : `${sp.name} has no local endpoints`;

  // Cluster IP.
  if (hasInternal) {
    append(nat, 'KUBE-SERVICES', rule({ ...capture(sp, `${sp.name} cluster IP`, sp.clusterIP, sp.port), target: jump(internalChain) }));
  } else {
    append(filter, 'KUBE-SERVICES', rule({ ...capture(sp, filterNote, sp.clusterIP, sp.port), target: { t: filterTarget } }));
  }
  // External IPs.
  for (const ip of sp.externalIPs) {
    if (hasEndpoints) append(nat, 'KUBE-SERVICES', rule({ ...capture(sp, `${sp.name} external IP`, ip, sp.port), target: jump(sp.chains.ext) }));
    if (!hasExternal) append(filter, 'KUBE-EXTERNAL-SERVICES', rule({ ...capture(sp, filterNote, ip, sp.port), target: { t: filterTarget } }));
  }
  // Load balancer ingress IPs (Azure LB rules use floating IP, so packets arrive still addressed to them).
  for (const ip of sp.loadBalancerVIPs) {
    if (hasEndpoints) append(nat, 'KUBE-SERVICES', rule({ ...capture(sp, `${sp.name} loadbalancer IP`, ip, sp.port), target: jump(lbChain) }));
    if (usesFwChain) {
      append(filter, 'KUBE-PROXY-FIREWALL', rule({
        ...capture(sp, `${sp.name} traffic not accepted by ${sp.chains.fw}`, ip, sp.port),
        target: { t: 'DROP' },
      }));
    }
  }
  if (!hasExternal) {
    for (const ip of sp.loadBalancerVIPs) {
      append(filter, 'KUBE-EXTERNAL-SERVICES', rule({ ...capture(sp, filterNote, ip, sp.port), target: { t: filterTarget } }));
    }
  }
  // NodePort.
  if (sp.nodePort) {
    if (hasEndpoints) {
      append(nat, 'KUBE-NODEPORTS', rule({ proto: sp.protocol, matches: [comment(sp.name), l4(sp.protocol, sp.nodePort)], target: jump(sp.chains.ext) }));
    }
    if (!hasExternal) {
      append(filter, 'KUBE-EXTERNAL-SERVICES', rule({
        proto: sp.protocol,
        matches: [comment(filterNote), addrtype('dst'), l4(sp.protocol, sp.nodePort)],
        target: { t: filterTarget },
      }));
    }
  }
  // The health check port is opened whether or not this node has local endpoints: the answer
  // (200 or 503) is what tells the Azure LB probe which nodes to use.
  if (sp.healthCheckNodePort) {
    append(filter, 'KUBE-NODEPORTS', rule({
      proto: 'tcp',
      matches: [comment(`${sp.name} health check node port`), l4('tcp', sp.healthCheckNodePort)],
      target: { t: 'ACCEPT' },
    }));
  }

  // Off-cluster sources reaching a service IP are masqueraded: the reply may cross nodes.
  if (hasInternal && ctx.clusterCidr) {
    append(nat, internalChain, rule({
      src: address(ctx.clusterCidr, true),
      ...capture(sp, `${sp.name} cluster IP`, sp.clusterIP, sp.port),
      target: MARK_MASQ,
    }));
  }

  if (usesExtChain) {
    const ext = sp.chains.ext;
    chainOf(nat, ext);
    if (!sp.externalPolicyLocal) {
      append(nat, ext, rule({ matches: [comment(`masquerade traffic for ${sp.name} external destinations`)], target: MARK_MASQ }));
    } else if (usesClusterChain) {
      // Traffic from pods and from the node itself is exempt from the Local policy, as if it
      // had gone out to the load balancer and come back.
      if (ctx.clusterCidr) {
        append(nat, ext, rule({
          src: address(ctx.clusterCidr),
          matches: [comment(`pod traffic for ${sp.name} external destinations`)],
          target: jump(sp.chains.svc),
        }));
      }
      append(nat, ext, rule({
        matches: [comment(`masquerade LOCAL traffic for ${sp.name} external destinations`), addrtype('src')],
        target: MARK_MASQ,
      }));
      append(nat, ext, rule({
        matches: [comment(`route LOCAL traffic for ${sp.name} external destinations`), addrtype('src')],
        target: jump(sp.chains.svc),
      }));
    }
    if (hasExternal) append(nat, ext, rule({ target: jump(externalPolicyChain) }));
  }

  if (usesFwChain) {
    const fw = sp.chains.fw;
    const fwNote = comment(`${sp.name} loadbalancer IP`);
    let allowFromNode = false;
    for (const range of sp.sourceRanges) {
      const src = address(range);
      append(nat, fw, rule({ src, matches: [fwNote], target: jump(sp.chains.ext) }));
      if (cidrContains(src.cidr, ipToInt(ctx.nodeIp))) allowFromNode = true;
    }
    if (allowFromNode) {
      for (const vip of sp.loadBalancerVIPs) append(nat, fw, rule({ src: address(vip), matches: [fwNote], target: jump(sp.chains.ext) }));
    }
    append(nat, fw, rule({ matches: [comment(`other traffic to ${sp.name} will be dropped by KUBE-PROXY-FIREWALL`)], target: { t: 'none' } }));
  }

  if (usesClusterChain) writeServiceToEndpoints(nat, sp, sp.chains.svc, clusterEps, ctx);
  if (usesLocalChain) writeServiceToEndpoints(nat, sp, sp.chains.svl, local, ctx);

  for (const ep of reachable) {
    writeEndpointChain(nat, sp, ep, ctx);
    endpointRefs.set(ep.sepChain, { ip: ep.ip, port: ep.port, servicePort: sp.name, pod: ep.pod, nodeName: ep.nodeName });
  }
}
