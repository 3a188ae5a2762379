// Azure Firewall (classic rules): network rule collections by priority, then application rule
// collections by priority; the first matching rule's collection action decides; nothing matching
// means deny (learn.microsoft.com firewall/rule-processing). Application rules match HTTP/HTTPS
// by the requested host (Host header / TLS SNI), so they need the flow's host name.
import { ipToInt } from '../core/ip.ts';
import type {
  AzureFirewall,
  FirewallApplicationRule,
  FirewallNetworkRule,
  FirewallRuleCollection,
} from '../model/azure/types.ts';
import type { Protocol } from './flow.ts';
import { addressMatches, type TagContext } from './service-tags.ts';

export interface FirewallPacket {
  srcIp: string;
  dstIp: string;
  dstPort?: number;
  protocol: Protocol;
  /** The requested host name, when the client asked for one (HTTP Host / TLS SNI). */
  host?: string;
}

export interface FirewallDecision {
  action: 'Allow' | 'Deny';
  kind: 'network' | 'application' | 'default';
  collection?: string;
  priority?: number;
  rule?: string;
  /**
   * How a denied web request is answered: the firewall proxies HTTP(S), so a denied HTTP request
   * gets a `470` response and a denied TLS handshake a reset; other traffic is dropped silently.
   */
  answer?: 'http-470' | 'tls-reset';
}

/*
 * FQDNs behind the AzureKubernetesService FQDN tag: the required egress endpoints AKS documents
 * for the public cloud (AKS-docs outbound-rules-control-egress.md, "Azure Global required FQDN").
 */
const FQDN_TAGS: Record<string, string[]> = {
  azurekubernetesservice: [
    '*.hcp.*.azmk8s.io',
    'mcr.microsoft.com',
    '*.data.mcr.microsoft.com',
    'mcr-0001.mcr-msedge.net',
    'management.azure.com',
    'login.microsoftonline.com',
    'packages.microsoft.com',
    'acs-mirror.azureedge.net',
    'packages.aks.azure.com',
  ],
};

/**
 * `*` matches any host; `*.contoso.com` matches names below contoso.com (not contoso.com itself
 * [assumption]); a `*` label inside the pattern matches exactly one label; otherwise exact,
 * case-insensitive.
 */
export function fqdnMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase().replace(/\.$/, '');
  const h = host.toLowerCase().replace(/\.$/, '');
  if (p === '*') return true;
  if (p.startsWith('*.') && !p.slice(2).includes('*')) return h.endsWith(p.slice(1));
  const pl = p.split('.');
  const hl = h.split('.');
  if (pl[0] === '*') return hl.length > pl.length - 1 && labelsMatch(pl.slice(1), hl.slice(hl.length - (pl.length - 1)));
  return pl.length === hl.length && labelsMatch(pl, hl);
}

function labelsMatch(pattern: string[], labels: string[]): boolean {
  return pattern.length === labels.length && pattern.every((l, i) => l === '*' || l === labels[i]);
}

function portIn(spec: string, port: number | undefined): boolean {
  if (spec === '*') return true;
  if (port === undefined) return false;
  const [lo, hi] = spec.split('-');
  return hi === undefined ? Number(lo) === port : port >= Number(lo) && port <= Number(hi);
}

function addressIn(list: string[], ip: number, ctx: TagContext): boolean {
  return list.some((a) => addressMatches(a, ip, ctx));
}

function networkRuleMatches(rule: FirewallNetworkRule, packet: FirewallPacket, ctx: TagContext): boolean {
  const proto = packet.protocol.toUpperCase();
  if (!rule.protocols.some((p) => p === 'Any' || p === proto)) return false;
  if (!addressIn(rule.sourceAddresses, ipToInt(packet.srcIp), ctx)) return false;
  const toAddress = addressIn(rule.destinationAddresses ?? [], ipToInt(packet.dstIp), ctx);
  const toFqdn = !!packet.host && (rule.destinationFqdns ?? []).some((f) => fqdnMatches(f, packet.host!));
  if (!toAddress && !toFqdn) return false;
  return packet.protocol === 'icmp' || rule.destinationPorts.some((p) => portIn(p, packet.dstPort));
}

function applicationRuleMatches(rule: FirewallApplicationRule, packet: FirewallPacket, ctx: TagContext): boolean {
  if (packet.protocol !== 'tcp' || !packet.host) return false;
  if (!addressIn(rule.sourceAddresses, ipToInt(packet.srcIp), ctx)) return false;
  if (!rule.protocols.some((p) => p.port === packet.dstPort)) return false;
  const patterns = [...rule.targetFqdns, ...rule.fqdnTags.flatMap((t) => FQDN_TAGS[t.toLowerCase()] ?? [])];
  return patterns.some((p) => fqdnMatches(p, packet.host!));
}

function byPriority<R>(collections: FirewallRuleCollection<R>[]): FirewallRuleCollection<R>[] {
  return [...collections].sort((a, b) => a.priority - b.priority);
}

/** The web protocol the application rules use on a port (what the firewall proxies there). */
function webProtocol(firewall: AzureFirewall, port: number): 'Http' | 'Https' | undefined {
  for (const c of firewall.applicationRuleCollections) {
    for (const r of c.rules) for (const p of r.protocols) if (p.port === port) return p.protocolType;
  }
  return port === 80 ? 'Http' : port === 443 ? 'Https' : undefined;
}

export function evaluateFirewall(firewall: AzureFirewall, packet: FirewallPacket, ctx: TagContext): FirewallDecision {
  for (const collection of byPriority(firewall.networkRuleCollections)) {
    const rule = collection.rules.find((r) => networkRuleMatches(r, packet, ctx));
    if (rule) return decision('network', collection, rule.name, firewall, packet);
  }
  for (const collection of byPriority(firewall.applicationRuleCollections)) {
    const rule = collection.rules.find((r) => applicationRuleMatches(r, packet, ctx));
    if (rule) return decision('application', collection, rule.name, firewall, packet);
  }
  return { action: 'Deny', kind: 'default', answer: answerFor(firewall, packet) };
}

function decision(
  kind: 'network' | 'application',
  collection: FirewallRuleCollection<unknown>,
  rule: string,
  firewall: AzureFirewall,
  packet: FirewallPacket,
): FirewallDecision {
  const action = collection.action.type;
  const answer = action === 'Deny' && kind === 'application' ? answerFor(firewall, packet) : undefined;
  return { action, kind, collection: collection.name, priority: collection.priority, rule, answer };
}

function answerFor(firewall: AzureFirewall, packet: FirewallPacket): FirewallDecision['answer'] {
  if (packet.protocol !== 'tcp' || packet.dstPort === undefined) return undefined;
  const web = webProtocol(firewall, packet.dstPort);
  return web === 'Http' ? 'http-470' : web === 'Https' ? 'tls-reset' : undefined;
}
