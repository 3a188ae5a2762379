// `ip addr`, `ip link` and `ip route` as iproute2 prints them (and BusyBox's ip, which differs in
// small ways: no "group default", M-DOWN on veth ends, no proto on routes, "scope link  src").
import type { Address, Iface, NetConfig, Route } from './model.ts';

export type Style = 'iproute2' | 'busybox';

function linkLine(i: Iface, style: Style): string {
  const name = `${i.name}${i.peer !== undefined ? `@if${i.peer}` : ''}`;
  const flags = style === 'busybox' && i.peer !== undefined ? [...i.flags, 'M-DOWN'] : i.flags;
  if (style === 'busybox') {
    return `${i.index}: ${name}: <${flags.join(',')}> mtu ${i.mtu} qdisc ${i.qdisc} ${i.master ? `master ${i.master} ` : ''}state ${i.state} ${i.qlen ? `qlen ${i.qlen}` : ''}`;
  }
  return `${i.index}: ${name}: <${flags.join(',')}> mtu ${i.mtu} qdisc ${i.qdisc}${i.master ? ` master ${i.master}` : ''} state ${i.state} group default${i.qlen ? ` qlen ${i.qlen}` : ' '}`;
}

function etherLines(i: Iface, style: Style): string[] {
  const brd = i.kind === 'loopback' ? '00:00:00:00:00:00' : 'ff:ff:ff:ff:ff:ff';
  let line = `    link/${i.kind} ${i.mac} brd ${brd}`;
  if (style === 'iproute2' && i.linkNetns !== undefined) line += /^\d+$/.test(i.linkNetns) ? ` link-netnsid ${i.linkNetns}` : ` link-netns ${i.linkNetns}`;
  const out = [line];
  if (style === 'iproute2' && i.altname) out.push(`    altname ${i.altname}`);
  return out;
}

function lifetime(a: Address): string {
  return a.dynamic ? '       valid_lft 85983sec preferred_lft 85983sec' : '       valid_lft forever preferred_lft forever';
}

function inetLines(i: Iface, a: Address, style: Style): string[] {
  const metric = style === 'iproute2' && a.metric !== undefined ? ` metric ${a.metric}` : '';
  const brd = a.brd ? ` brd ${a.brd}` : '';
  const dyn = a.dynamic ? ' dynamic noprefixroute' : '';
  return [`    inet ${a.ip}/${a.prefix}${metric}${brd} scope ${a.scope}${dyn} ${i.name}`, lifetime(a)];
}

function inet6Lines(a: Address): string[] {
  return [`    inet6 ${a.ip}/${a.prefix} scope ${a.scope} `, lifetime(a)];
}

export interface ShowOptions {
  family?: 4 | 6;
  dev?: string;
  brief?: boolean;
  oneline?: boolean;
}

export function renderAddr(cfg: NetConfig, style: Style, o: ShowOptions = {}): string {
  const lines: string[] = [];
  for (const i of cfg.ifaces) {
    if (o.dev && i.name !== o.dev) continue;
    const v4 = o.family === 6 ? [] : i.inet;
    const v6 = o.family === 4 ? [] : i.inet6;
    if (o.brief) {
      const addrs = [...v4, ...v6].map((a) => `${a.ip}/${a.prefix}`).join(' ');
      if (o.family && !addrs) continue;
      lines.push(`${`${i.name}${i.peer !== undefined ? `@if${i.peer}` : ''}`.padEnd(16)} ${i.state.padEnd(14)} ${addrs}${addrs ? ' ' : ''}`);
      continue;
    }
    if (o.oneline) {
      for (const a of v4) lines.push(`${i.index}: ${i.name}    inet ${a.ip}/${a.prefix}${a.metric !== undefined ? ` metric ${a.metric}` : ''}${a.brd ? ` brd ${a.brd}` : ''} scope ${a.scope} ${i.name}\\${lifetime(a)}`);
      for (const a of v6) lines.push(`${i.index}: ${i.name}    inet6 ${a.ip}/${a.prefix} scope ${a.scope} \\${lifetime(a)}`);
      continue;
    }
    if (o.family && v4.length + v6.length === 0) continue;
    lines.push(linkLine(i, style));
    if (!o.family) lines.push(...etherLines(i, style));
    for (const a of v4) lines.push(...inetLines(i, a, style));
    for (const a of v6) lines.push(...inet6Lines(a));
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

export function renderLink(cfg: NetConfig, style: Style, o: ShowOptions = {}): string {
  const lines: string[] = [];
  for (const i of cfg.ifaces) {
    if (o.dev && i.name !== o.dev) continue;
    if (o.brief) {
      lines.push(`${`${i.name}${i.peer !== undefined ? `@if${i.peer}` : ''}`.padEnd(16)} ${i.state.padEnd(14)} ${i.mac} <${i.flags.join(',')}> `);
      continue;
    }
    lines.push(linkLine(i, style), ...etherLines(i, style));
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

export function routeLine(r: Route, style: Style): string {
  if (style === 'busybox') {
    let s = `${r.dst} `;
    if (r.via) s += `via ${r.via} `;
    s += `dev ${r.dev} `;
    if (r.scope) s += `scope ${r.scope} `;
    if (r.src) s += ` src ${r.src} `;
    if (r.metric !== undefined) s += ` metric ${r.metric} `;
    return s;
  }
  let s = r.dst;
  if (r.via) s += ` via ${r.via}`;
  s += ` dev ${r.dev}`;
  if (r.proto) s += ` proto ${r.proto}`;
  if (r.scope) s += ` scope ${r.scope}`;
  if (r.src) s += ` src ${r.src}`;
  if (r.metric !== undefined) s += ` metric ${r.metric}`;
  return `${s} `;
}

export function renderRoutes(cfg: NetConfig, style: Style): string {
  return cfg.routes.map((r) => `${routeLine(r, style)}\n`).join('');
}
