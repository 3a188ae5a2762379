// ifconfig (BusyBox in small images, net-tools where installed): the same interfaces as `ip addr`.
import type { CommandContext, CommandResult } from '../../../shell/types.ts';
import type { Sim } from '../../sim.ts';
import { toolEnv } from '../env.ts';
import { netConfigOf, type Iface } from './model.ts';

function mask(prefix: number): string {
  const m = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return [24, 16, 8, 0].map((s) => (m >>> s) & 255).join('.');
}

function busybox(i: Iface): string {
  const lines = [`${i.name.padEnd(10)}Link encap:${i.kind === 'loopback' ? 'Local Loopback' : 'Ethernet'}  ${i.kind === 'loopback' ? '' : `HWaddr ${i.mac.toUpperCase()}  `}`];
  for (const a of i.inet) lines.push(`          inet addr:${a.ip}  ${a.brd ? `Bcast:${a.brd}  ` : ''}Mask:${mask(a.prefix)}`);
  for (const a of i.inet6) lines.push(`          inet6 addr: ${a.ip}/${a.prefix} Scope:${a.scope === 'host' ? 'Host' : a.scope === 'link' ? 'Link' : 'Global'}`);
  const flags = i.kind === 'loopback' ? 'UP LOOPBACK RUNNING' : 'UP BROADCAST RUNNING MULTICAST';
  lines.push(`          ${flags}  MTU:${i.mtu}  Metric:1`);
  lines.push('          RX packets:0 errors:0 dropped:0 overruns:0 frame:0', '          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0', `          collisions:0 txqueuelen:${i.qlen ?? 0} `, '          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)');
  return `${lines.join('\n')}\n`;
}

export function runIfconfig(sim: Sim, ctx: CommandContext): CommandResult {
  const env = toolEnv(sim, ctx);
  const cfg = netConfigOf(env.world, env.from);
  const dev = ctx.argv[1];
  const list = cfg.ifaces.filter((i) => (dev ? i.name === dev : i.inet.length > 0 || i.kind === 'loopback'));
  if (dev && list.length === 0) return { stdout: '', stderr: `ifconfig: ${dev}: error fetching interface information: Device not found\n`, exitCode: 1 };
  const order = [...list.filter((i) => i.kind !== 'loopback'), ...list.filter((i) => i.kind === 'loopback')];
  return { stdout: order.map(busybox).join('\n'), stderr: '', exitCode: 0 };
}
