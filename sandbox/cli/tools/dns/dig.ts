// BIND 9.18's dig: `dig [@server] [-t type] [-x addr] [+short] [+tcp] [+search] [+noall]
// [+answer] [+time=N] [+tries=N] name [type]`. The answer and its text come from the DNS engine
// (formatDig); +noall/+answer select sections of it.
import { isIPv4 } from '../../../core/ip.ts';
import { digLookup, formatDig, recordLine } from '../../../network/dns/index.ts';
import { transportErrors } from '../../../network/dns/format.ts';
import type { CommandContext, CommandResult } from '../../../shell/types.ts';
import type { Sim } from '../../sim.ts';
import { toolEnv, wait } from '../env.ts';
import { engineType, KNOWN_TYPES, reachOf, serverAddress } from './common.ts';

interface DigArgs {
  name?: string;
  type?: string;
  server?: string;
  short: boolean;
  tcp: boolean;
  search: boolean;
  noall: boolean;
  answer: boolean;
  noEdns: boolean;
  reverse: boolean;
}

const USAGE = `Usage:  dig [@global-server] [domain] [q-type] [q-class] {q-opt}
            {global-d-opt} host [@local-server] {local-d-opt}
            [ host [@local-server] {local-d-opt} [...]]

Use "dig -h" (or "dig -h | more") for complete list of options
`;

function parse(args: string[]): { ok: true; a: DigArgs } | { ok: false; stderr: string; code: number } {
  const a: DigArgs = { short: false, tcp: false, search: false, noall: false, answer: true, noEdns: false, reverse: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('@')) {
      a.server = arg.slice(1);
      continue;
    }
    if (arg.startsWith('+')) {
      const opt = arg.slice(1).toLowerCase().replace(/=.*$/, '');
      const on = !opt.startsWith('no');
      const key = on ? opt : opt.slice(2);
      if (key === 'short') a.short = on;
      else if (key === 'tcp' || key === 'vc') a.tcp = on;
      else if (key === 'search') a.search = on;
      else if (key === 'all') {
        a.noall = !on;
        a.answer = on;
      } else if (key === 'answer') a.answer = on;
      else if (key === 'edns') a.noEdns = !on;
      continue;
    }
    if (arg === '-t' || arg === '-x' || arg === '-p' || arg === '-c' || arg === '-q') {
      const value = args[++i];
      if (value === undefined) return { ok: false, stderr: `dig: option requires an argument -- '${arg.slice(1)}'\n${USAGE}`, code: 1 };
      if (arg === '-t') {
        if (!KNOWN_TYPES.includes(value.toUpperCase())) return { ok: false, stderr: `invalid type: ${value}\n`, code: 1 };
        a.type = value.toUpperCase();
      } else if (arg === '-x') {
        a.name = value;
        a.reverse = true;
      } else if (arg === '-q') a.name = value;
      continue;
    }
    if (arg === '-h') return { ok: false, stderr: '', code: 0 };
    if (arg.startsWith('-') && arg.length > 1) {
      if (/^-[46]$/.test(arg)) continue;
      return { ok: false, stderr: `Invalid option: ${arg}\n${USAGE}`, code: 1 };
    }
    if (a.name !== undefined && !a.type && KNOWN_TYPES.includes(arg.toUpperCase())) {
      a.type = arg.toUpperCase();
      continue;
    }
    if (a.name === undefined) a.name = arg;
    else if (KNOWN_TYPES.includes(arg.toUpperCase())) a.type = arg.toUpperCase();
    else if (arg.toUpperCase() !== 'IN') a.name = arg;
  }
  return { ok: true, a };
}

export function runDig(sim: Sim, ctx: CommandContext): CommandResult {
  const args = ctx.argv.slice(1);
  const p = parse(args);
  if (!p.ok) return { stdout: p.code === 0 ? USAGE : '', stderr: p.stderr, exitCode: p.code };
  const a = p.a;
  const env = toolEnv(sim, ctx);
  let elapsed = 0;
  let server: string | undefined;
  if (a.server !== undefined) {
    const s = serverAddress(env, a.server);
    elapsed += s.elapsedMs;
    if (!s.ip) {
      wait(env, elapsed);
      return { stdout: '', stderr: `dig: couldn't get address for '${a.server}': not found\n`, exitCode: 10 };
    }
    server = s.ip;
  }
  // No name: dig asks for the root name servers.
  const name = a.name ?? '.';
  if (a.reverse && !isIPv4(name)) {
    return { stdout: '', stderr: `Invalid IP address ${name}\n`, exitCode: 10 };
  }
  const type = a.reverse ? undefined : a.type;
  const engineT = type ? (engineType(type) ?? 'A') : undefined;
  let result = digLookup(env.world, env.from, name, { reach: reachOf(env), server, type: engineT, search: a.search, tcp: a.tcp, noEdns: a.noEdns });
  if (type && !engineType(type)) {
    result = { ...result, question: { ...result.question, type: engineT! }, answers: [] };
  }
  elapsed += result.elapsedMs;
  wait(env, elapsed);
  if (a.noall && !a.short) {
    const lines = [...transportErrors(result.exchanges)];
    if (result.status === 'TIMEOUT') lines.push(';; no servers could be reached');
    else if (a.answer) lines.push(...result.answers.map(recordLine));
    return { stdout: lines.length > 0 ? `${lines.join('\n')}\n` : '', stderr: '', exitCode: result.status === 'TIMEOUT' ? 9 : 0 };
  }
  const out = formatDig({ result, args, serverArg: a.server, short: a.short, nowMs: env.world.now() });
  const text = type && !engineType(type) ? out.stdout.replace(new RegExp(`(;${escape(result.question.name)}\\.?\\s+IN\\s+)A$`, 'm'), `$1${type}`) : out.stdout;
  return { stdout: text, stderr: '', exitCode: out.exitCode };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
