// BIND 9.18's nslookup: `nslookup [-option...] name [server]`, options -type= / -query= / -q=,
// -timeout=, -retry=, -port=, -vc, -debug (accepted). The lookups and their text come from the
// DNS engine; this command parses, waits the time the lookups took, and prints.
import { formatNslookup, nslookupLookups, type QueryType } from '../../../network/dns/index.ts';
import type { CommandContext, CommandResult } from '../../../shell/types.ts';
import type { Sim } from '../../sim.ts';
import { toolEnv, wait } from '../env.ts';
import { engineType, KNOWN_TYPES, reachOf, serverAddress } from './common.ts';

const OPTION = /^-(type|querytype|query|q|ty|timeout|t|retry|ret|port|po|vc|novc|debug|nodebug|d2|nod2|recurse|norecurse|search|nosearch|class|cl|domain|do|ndots|fail|nofail|sil)(?:=(.*))?$/;

export function runNslookup(sim: Sim, ctx: CommandContext): CommandResult {
  const args = ctx.argv.slice(1);
  let type: string | undefined;
  const positional: string[] = [];
  for (const arg of args) {
    if (arg.startsWith('-') && arg !== '-' && positional.length === 0) {
      const m = OPTION.exec(arg);
      if (!m) return { stdout: '', stderr: `*** Invalid option: ${arg.slice(1)}\n`, exitCode: 1 };
      if (['type', 'querytype', 'query', 'q', 'ty'].includes(m[1]!)) {
        const t = (m[2] ?? '').toUpperCase();
        if (!KNOWN_TYPES.includes(t)) return { stdout: '', stderr: `unknown query type: ${m[2] ?? ''}\n`, exitCode: 1 };
        type = t;
      }
      continue;
    }
    positional.push(arg);
  }
  if (positional.length === 0) {
    // Interactive mode: the prompt, then whatever stdin holds (nothing here: EOF ends it).
    return { stdout: '> ', stderr: '', exitCode: 0 };
  }
  if (positional.length > 2) return { stdout: '', stderr: `*** Invalid option: ${positional[2]}\n`, exitCode: 1 };
  const env = toolEnv(sim, ctx);
  const [name, serverArg] = positional as [string, string | undefined];
  let elapsed = 0;
  let server: string | undefined;
  if (serverArg !== undefined) {
    const s = serverAddress(env, serverArg);
    elapsed += s.elapsedMs;
    if (!s.ip) {
      wait(env, elapsed);
      return { stdout: '', stderr: `nslookup: couldn't get address for '${serverArg}': not found\n`, exitCode: 1 };
    }
    server = s.ip;
  }
  const asked: QueryType | undefined = type ? (engineType(type) ?? 'A') : undefined;
  const input = nslookupLookups(env.world, env.from, name, { reach: reachOf(env), server, type: asked });
  if (serverArg !== undefined) input.serverArg = serverArg;
  elapsed += input.primary.elapsedMs + (input.aaaa?.elapsedMs ?? 0);
  if (type && !engineType(type)) {
    // The engine keeps no records of this type: a NOERROR answer without data.
    input.primary = { ...input.primary, question: { ...input.primary.question, type: asked! }, answers: [], authority: [], additional: [] };
  }
  const out = formatNslookup(input);
  wait(env, elapsed);
  return { stdout: out.stdout, stderr: '', exitCode: out.exitCode };
}
