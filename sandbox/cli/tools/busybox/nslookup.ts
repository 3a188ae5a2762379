// BusyBox nslookup (networking/nslookup.c, 1.36): it sends all its queries at once — A then AAAA,
// each for every search domain but only when the name has no dot — and prints every reply as it
// comes: "** server can't find NAME: NXDOMAIN", or "Non-authoritative answer:" and Name/Address
// pairs. So `nslookup kubernetes.default` fails in BusyBox pods (no search for dotted names).
import { isIPv4 } from '../../../core/ip.ts';
import { resolveName, reverseName, type QueryType, type ResolveResult } from '../../../network/dns/index.ts';
import type { CommandContext, CommandResult } from '../../../shell/types.ts';
import type { Sim } from '../../sim.ts';
import { toolEnv, wait, type ToolEnv } from '../env.ts';
import { reachOf } from '../dns/common.ts';
import { busyboxUsage } from './usage.ts';

const TRIVIAL = '[-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]';
const FULL = 'Query DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any';
const TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'NS', 'PTR', 'SOA', 'SRV', 'TXT', 'ANY'];
const OPTIONS = ['type', 'querytype', 'port', 'retry', 'debug', 't', 'timeout'];

interface Conf {
  servers: string[];
  search: string[];
}

function readConf(env: ToolEnv): Conf {
  let text = '';
  try {
    if (env.host.fs.exists('/etc/resolv.conf')) text = env.host.fs.readFile('/etc/resolv.conf');
  } catch {
    text = '';
  }
  const servers: string[] = [];
  let search: string[] = [];
  let haveSearch = false;
  for (const raw of text.split('\n')) {
    const [key, ...rest] = raw.trim().split(/\s+/);
    if (!key || rest.length === 0) continue;
    if (key === 'nameserver') servers.push(rest[0]!);
    else if (key === 'search') {
      haveSearch = true;
      search = rest;
    } else if (key === 'domain' && !haveSearch) search = rest;
  }
  return { servers, search: search.length === 1 && search[0] === '.' ? [] : search };
}

function answerLines(r: ResolveResult): string[] {
  const out: string[] = [];
  if (!r.authoritative) out.push('Non-authoritative answer:');
  for (const rec of r.answers) {
    const data = rec.data.replace(/\.$/, '');
    if (rec.type === 'A' || rec.type === 'AAAA') out.push(`Name:\t${rec.name}`, `Address: ${rec.data}`);
    else if (rec.type === 'CNAME') out.push(`${rec.name}\tcanonical name = ${data}`);
    else if (rec.type === 'PTR') out.push(`${rec.name}\tname = ${data}`);
    else if (rec.type === 'SRV') out.push(`${rec.name}\tservice = ${data}`);
  }
  return out;
}

export function runBusyboxNslookup(sim: Sim, ctx: CommandContext): CommandResult {
  const usage = (): CommandResult => ({ stdout: '', stderr: busyboxUsage('nslookup', TRIVIAL, FULL), exitCode: 1 });
  const args = ctx.argv.slice(1);
  let i = 0;
  const types: string[] = [];
  let timeoutS = 5;
  for (; i < args.length && args[i]!.startsWith('-'); i++) {
    const [opt, val = ''] = args[i]!.slice(1).split(/=(.*)/s) as [string, string?];
    if (!OPTIONS.includes(opt)) return usage();
    if (opt === 'type' || opt === 'querytype') {
      const t = val.toUpperCase();
      if (!TYPES.includes(t)) return { stdout: '', stderr: `nslookup: invalid query type "${val}"\n`, exitCode: 1 };
      types.push(t);
    } else if (opt === 't' || opt === 'timeout') timeoutS = Math.max(1, Number(val) || 5);
  }
  const operands = args.slice(i);
  if (operands.length === 0 || operands.length > 2) return usage();
  const env = toolEnv(sim, ctx);
  const name = operands[0]!;
  const conf = readConf(env);
  const servers = operands[1] ? [operands[1]] : conf.servers.length > 0 ? conf.servers : ['127.0.0.1'];
  const withSearch = (n: string) => (conf.search.length === 0 || n.includes('.') ? [n] : conf.search.map((d) => `${n}.${d}`));
  const queries: { name: string; type: QueryType }[] = [];
  if (types.length === 0) {
    if (isIPv4(name)) queries.push({ name: reverseName(name), type: 'PTR' });
    else for (const t of ['A', 'AAAA'] as QueryType[]) for (const n of withSearch(name)) queries.push({ name: n, type: t });
  } else {
    for (const t of TYPES.filter((x) => types.includes(x))) {
      const engineT: QueryType = (['A', 'AAAA', 'CNAME', 'PTR', 'SRV'] as string[]).includes(t) ? (t as QueryType) : 'A';
      for (const n of t === 'PTR' ? [name] : withSearch(name)) queries.push({ name: n, type: engineT });
    }
  }
  const reach = reachOf(env);
  let stdout = '';
  let elapsed = 0;
  for (const server of servers) {
    if (!isIPv4(server)) {
      wait(env, elapsed);
      return { stdout, stderr: `nslookup: bad address '${server}'\n`, exitCode: 1 };
    }
    const results = queries.map((q) => resolveName(env.world, env.from, q.name, { type: q.type, reach, server, search: false, client: 'musl', timeoutSeconds: timeoutS, attempts: 1 }));
    const answered = results.filter((r) => r.status !== 'TIMEOUT');
    elapsed += answered.length === results.length ? Math.max(0, ...results.map((r) => r.elapsedMs)) : timeoutS * 1000;
    if (answered.length === 0) continue;
    stdout += `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
    let exit = 0;
    const unanswered: string[] = [];
    results.forEach((r, k) => {
      if (r.status === 'TIMEOUT') {
        unanswered.push(queries[k]!.name);
        return;
      }
      if (r.status !== 'NOERROR') {
        stdout += `** server can't find ${queries[k]!.name}: ${r.status}\n\n`;
        exit = 1;
        return;
      }
      const lines = answerLines(r);
      stdout += `${lines.join('\n')}${lines.length > 0 ? '\n' : ''}\n`;
    });
    for (const n of unanswered) stdout += `*** Can't find ${n}: No answer\n`;
    if (unanswered.length > 0) stdout += '\n';
    wait(env, elapsed);
    return { stdout, stderr: '', exitCode: exit };
  }
  wait(env, elapsed);
  return { stdout: `${stdout};; connection timed out; no servers could be reached\n\n`, stderr: '', exitCode: 1 };
}
