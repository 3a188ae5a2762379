// One rule as iptables prints it back from the kernel (legacy iptables 1.8.7): the `-A` line of
// iptables-save / iptables -S (IP part -s -d -p first, then the matches in the order they were
// written, then -j), and the columns of iptables -L. Written from the libxtables save/print
// conventions, e.g. comments quoted unless purely [A-Za-z0-9_-].
import { intToIp } from '../../core/ip.ts';
import type { AddressMatch, ConntrackState, Match, Rule, Target } from './types.ts';

const CT_ORDER: ConntrackState[] = ['INVALID', 'NEW', 'RELATED', 'ESTABLISHED', 'UNTRACKED', 'SNAT', 'DNAT'];
const hex = (n: number): string => `0x${(n >>> 0).toString(16)}`;

/** xtables_save_string: bare when only [A-Za-z0-9_-], else double-quoted with \ " ' escaped. */
export function saveString(text: string): string {
  if (/^[A-Za-z0-9_-]+$/.test(text)) return text;
  return `"${text.replace(/["\\']/g, (c) => `\\${c}`)}"`;
}

function states(list: ConntrackState[]): string {
  return CT_ORDER.filter((s) => list.includes(s)).join(',');
}

/** The kernel's 31-bit probability printed back with 11 decimals (libxt_statistic). */
export function kernelProbability(kernel: number): string {
  return (kernel / 0x80000000).toFixed(11);
}

function saveAddress(a: AddressMatch): string {
  return `${intToIp(a.cidr.base)}/${a.cidr.prefix}`;
}

function saveMatch(m: Match): string {
  switch (m.m) {
    case 'comment':
      return ` -m comment --comment ${saveString(m.text)}`;
    case 'l4':
      return ` -m ${m.proto}${m.dport === undefined ? '' : ` --dport ${m.dport}`}`;
    case 'addrtype':
      return ` -m addrtype${m.negate ? ' !' : ''} --${m.type}-type ${m.addrType}`;
    case 'statistic':
      return ` -m statistic --mode random --probability ${kernelProbability(m.kernel)}`;
    case 'mark':
      return ` -m mark${m.negate ? ' !' : ''} --mark ${hex(m.value)}${m.mask === 0xffffffff ? '' : `/${hex(m.mask)}`}`;
    case 'conntrack':
      return ` -m conntrack${m.negate ? ' !' : ''} --ctstate ${states(m.states)}`;
    case 'recent':
      return m.mode === 'set'
        ? ` -m recent --set --name ${m.name} --mask 255.255.255.255 --rsource`
        : ` -m recent --rcheck${m.seconds ? ` --seconds ${m.seconds}` : ''}${m.reap ? ' --reap' : ''} --name ${m.name} --mask 255.255.255.255 --rsource`;
  }
}

function saveTarget(t: Target): string {
  switch (t.t) {
    case 'jump':
      return ` -j ${t.chain}`;
    case 'DNAT':
      return ` -j DNAT --to-destination ${t.ip}:${t.port}`;
    case 'MARK':
      // --or-mark V is stored as xset V/V, --xor-mark V as xset V/0.
      return ` -j MARK --set-xmark ${hex(t.value)}/${t.op === 'or' ? hex(t.value) : '0x0'}`;
    case 'MASQUERADE':
      return ` -j MASQUERADE${t.randomFully ? ' --random-fully' : ''}`;
    case 'REJECT':
      return ' -j REJECT --reject-with icmp-port-unreachable';
    case 'none':
      return '';
    default:
      return ` -j ${t.t}`;
  }
}

/** The rule as `iptables-save` and `iptables -S` print it: `-A CHAIN …`. */
export function saveRule(chain: string, r: Rule): string {
  let out = `-A ${chain}`;
  if (r.src) out += `${r.src.negate ? ' !' : ''} -s ${saveAddress(r.src)}`;
  if (r.dst) out += `${r.dst.negate ? ' !' : ''} -d ${saveAddress(r.dst)}`;
  if (r.proto) out += ` -p ${r.proto}`;
  for (const m of r.matches) out += saveMatch(m);
  return out + saveTarget(r.target);
}

// ---- iptables -L ----

/** The name in the `target` column. */
export function targetName(t: Target): string {
  if (t.t === 'jump') return t.chain;
  return t.t === 'none' ? '' : t.t;
}

// /etc/services names iptables -L uses for ports without -n (only the ones services here use).
const SERVICE_NAMES: Record<number, string> = { 22: 'ssh', 53: 'domain', 80: 'http', 443: 'https', 8080: 'http-alt' };

export function listAddress(a: AddressMatch | undefined, numeric: boolean): string {
  if (!a) return numeric ? '0.0.0.0/0' : 'anywhere';
  const ip = intToIp(a.cidr.base);
  const text = a.cidr.prefix === 32 ? ip : `${ip}/${a.cidr.prefix}`;
  return a.cidr.prefix === 0 && !numeric ? 'anywhere' : text;
}

function listMatch(m: Match, numeric: boolean): string {
  switch (m.m) {
    case 'comment':
      return ` /* ${m.text} */`;
    case 'l4': {
      if (m.dport === undefined) return ` ${m.proto}`;
      const port = !numeric && SERVICE_NAMES[m.dport] ? SERVICE_NAMES[m.dport] : String(m.dport);
      return ` ${m.proto} dpt:${port}`;
    }
    case 'addrtype':
      return ` ADDRTYPE match ${m.type}-type ${m.negate ? '!' : ''}${m.addrType}`;
    case 'statistic':
      return ` statistic mode random probability ${kernelProbability(m.kernel)}`;
    case 'mark':
      return ` mark match${m.negate ? ' !' : ''} ${hex(m.value)}${m.mask === 0xffffffff ? '' : `/${hex(m.mask)}`}`;
    case 'conntrack':
      return `${m.negate ? ' !' : ''} ctstate ${states(m.states)}`;
    case 'recent':
      return m.mode === 'set'
        ? ` recent: SET name: ${m.name} side: source mask: 255.255.255.255`
        : ` recent: CHECK${m.seconds ? ` seconds: ${m.seconds}` : ''}${m.reap ? ' reap' : ''} name: ${m.name} side: source mask: 255.255.255.255`;
  }
}

function listTarget(t: Target): string {
  switch (t.t) {
    case 'DNAT':
      return ` to:${t.ip}:${t.port}`;
    case 'MARK':
      return ` MARK ${t.op} ${hex(t.value)}`;
    case 'MASQUERADE':
      return t.randomFully ? ' random-fully' : '';
    case 'REJECT':
      return ' reject-with icmp-port-unreachable';
    default:
      return '';
  }
}

/** Everything after the destination column: matches, then target options. */
export function listExtras(r: Rule, numeric: boolean): string {
  let out = '';
  for (const m of r.matches) out += listMatch(m, numeric);
  return out + listTarget(r.target);
}
