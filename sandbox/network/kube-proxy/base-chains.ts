// The rules on an AKS node that do not depend on any Service: AKS's WireServer block (node
// bootstrap), kubelet's chains, and kube-proxy's fixed hooks and helper chains. Built-in chain
// rules appear in the order the writers leave them: kube-proxy *prepends* its jumps, kubelet
// prepends its KUBE-FIREWALL jumps earlier, the node bootstrap inserts its DROPs before both
// start, and ip-masq-agent appends afterwards.
import { address, addrtype, append, chainOf, comment, conntrack, emptyTable, jump, l4, mark, rule } from './rule-builders.ts';
import type { Rule, Table, TableName } from './types.ts';

export const MASQ_MARK = 0x4000;

const BUILTINS: Record<TableName, readonly string[]> = {
  mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  filter: ['INPUT', 'FORWARD', 'OUTPUT'],
  nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'],
};

// kube-proxy's iptablesJumpChains, in its order; each is prepended, so the last one of a hook
// ends up first in that hook.
const KUBE_PROXY_JUMPS: { table: 'filter' | 'nat'; hook: string; to: string; text: string; newOnly: boolean }[] = [
  { table: 'filter', hook: 'INPUT', to: 'KUBE-EXTERNAL-SERVICES', text: 'kubernetes externally-visible service portals', newOnly: true },
  { table: 'filter', hook: 'FORWARD', to: 'KUBE-EXTERNAL-SERVICES', text: 'kubernetes externally-visible service portals', newOnly: true },
  { table: 'filter', hook: 'INPUT', to: 'KUBE-NODEPORTS', text: 'kubernetes health check service ports', newOnly: false },
  { table: 'filter', hook: 'FORWARD', to: 'KUBE-SERVICES', text: 'kubernetes service portals', newOnly: true },
  { table: 'filter', hook: 'OUTPUT', to: 'KUBE-SERVICES', text: 'kubernetes service portals', newOnly: true },
  { table: 'filter', hook: 'FORWARD', to: 'KUBE-FORWARD', text: 'kubernetes forwarding rules', newOnly: false },
  { table: 'filter', hook: 'INPUT', to: 'KUBE-PROXY-FIREWALL', text: 'kubernetes load balancer firewall', newOnly: true },
  { table: 'filter', hook: 'OUTPUT', to: 'KUBE-PROXY-FIREWALL', text: 'kubernetes load balancer firewall', newOnly: true },
  { table: 'filter', hook: 'FORWARD', to: 'KUBE-PROXY-FIREWALL', text: 'kubernetes load balancer firewall', newOnly: true },
  { table: 'nat', hook: 'OUTPUT', to: 'KUBE-SERVICES', text: 'kubernetes service portals', newOnly: false },
  { table: 'nat', hook: 'PREROUTING', to: 'KUBE-SERVICES', text: 'kubernetes service portals', newOnly: false },
  { table: 'nat', hook: 'POSTROUTING', to: 'KUBE-POSTROUTING', text: 'kubernetes postrouting rules', newOnly: false },
];

function prepend(table: Table, chain: string, r: Rule): void {
  chainOf(table, chain).rules.unshift(r);
}

function localnetBlock(): Rule {
  return rule({
    src: address('127.0.0.0/8', true),
    dst: address('127.0.0.0/8'),
    matches: [comment('block incoming localnet connections'), conntrack(['RELATED', 'ESTABLISHED', 'DNAT'], true)],
    target: { t: 'DROP' },
  });
}

