// The network and system tools every host gets, chosen by what the host is: the workstation,
// an AKS node (root), or a pod (by its image). A tool the image lacks answers like the pod's
// shell does for an unknown command.
import type { CommandDefinition, Host } from '../../shell/types.ts';
import type { Sim } from '../sim.ts';
import { runBusyboxNslookup } from './busybox/nslookup.ts';
import { runBusyboxWget } from './busybox/wget.ts';
import { runDig } from './dns/dig.ts';
import { runHost } from './dns/host.ts';
import { runNslookup } from './dns/nslookup.ts';
import { runBusyboxNc, runBusyboxTelnet, runOpenbsdNc } from './nc.ts';
import { runIp } from './ip/command.ts';
import { runIfconfig } from './ip/ifconfig.ts';
import { runHostname, runIptables, runIptablesSave } from './system.ts';
import { runJq } from './jq/command.ts';
import { runBusyboxPing, runIputilsPing } from './ping.ts';
import { runBusyboxTraceroute, runTraceroute } from './traceroute.ts';
import { toolCompleter } from './complete.ts';
import { curlCommand } from './curl/command.ts';
import { podOfHost } from './env.ts';
import { hasTool, NODE_TOOLS, TOOL_NAMES, toolsetForImage, WORKSTATION_TOOLS, type ToolName, type Toolset } from './images.ts';
import { missingTool } from './not-found.ts';

export function toolsetOf(sim: Sim, host: Host): Toolset | undefined {
  if (host.kind === 'workstation') return WORKSTATION_TOOLS;
  if (host.kind === 'node') return NODE_TOOLS;
  if (host.kind === 'pod') {
    const pod = podOfHost(sim, host);
    return toolsetForImage(pod?.spec.containers[0]?.image ?? 'busybox');
  }
  return undefined;
}

function build(sim: Sim, name: ToolName, t: Toolset): CommandDefinition | undefined {
  switch (name) {
    case 'curl':
      return curlCommand(sim, { version: t.curl!, client: t.resolver });
    case 'nslookup':
      return t.nslookup === 'busybox'
        ? { name: 'nslookup', summary: 'query DNS (BusyBox)', run: (ctx) => runBusyboxNslookup(sim, ctx) }
        : { name: 'nslookup', summary: 'query Internet name servers', run: (ctx) => runNslookup(sim, ctx) };
    case 'dig':
      return { name: 'dig', summary: 'DNS lookup utility', run: (ctx) => runDig(sim, ctx) };
    case 'host':
      return { name: 'host', summary: 'DNS lookup utility', run: (ctx) => runHost(sim, ctx) };
    case 'ping':
      return t.ping === 'busybox'
        ? { name: 'ping', summary: 'send ICMP ECHO_REQUESTs (BusyBox)', run: (ctx) => runBusyboxPing(sim, ctx) }
        : { name: 'ping', summary: 'send ICMP ECHO_REQUEST to network hosts', run: (ctx) => runIputilsPing(sim, ctx, t.resolver) };
    case 'traceroute':
      return t.traceroute === 'busybox'
        ? { name: 'traceroute', summary: 'trace the route to a host (BusyBox)', run: (ctx) => runBusyboxTraceroute(sim, ctx) }
        : { name: 'traceroute', summary: 'print the route packets trace to network host', run: (ctx) => runTraceroute(sim, ctx, t.root) };
    case 'nc':
      return t.nc === 'busybox'
        ? { name: 'nc', summary: 'TCP/UDP connections (BusyBox)', run: (ctx) => runBusyboxNc(sim, ctx) }
        : { name: 'nc', summary: 'arbitrary TCP and UDP connections', run: (ctx) => runOpenbsdNc(sim, ctx) };
    case 'ip':
      return { name: 'ip', summary: 'show routing, network devices and interfaces', run: (ctx) => runIp(sim, ctx, t.ip === 'busybox' ? 'busybox' : 'iproute2'), complete: (words) => (words.length === 1 ? ['addr', 'address', 'link', 'route', 'neigh', 'rule'].filter((w) => w.startsWith(words[0] ?? '')) : []) };
    case 'ifconfig':
      return { name: 'ifconfig', summary: 'configure a network interface (display only)', run: (ctx) => runIfconfig(sim, ctx) };
    case 'hostname':
      return { name: 'hostname', summary: 'show the system\'s host name', run: (ctx) => runHostname(sim, ctx, t.hostname === 'busybox' ? 'busybox' : 'debian') };
    case 'iptables':
      return { name: 'iptables', summary: 'administration tool for IPv4 packet filtering and NAT', run: (ctx) => runIptables(sim, ctx, t.root), complete: (words) => ['-t', 'nat', 'filter', 'mangle', '-L', '-S', '-n', '-v', '--line-numbers'].filter((w) => w.startsWith(words[words.length - 1] ?? '')) };
    case 'iptables-save':
      return { name: 'iptables-save', summary: 'dump iptables rules', run: (ctx) => runIptablesSave(sim, ctx, t.root) };
    case 'jq':
      return { name: 'jq', summary: 'command-line JSON processor', run: (ctx) => runJq(ctx, t.jq!, sim.world.now()) };
    case 'telnet':
      return { name: 'telnet', summary: 'connect to a TCP port (BusyBox)', run: (ctx) => runBusyboxTelnet(sim, ctx) };
    case 'wget':
      return { name: 'wget', summary: 'retrieve files via HTTP (BusyBox)', run: (ctx) => runBusyboxWget(sim, ctx) };
    default:
      return undefined;
  }
}

/** A tool never throws out to the shell: a bug shows as an internal error line, status 1. */
function guarded(def: CommandDefinition): CommandDefinition {
  return {
    ...def,
    run(ctx) {
      try {
        return def.run(ctx);
      } catch (error) {
        return { stdout: '', stderr: `${def.name}: internal error: ${error instanceof Error ? error.message : String(error)}\n`, exitCode: 1 };
      }
    },
  };
}

export function toolCommands(sim: Sim, host: Host): CommandDefinition[] {
  const t = toolsetOf(sim, host);
  if (!t) return [];
  const out: CommandDefinition[] = [];
  for (const name of TOOL_NAMES) {
    if (hasTool(t, name)) {
      const def = build(sim, name, t);
      if (def) out.push(guarded({ ...def, complete: def.complete ?? toolCompleter(sim, name) }));
    } else if (host.kind === 'pod' && name !== 'hostname') {
      out.push(missingTool(name, t.shell));
    }
  }
  return out;
}
