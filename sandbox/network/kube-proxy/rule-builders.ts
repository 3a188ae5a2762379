// Small constructors so rule-writing code reads like the argument lists kube-proxy, kubelet and
// ip-masq-agent pass to iptables-restore, while producing the structured model.
import { parseCidr, type Cidr } from '../../core/ip.ts';
import type { AddressMatch, Chain, ConntrackState, L4Protocol, Match, Rule, Table, TableName, Target } from './types.ts';

// Parsing through ipaddr.js dominates rule building on big clusters; the same few thousand
// addresses recur on every node, so parsed blocks are shared (they are never mutated).
const parsed = new Map<string, Cidr>();

export function address(text: string, negate = false): AddressMatch {
  let cidr = parsed.get(text);
  if (!cidr) {
    cidr = parseCidr(text);
    if (parsed.size > 100_000) parsed.clear();
    parsed.set(text, cidr);
  }
  return { text, cidr, negate };
}

export const comment = (text: string): Match => ({ m: 'comment', text });
export const l4 = (proto: L4Protocol, dport?: number): Match => (dport === undefined ? { m: 'l4', proto } : { m: 'l4', proto, dport });
export const addrtype = (type: 'src' | 'dst', negate = false): Match => ({ m: 'addrtype', type, addrType: 'LOCAL', negate });
export const conntrack = (states: ConntrackState[], negate = false): Match => ({ m: 'conntrack', states, negate });
export const mark = (value: number, mask: number, negate = false): Match => ({ m: 'mark', value, mask, negate });

export const jump = (chain: string): Target => ({ t: 'jump', chain });

/** kube-proxy's `--probability` for the rule that picks 1 of n remaining endpoints (Go "%0.10f"). */
export function probabilityText(n: number): string {
  return (1 / n).toFixed(10);
}

/**
 * The statistic match as the kernel holds it: xt_statistic stores lround(2^31 × p) and
 * iptables-save prints that back with 11 decimals (0.3333333333 → 0.33333333349).
 */
export function statistic(written: string): Match {
  return { m: 'statistic', written, kernel: Math.round(0x80000000 * Number(written)) };
}

export function rule(parts: Partial<Rule> & { target: Target }): Rule {
  return { matches: [], ...parts };
}

export function emptyTable(name: TableName, builtins: readonly string[]): Table {
  const chains = new Map<string, Chain>();
  for (const chain of builtins) chains.set(chain, { name: chain, policy: 'ACCEPT', rules: [] });
  return { name, chains };
}

/** The chain of that name, created (empty, no policy) if it does not exist yet. */
export function chainOf(table: Table, name: string): Chain {
  let chain = table.chains.get(name);
  if (!chain) {
    chain = { name, policy: null, rules: [] };
    table.chains.set(name, chain);
  }
  return chain;
}

export function append(table: Table, chain: string, r: Rule): void {
  chainOf(table, chain).rules.push(r);
}