/** Empty tables with the built-in chains, the node bootstrap's rules and kubelet's chains. */
export function nodeBaseTables(): Record<TableName, Table> {
  const tables = {
    mangle: emptyTable('mangle', BUILTINS.mangle),
    filter: emptyTable('filter', BUILTINS.filter),
    nat: emptyTable('nat', BUILTINS.nat),
  };
  // AgentBaker (cse_config.sh) keeps pods away from the WireServer / host agent ports with two
  // `iptables -I FORWARD` DROPs (the host itself goes through OUTPUT and keeps access).
  for (const port of [80, 32526]) {
    prepend(tables.filter, 'FORWARD', rule({ dst: address('168.63.129.16'), proto: 'tcp', matches: [l4('tcp', port)], target: { t: 'DROP' } }));
  }
  // kubelet (pkg/kubelet/kubelet_network_linux.go): the iptables-mode hint, its canary chains,
  // and the martian-packet guard for route_localnet.
  chainOf(tables.mangle, 'KUBE-IPTABLES-HINT');
  for (const t of [tables.mangle, tables.nat, tables.filter]) chainOf(t, 'KUBE-KUBELET-CANARY');
  chainOf(tables.filter, 'KUBE-FIREWALL');
  prepend(tables.filter, 'OUTPUT', rule({ target: jump('KUBE-FIREWALL') }));
  prepend(tables.filter, 'INPUT', rule({ target: jump('KUBE-FIREWALL') }));
  append(tables.filter, 'KUBE-FIREWALL', localnetBlock());
  return tables;
}

/**
 * kube-proxy's service-independent part: hooks, KUBE-POSTROUTING, KUBE-MARK-MASQ and
 * KUBE-FORWARD, plus its copy of the localnet guard (localhostNodePorts is on by default, so
 * kube-proxy also rewrites KUBE-FIREWALL). Chains are created in the order syncProxyRules
 * writes them; service rules are appended between this and finishKubeProxyTables().
 */
export function writeKubeProxyBase(tables: Record<TableName, Table>): void {
  for (const j of KUBE_PROXY_JUMPS) {
    const matches = j.newOnly ? [conntrack(['NEW']), comment(j.text)] : [comment(j.text)];
    prepend(tables[j.table], j.hook, rule({ matches, target: jump(j.to) }));
  }
  for (const t of [tables.mangle, tables.nat, tables.filter]) chainOf(t, 'KUBE-PROXY-CANARY');
  for (const name of ['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-FORWARD', 'KUBE-NODEPORTS', 'KUBE-PROXY-FIREWALL']) {
    chainOf(tables.filter, name);
  }
  for (const name of ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ']) chainOf(tables.nat, name);

  const nat = tables.nat;
  append(nat, 'KUBE-POSTROUTING', rule({ matches: [mark(MASQ_MARK, MASQ_MARK, true)], target: { t: 'RETURN' } }));
  // Clear the mark so a packet that re-traverses the stack is not masqueraded twice.
  append(nat, 'KUBE-POSTROUTING', rule({ target: { t: 'MARK', op: 'xor', value: MASQ_MARK } }));
  append(
    nat,
    'KUBE-POSTROUTING',
    rule({ matches: [comment('kubernetes service traffic requiring SNAT')], target: { t: 'MASQUERADE', randomFully: true } }),
  );
  append(nat, 'KUBE-MARK-MASQ', rule({ target: { t: 'MARK', op: 'or', value: MASQ_MARK } }));

  // Same rule kubelet wrote; kube-proxy's restore flushes the chain and writes it once.
  chainOf(tables.filter, 'KUBE-FIREWALL').rules = [localnetBlock()];
}

/** The rules kube-proxy writes after all services: the NodePort tail call and KUBE-FORWARD. */
export function finishKubeProxyTables(tables: Record<TableName, Table>): void {
  // nodePortAddresses is empty on AKS (match all) and localhostNodePorts defaults to true, so
  // the tail call has no `! -d 127.0.0.0/8`.
  append(
    tables.nat,
    'KUBE-SERVICES',
    rule({
      matches: [comment('kubernetes service nodeports; NOTE: this must be the last rule in this chain'), addrtype('dst')],
      target: jump('KUBE-NODEPORTS'),
    }),
  );
  const filter = tables.filter;
  // Assumption: nf_conntrack_tcp_be_liberal is not set on AKS nodes, so INVALID packets are dropped.
  append(filter, 'KUBE-FORWARD', rule({ matches: [conntrack(['INVALID'])], target: { t: 'DROP' } }));
  append(
    filter,
    'KUBE-FORWARD',
    rule({ matches: [comment('kubernetes forwarding rules'), mark(MASQ_MARK, MASQ_MARK)], target: { t: 'ACCEPT' } }),
  );
  append(
    filter,
    'KUBE-FORWARD',
    rule({ matches: [comment('kubernetes forwarding conntrack rule'), conntrack(['RELATED', 'ESTABLISHED'])], target: { t: 'ACCEPT' } }),
  );
}
