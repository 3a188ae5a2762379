// The `ip` command: `ip [-4|-6] [-br] [-o] addr|link|route [show [dev] IFACE]`, `ip route get
// ADDR`, with iproute2's abbreviations (a, addr, r, ro, l) and its error texts.
import { cidrContains, ipToInt, isIPv4, parseCidr } from '../../../core/ip.ts';
import type { CommandContext, CommandResult } from '../../../shell/types.ts';
import type { Sim } from '../../sim.ts';
import { toolEnv } from '../env.ts';
import { netConfigOf, type NetConfig, type Route } from './model.ts';
import { renderAddr, renderLink, renderRoutes, routeLine, type ShowOptions, type Style } from './render.ts';

const USAGE = `Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }
       ip [ -force ] -batch filename
where  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp |
                   link | macsec | maddress | monitor | mptcp | mroute | mrule |
                   neighbor | neighbour | netconf | netns | nexthop | ntable |
                   ntbl | route | rule | sr | tap | tcpmetrics |
                   token | tunnel | tuntap | vrf | xfrm }
       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |
                    -h[uman-readable] | -iec | -j[son] | -p[retty] |
                    -f[amily] { inet | inet6 | mpls | bridge | link } |
                    -4 | -6 | -M | -B | -0 |
                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |
                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |
                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |
                    -c[olor]}
`;

const OBJECTS: [string, string][] = [
  ['address', 'addr'],
  ['link', 'link'],
  ['route', 'route'],
  ['neighbor', 'neigh'],
  ['neighbour', 'neigh'],
  ['rule', 'rule'],
];

function objectOf(word: string): string | undefined {
  if (word === 'a' || word === 'ad' || word === 'add' || word === 'addr') return 'addr';
  if (word === 'r' || word === 'ro' || word === 'rou') return 'route';
  if (word === 'l' || word === 'li' || word === 'lin') return 'link';
  if (word === 'n' || word === 'ne' || word === 'nei' || word === 'neigh') return 'neigh';
  const hit = OBJECTS.find(([full]) => full.startsWith(word) && word.length >= 2);
  return hit?.[1];
}

function routeGet(cfg: NetConfig, ip: string, style: Style): string | undefined {
  let best: { r: Route; len: number } | undefined;
  for (const r of cfg.routes) {
    if (r.dst === 'default') {
      if (!best || best.len < 0) best = { r, len: 0 };
      continue;
    }
    const cidr = r.dst.includes('/') ? r.dst : `${r.dst}/32`;
    const c = parseCidr(cidr);
    if (cidrContains(c, ipToInt(ip)) && (!best || c.prefix > best.len)) best = { r, len: c.prefix };
  }
  if (!best) return undefined;
  const src = best.r.src ?? cfg.ifaces.find((i) => i.name === best!.r.dev)?.inet[0]?.ip ?? cfg.ifaces.find((i) => i.name === 'eth0')?.inet[0]?.ip;
  const via = best.r.via ? ` via ${best.r.via}` : '';
  if (style === 'busybox') return `${ip}${via} dev ${best.r.dev}  src ${src} \n`;
  return `${ip}${via} dev ${best.r.dev} src ${src} uid 0 \n    cache \n`;
}

export function runIp(sim: Sim, ctx: CommandContext, style: Style): CommandResult {
  const args = ctx.argv.slice(1);
  const o: ShowOptions = {};
  let i = 0;
  for (; i < args.length && args[i]!.startsWith('-'); i++) {
    const a = args[i]!;
    if (a === '-4') o.family = 4;
    else if (a === '-6') o.family = 6;
    else if (a === '-br' || a === '-brief') o.brief = true;
    else if (a === '-o' || a === '-oneline') o.oneline = true;
    else if (['-c', '-color', '-s', '-d', '-details', '-n', '-N', '-h', '-p', '-pretty', '-stats'].includes(a) || a.startsWith('-c=') || a.startsWith('-color=')) continue;
    else if (a === '-V' || a === '-Version') return { stdout: style === 'busybox' ? '' : 'ip utility, iproute2-5.15.0, libbpf 0.5.0\n', stderr: '', exitCode: 0 };
    else return { stdout: '', stderr: `Option "${a}" is unknown, try "ip -help".\n`, exitCode: 255 };
  }
  const objWord = args[i];
  if (objWord === undefined) return { stdout: '', stderr: USAGE, exitCode: 255 };
  if (objWord === 'help') return { stdout: '', stderr: USAGE, exitCode: 255 };
  const obj = objectOf(objWord);
  if (!obj) return { stdout: '', stderr: `Object "${objWord}" is unknown, try "ip help".\n`, exitCode: 1 };
  const rest = args.slice(i + 1);
  const cmd = rest[0] ?? 'show';
  const env = toolEnv(sim, ctx);
  const cfg = netConfigOf(env.world, env.from);
  if (obj === 'neigh' || obj === 'rule') {
    if (obj === 'rule') return { stdout: '0:\tfrom all lookup local\n32766:\tfrom all lookup main\n32767:\tfrom all lookup default\n', stderr: '', exitCode: 0 };
    return { stdout: '', stderr: '', exitCode: 0 };
  }
  const isShow = ['show', 'sh', 's', 'list', 'lst', 'ls', 'l'].includes(cmd);
  if (obj === 'route' && cmd === 'get') {
    const target = rest.find((w, k) => k > 0 && isIPv4(w));
    if (!target) return { stdout: '', stderr: 'Error: an inet prefix is expected rather than "' + (rest[1] ?? '') + '".\n', exitCode: 1 };
    const out = routeGet(cfg, target, style);
    return out ? { stdout: out, stderr: '', exitCode: 0 } : { stdout: '', stderr: 'RTNETLINK answers: Network is unreachable\n', exitCode: 2 };
  }
  if (!isShow && !(obj !== 'route' && cfg.ifaces.some((x) => x.name === cmd))) {
    if (['add', 'del', 'delete', 'change', 'replace', 'set', 'flush', 'append'].includes(cmd)) {
      return { stdout: '', stderr: 'RTNETLINK answers: Operation not permitted\n', exitCode: 2 };
    }
    return { stdout: '', stderr: `Command "${cmd}" is unknown, try "ip ${obj === 'addr' ? 'address' : obj} help".\n`, exitCode: 1 };
  }
  const words = isShow ? rest.slice(1) : rest;
  const devIdx = words.indexOf('dev');
  const dev = devIdx !== -1 ? words[devIdx + 1] : words.find((w) => w !== 'up');
  if (dev !== undefined && obj !== 'route' && !cfg.ifaces.some((x) => x.name === dev)) {
    return { stdout: '', stderr: `Device "${dev}" does not exist.\n`, exitCode: 1 };
  }
  if (dev) o.dev = dev;
  if (obj === 'addr') return { stdout: renderAddr(cfg, style, o), stderr: '', exitCode: 0 };
  if (obj === 'link') return { stdout: renderLink(cfg, style, o), stderr: '', exitCode: 0 };
  if (o.family === 6) return { stdout: '', stderr: '', exitCode: 0 };
  const routes = dev ? { ...cfg, routes: cfg.routes.filter((r) => r.dev === dev) } : cfg;
  if (dev) return { stdout: routes.routes.map((r) => `${routeLine({ ...r, dev: '' }, style).replace(' dev ', '').replace(/\s+$/, '')} \n`).join(''), stderr: '', exitCode: 0 };
  return { stdout: renderRoutes(routes, style), stderr: '', exitCode: 0 };
}
