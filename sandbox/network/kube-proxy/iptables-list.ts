// `iptables [-t table] -L [chain] [-n] [-v] [--line-numbers]` as legacy iptables 1.8.7 prints
// it (iptables.c print_header / print_firewall): fixed-width columns, a '!' or ' ' before each
// address, matches and target options appended after the destination column.
import { orderedChains } from './iptables-save.ts';
import { listAddress, listExtras, targetName } from './render-rule.ts';
import type { Chain, NodeRuleSet, Rule, Table, TableName } from './types.ts';

export interface ListOptions {
  /** -n: numeric addresses and ports. */
  numeric?: boolean;
  /** -v: packet/byte counters and interfaces. */
  verbose?: boolean;
  lineNumbers?: boolean;
}

const pad = (text: string, width: number): string => text.padEnd(width);

function references(table: Table, chain: string): number {
  let n = 0;
  for (const c of table.chains.values()) for (const r of c.rules) if (r.target.t === 'jump' && r.target.chain === chain) n++;
  return n;
}

function header(table: Table, chain: Chain, opts: ListOptions): string[] {
  const title = chain.policy
    ? `Chain ${chain.name} (policy ${chain.policy}${opts.verbose ? ' 0 packets, 0 bytes' : ''})`
    : `Chain ${chain.name} (${references(table, chain.name)} references)`;
  let columns = opts.lineNumbers ? 'num  ' : '';
  if (opts.verbose) columns += ' pkts bytes ';
  columns += `${pad('target', 9)}  prot opt`;
  if (opts.verbose) columns += ` ${pad('in', 6)} ${pad('out', 6)} `;
  columns += ` ${pad('source', 19)}  ${pad('destination', 19)} `;
  return [title, columns];
}

function row(r: Rule, index: number, opts: ListOptions): string {
  const numeric = !!opts.numeric;
  let out = opts.lineNumbers ? `${pad(String(index + 1), 4)} ` : '';
  if (opts.verbose) out += '    0     0 ';
  out += `${pad(targetName(r.target), 9)}  ${pad(r.proto ?? 'all', 5)}-- `;
  if (opts.verbose) {
    const any = numeric ? '*' : 'any';
    out += ` ${pad(any, 6)} ${pad(any, 6)} `;
  }
  out += `${r.src?.negate ? '!' : ' '}${pad(listAddress(r.src, numeric), 19)} `;
  out += `${r.dst?.negate ? '!' : ' '}${pad(listAddress(r.dst, numeric), 19)} `;
  return out + listExtras(r, numeric);
}

/** The listing, or null when the named chain does not exist (print NO_SUCH_CHAIN, exit 1). */
export function iptablesList(rules: NodeRuleSet, table: TableName, chain: string | undefined, opts: ListOptions = {}): string | null {
  const t = rules.tables[table];
  let chains = orderedChains(t);
  if (chain !== undefined) {
    const one = t.chains.get(chain);
    if (!one) return null;
    chains = [one];
  }
  const blocks = chains.map((c) => [...header(t, c, opts), ...c.rules.map((r, i) => row(r, i, opts))].join('\n'));
  return blocks.join('\n\n') + '\n';
}
