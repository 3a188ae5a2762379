// azure-ip-masq-agent (Azure/ip-masq-agent-v2): which pod egress is SNATed to the node IP.
// It reads every ConfigMap key mounted under /etc/config whose name starts with "ip-masq":
// the user's `azure-ip-masq-agent-config` (key ip-masq-agent) and the AKS-reconciled
// `azure-ip-masq-agent-config-reconciled` (key ip-masq-agent-reconciled), merging the CIDR
// lists and OR-ing masqLinkLocal, then writes the IP-MASQ-AGENT nat chain.
import { parse as parseYaml } from 'yaml';
import { isCidr } from '../../core/ip.ts';
import type { ConfigMap } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';
import type { ClusterNetworkFacts } from './cluster-facts.ts';
import { addrtype, address, append, comment, jump, rule } from './rule-builders.ts';
import type { Table } from './types.ts';

export const IP_MASQ_CHAIN = 'IP-MASQ-AGENT';
const LINK_LOCAL = '169.254.0.0/16';

export interface IpMasqConfig {
  nonMasqueradeCIDRs: string[];
  masqLinkLocal: boolean;
  /** Where it came from: the ConfigMaps, or derived from the cluster when none is stored yet. */
  source: 'configmap' | 'derived';
}

// ReadDir order in the agent: "ip-masq-agent" sorts before "ip-masq-agent-reconciled".
const SOURCES = [
  { configMap: 'azure-ip-masq-agent-config', key: 'ip-masq-agent' },
  { configMap: 'azure-ip-masq-agent-config-reconciled', key: 'ip-masq-agent-reconciled' },
] as const;

/**
 * What AKS writes into the reconciled ConfigMap. Observed on real clusters (VijayRod/demo
 * ipmasq notes): Azure CNI node subnet → [node subnet, service CIDR, VNet space]; kubenet →
 * [pod CIDR]; both with masqLinkLocal true. Overlay → [pod CIDR] is an assumption from the
 * overlay docs (pod traffic leaving the pod range is SNATed to the node IP).
 */
export function derivedIpMasqCidrs(facts: ClusterNetworkFacts): string[] {
  if (facts.plugin === 'kubenet' || facts.overlay) return facts.podCidr ? [facts.podCidr] : [];
  const out = [facts.nodeSubnetPrefix, facts.serviceCidr, ...facts.vnetPrefixes].filter((c): c is string => !!c);
  return [...new Set(out)];
}

/**
 * Whether the agent runs at all: not with BYO CNI (AKS installs no networking add-ons) and not
 * with Azure CNI dynamic pod subnets, whose pods keep routable VNet addresses (emulator-facts §5).
 */
export function ipMasqAgentRuns(facts: ClusterNetworkFacts): boolean {
  if (facts.plugin === 'none') return false;
  if (facts.plugin === 'azure' && !facts.overlay && facts.podSubnetPrefix) return false;
  return true;
}

function parseConfig(text: string): { cidrs: string[]; masqLinkLocal: boolean } | null {
  try {
    const doc = parseYaml(text) as { nonMasqueradeCIDRs?: unknown; masqLinkLocal?: unknown } | null;
    if (!doc || typeof doc !== 'object') return { cidrs: [], masqLinkLocal: false };
    const cidrs = Array.isArray(doc.nonMasqueradeCIDRs) ? doc.nonMasqueradeCIDRs.map(String) : [];
    // The agent refuses a file with an invalid CIDR (and keeps its previous rules).
    if (cidrs.some((c) => !isCidr(c))) return null;
    return { cidrs, masqLinkLocal: doc.masqLinkLocal === true };
  } catch {
    return null;
  }
}

export function ipMasqConfig(world: World, clusterId: string, facts: ClusterNetworkFacts): IpMasqConfig | null {
  if (!ipMasqAgentRuns(facts)) return null;
  const cidrs: string[] = [];
  let masqLinkLocal = false;
  let found = false;
  for (const { configMap, key } of SOURCES) {
    const text = world.k8sGet<ConfigMap>(clusterId, 'ConfigMap', 'kube-system', configMap)?.data?.[key];
    if (text === undefined) continue;
    const parsed = parseConfig(text);
    if (!parsed) continue;
    found = true;
    for (const cidr of parsed.cidrs) if (!cidrs.includes(cidr)) cidrs.push(cidr);
    masqLinkLocal ||= parsed.masqLinkLocal;
  }
  if (found) return { nonMasqueradeCIDRs: cidrs, masqLinkLocal, source: 'configmap' };
  return { nonMasqueradeCIDRs: derivedIpMasqCidrs(facts), masqLinkLocal: true, source: 'derived' };
}

/** Appends the agent's POSTROUTING jump and its IP-MASQ-AGENT chain to the nat table. */
export function writeIpMasqRules(nat: Table, config: IpMasqConfig): void {
  // The agent passes the comment with literal quotes, so iptables-save shows them escaped.
  append(
    nat,
    'POSTROUTING',
    rule({
      matches: [
        comment(`"ip-masq-agent: ensure nat POSTROUTING directs all non-LOCAL destination traffic to our custom ${IP_MASQ_CHAIN} chain"`),
        addrtype('dst', true),
      ],
      target: jump(IP_MASQ_CHAIN),
    }),
  );
  const returns = config.masqLinkLocal ? config.nonMasqueradeCIDRs : [LINK_LOCAL, ...config.nonMasqueradeCIDRs];
  for (const cidr of returns) {
    append(
      nat,
      IP_MASQ_CHAIN,
      rule({ dst: address(cidr), matches: [comment('ip-masq-agent: local traffic is not subject to MASQUERADE')], target: { t: 'RETURN' } }),
    );
  }
  append(
    nat,
    IP_MASQ_CHAIN,
    rule({
      matches: [comment('ip-masq-agent: outbound traffic is subject to MASQUERADE (must be last in chain)')],
      target: { t: 'MASQUERADE', randomFully: false },
    }),
  );
}
