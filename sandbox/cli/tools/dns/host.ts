// BIND's host: `host [-t type] name [server]`. By default it asks A, then AAAA and MX, using the
// search list; prints "has address", "is an alias for", "domain name pointer"; NXDOMAIN is
// "Host x not found: 3(NXDOMAIN)" with exit status 1.
import { isIPv4 } from '../../../core/ip.ts';
import { resolveName, reverseName, type QueryType, type ResolveResult } from '../../../network/dns/index.ts';
import type { CommandContext, CommandResult } from '../../../shell/types.ts';
import type { Sim } from '../../sim.ts';
import { toolEnv, wait } from '../env.ts';
import { engineType, KNOWN_TYPES, reachOf, serverAddress } from './common.ts';

const USAGE = `Usage: host [-aCdilrTvVw] [-c class] [-N ndots] [-t type] [-W time]
            [-R number] [-m flag] [-p port] hostname [server]
`;

const RCODES: Record<string, string> = { NXDOMAIN: '3(NXDOMAIN)', SERVFAIL: '2(SERVFAIL)', REFUSED: '5(REFUSED)' };

function describe(r: ResolveResult): string[] {
  return r.answers.map((rec) => {
    const owner = rec.name;
    switch (rec.type) {
      case 'A':
        return `${owner} has address ${rec.data}`;
      case 'AAAA':
        return `${owner} has IPv6 address ${rec.data}`;
      case 'CNAME':
        return `${owner} is an alias for ${rec.data}`;
      case 'PTR':
        return `${owner} domain name pointer ${rec.data}`;
      case 'SRV':
        return `${owner} has SRV record ${rec.data}`;
      default:
        return `${owner} has ${rec.type} record ${rec.data}`;
    }
  });
}

export function runHost(sim: Sim, ctx: CommandContext): CommandResult {
  const args = ctx.argv.slice(1);
  let type: string | undefined;
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-t') {
      const v = args[++i];
      if (!v) return { stdout: '', stderr: `host: option requires an argument -- 't'\n${USAGE}`, exitCode: 1 };
      if (!KNOWN_TYPES.includes(v.toUpperCase())) return { stdout: '', stderr: `host: invalid type: ${v}\n`, exitCode: 1 };
      type = v.toUpperCase();
    } else if (/^-[aCdilrTvVw46]+$/.test(arg)) continue;
    else if (arg.startsWith('-')) return { stdout: '', stderr: `host: invalid option -- '${arg.slice(1, 2)}'\n${USAGE}`, exitCode: 1 };
    else positional.push(arg);
  }
  if (positional.length === 0) return { stdout: '', stderr: USAGE, exitCode: 1 };
  const env = toolEnv(sim, ctx);
  const [name, serverArg] = positional as [string, string | undefined];
  let elapsed = 0;
  let server: string | undefined;
  let header = '';
  if (serverArg) {
    const s = serverAddress(env, serverArg);
    elapsed += s.elapsedMs;
    if (!s.ip) {
      wait(env, elapsed);
      return { stdout: '', stderr: `host: couldn't get address for '${serverArg}': not found\n`, exitCode: 1 };
    }
    server = s.ip;
    header = `Using domain server:\nName: ${serverArg}\nAddress: ${s.ip}#53\nAliases: \n\n`;
  }
  const reach = reachOf(env);
  const reverse = isIPv4(name) && !type;
  const types: QueryType[] = reverse ? ['PTR'] : type ? [engineType(type) ?? 'A'] : ['A', 'AAAA'];
  const lines: string[] = [];
  let exit = 0;
  for (const t of types) {
    const r = resolveName(env.world, env.from, reverse ? reverseName(name) : name, { type: t, reach, server, client: 'bind', search: !reverse });
    elapsed += r.elapsedMs;
    if (r.status === 'TIMEOUT') {
      lines.push(';; communications error to ' + (server ?? r.server.ip) + '#53: timed out', ';; no servers could be reached');
      exit = 1;
      break;
    }
    if (r.status !== 'NOERROR') {
      lines.push(`Host ${reverse ? reverseName(name) : name} not found: ${RCODES[r.status] ?? r.status}`);
      exit = 1;
      break;
    }
    const found = type && !engineType(type) ? [] : describe(r);
    if (found.length === 0 && type) lines.push(`${r.question.name} has no ${type} record`);
    // The alias line appears once, with the A lookup.
    lines.push(...(t === 'AAAA' ? found.filter((l) => !l.includes(' is an alias for ')) : found));
  }
  wait(env, elapsed);
  return { stdout: header + (lines.length > 0 ? `${lines.join('\n')}\n` : ''), stderr: '', exitCode: exit };
}
