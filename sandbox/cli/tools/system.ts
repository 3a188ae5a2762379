// Host-identity and firewall tools: hostname (-i, -I, -f, -s, -d) in Debian and BusyBox forms,
// and iptables / iptables-save, which on an AKS node show the rules kube-proxy and
// azure-ip-masq-agent wrote (legacy iptables 1.8.7) and elsewhere fail for want of privileges.
import { IPTABLES_VERSION, iptablesList, iptablesListRules, iptablesSave, NO_SUCH_CHAIN, nodeRules, type TableName } from '../../network/kube-proxy/index.ts';
import type { CommandContext, CommandResult } from '../../shell/types.ts';
import type { Sim } from '../sim.ts';
import { busyboxUsage, parseBusybox } from './busybox/usage.ts';
import { toolEnv } from './env.ts';
import { netConfigOf } from './ip/model.ts';
import { hostsFileEntries } from './net/resolve.ts';

function ownAddresses(sim: Sim, ctx: CommandContext): string[] {
  const env = toolEnv(sim, ctx);
  return netConfigOf(env.world, env.from).ifaces.filter((i) => i.kind !== 'loopback').flatMap((i) => i.inet.map((a) => a.ip));
}

export function runHostname(sim: Sim, ctx: CommandContext, style: 'debian' | 'busybox'): CommandResult {
  const args = ctx.argv.slice(1);
  const name = ctx.host.hostname;
  if (style === 'busybox') {
    const p = parseBusybox('hostname', args, { flags: 'sidf', values: 'F' });
    if (!p.ok) return { stdout: '', stderr: `${p.message}\n${busyboxUsage('hostname', '[-sidf] [HOSTNAME | -F FILE]', 'Show or set hostname or DNS domain name\n\n\t-s\tShort\n\t-i\tAddresses for the hostname\n\t-d\tDNS domain name\n\t-f\tFully qualified domain name\n\t-F FILE\tUse FILE\'s content as hostname')}`, exitCode: 1 };
    if (p.args.operands.length > 0 || p.args.values.has('F')) return { stdout: '', stderr: 'hostname: sethostname: Operation not permitted\n', exitCode: 1 };
    if (p.args.flags.has('i')) {
      const ip = hostsFileEntries(toolEnv(sim, ctx)).get(name.toLowerCase());
      return { stdout: `${ip ?? ''}\n`, stderr: '', exitCode: 0 };
    }
    if (p.args.flags.has('d')) return { stdout: '\n', stderr: '', exitCode: 0 };
    return { stdout: `${p.args.flags.has('s') ? name.split('.')[0] : name}\n`, stderr: '', exitCode: 0 };
  }
  let mode = '';
  const operands: string[] = [];
  for (const a of args) {
    if (a === '-i' || a === '--ip-address') mode = 'i';
    else if (a === '-I' || a === '--all-ip-addresses') mode = 'I';
    else if (a === '-f' || a === '--fqdn' || a === '--long' || a === '-A' || a === '--all-fqdns') mode = a === '-A' || a === '--all-fqdns' ? 'A' : 'f';
    else if (a === '-s' || a === '--short') mode = 's';
    else if (a === '-d' || a === '--domain') mode = 'd';
    else if (a === '-h' || a === '--help') {
      return { stdout: '', stderr: 'Usage: hostname [-b] {hostname|-F file}         set host name (from file)\n       hostname [-a|-A|-d|-f|-i|-I|-s|-y]       display formatted name\n       hostname                                 display host name\n', exitCode: 0 };
    } else if (a === '-V' || a === '--version') return { stdout: '', stderr: 'hostname 3.23\n', exitCode: 0 };
    else if (a.startsWith('-')) return { stdout: '', stderr: `hostname: invalid option -- '${a.replace(/^-+/, '').charAt(0)}'\nUsage: hostname [-b] {hostname|-F file}         set host name (from file)\n`, exitCode: 1 };
    else operands.push(a);
  }
  if (operands.length > 0) {
    if (ctx.host.user !== 'root') return { stdout: '', stderr: 'hostname: you must be root to change the host name\n', exitCode: 1 };
    return { stdout: '', stderr: 'hostname: you must be root to change the host name\n', exitCode: 1 };
  }
  switch (mode) {
    case 'i': {
      const ip = hostsFileEntries(toolEnv(sim, ctx)).get(name.toLowerCase()) ?? ownAddresses(sim, ctx)[0];
      return { stdout: `${ip ?? ''}\n`, stderr: '', exitCode: 0 };
    }
    case 'I':
      return { stdout: `${ownAddresses(sim, ctx).map((a) => `${a} `).join('')}\n`, stderr: '', exitCode: 0 };
    case 's':
      return { stdout: `${name.split('.')[0]}\n`, stderr: '', exitCode: 0 };
    case 'd':
      return { stdout: '\n', stderr: '', exitCode: 0 };
    case 'A':
      return { stdout: `${name} \n`, stderr: '', exitCode: 0 };
    default:
      return { stdout: `${name}\n`, stderr: '', exitCode: 0 };
  }
}

const TABLES: TableName[] = ['filter', 'nat', 'mangle'];

function tryHelp(): string {
  return "Try `iptables -h' or 'iptables --help' for more information.\n";
}

/** Where the caller may not touch netfilter: a non-root user, or a container without NET_ADMIN. */
function denied(cmd: 'iptables' | 'iptables-save', nft: string): CommandResult {
  return { stdout: '', stderr: `${cmd} ${nft} (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)\n`, exitCode: 4 };
}

export function runIptables(sim: Sim, ctx: CommandContext, root: boolean): CommandResult {
  const env = toolEnv(sim, ctx);
  const v = `iptables ${IPTABLES_VERSION} (legacy)`;
  const args = ctx.argv.slice(1);
  let table: string = 'filter';
  let command: 'L' | 'S' | 'modify' | undefined;
  let chain: string | undefined;
  const opts = { numeric: false, verbose: false, lineNumbers: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-t' || a === '--table') {
      const t = args[++i];
      if (t === undefined) return { stdout: '', stderr: `${v}: option "${a}" requires an argument\n${tryHelp()}`, exitCode: 2 };
      table = t;
    } else if (/^-t./.test(a)) table = a.slice(2);
    else if (a === '-L' || a === '--list' || a === '-S' || a === '--list-rules') {
      if (command) return { stdout: '', stderr: `${v}: Can't use -${a.includes('S') || a.includes('rules') ? 'S' : 'L'} with -${command}\n\n${tryHelp()}`, exitCode: 2 };
      command = a === '-L' || a === '--list' ? 'L' : 'S';
      if (args[i + 1] !== undefined && !args[i + 1]!.startsWith('-')) chain = args[++i];
    } else if (/^-[nvx]+$/.test(a) || ['--numeric', '--verbose', '--exact'].includes(a)) {
      if (a.includes('n') || a === '--numeric') opts.numeric = true;
      if (a.includes('v') || a === '--verbose') opts.verbose = true;
    } else if (/^-[LSnvx]+$/.test(a)) {
      for (const c of a.slice(1)) {
        if (c === 'L' || c === 'S') command = c;
        if (c === 'n') opts.numeric = true;
        if (c === 'v') opts.verbose = true;
      }
      if (args[i + 1] !== undefined && !args[i + 1]!.startsWith('-')) chain = args[++i];
    } else if (a === '--line-numbers') opts.lineNumbers = true;
    else if (a === '-w' || a === '--wait') {
      if (args[i + 1] !== undefined && /^\d+$/.test(args[i + 1]!)) i++;
    } else if (['-A', '-I', '-D', '-R', '-F', '-X', '-N', '-P', '-Z', '-E', '--append', '--insert', '--delete', '--flush', '--new-chain', '--delete-chain', '--policy'].includes(a)) {
      command = 'modify';
      break;
    } else if (a === '-h' || a === '--help') {
      return { stdout: `iptables ${IPTABLES_VERSION}\n\nUsage: iptables -[ACD] chain rule-specification [options]\n       iptables -I chain [rulenum] rule-specification [options]\n       iptables -L [chain [rulenum]] [options]\n       iptables -S [chain [rulenum]]\n`, stderr: '', exitCode: 0 };
    } else if (a === '-V' || a === '--version') return { stdout: `${v}\n`, stderr: '', exitCode: 0 };
    else return { stdout: '', stderr: `${v}: unknown option "${a}"\n${tryHelp()}`, exitCode: 2 };
  }
  if (!root || env.from.kind !== 'node') return denied('iptables', env.from.kind === 'machine' ? 'v1.8.10' : 'v1.8.11');
  if (!command) return { stdout: '', stderr: `${v}: no command specified\n${tryHelp()}`, exitCode: 2 };
  if (!TABLES.includes(table as TableName)) {
    return { stdout: '', stderr: `${v}: can't initialize iptables table \`${table}': Table does not exist (do you need to insmod?)\nPerhaps iptables or your kernel needs to be upgraded.\n`, exitCode: 3 };
  }
  if (command === 'modify') return { stdout: '', stderr: 'iptables: changing rules is not simulated: kube-proxy and azure-ip-masq-agent own these chains.\n', exitCode: 1 };
  const rules = env.from.kind === 'node' ? nodeRules(env.world, env.from.clusterId, env.from.name) : null;
  if (!rules) return { stdout: '', stderr: NO_SUCH_CHAIN + '\n', exitCode: 1 };
  const out = command === 'L' ? iptablesList(rules, table as TableName, chain, opts) : iptablesListRules(rules, table as TableName, chain);
  if (out === null) return { stdout: '', stderr: `${NO_SUCH_CHAIN}\n`, exitCode: 1 };
  return { stdout: out, stderr: '', exitCode: 0 };
}

export function runIptablesSave(sim: Sim, ctx: CommandContext, root: boolean): CommandResult {
  const env = toolEnv(sim, ctx);
  const args = ctx.argv.slice(1);
  let table: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-t' || a === '--table') table = args[++i];
    else if (a.startsWith('--table=')) table = a.slice(8);
    else if (['-c', '--counters', '-f', '--modprobe'].includes(a)) continue;
    else return { stdout: '', stderr: `Unknown arguments found on commandline\n`, exitCode: 1 };
  }
  if (!root || env.from.kind !== 'node') return denied('iptables-save', env.from.kind === 'machine' ? 'v1.8.10' : 'v1.8.11');
  if (table !== undefined && !TABLES.includes(table as TableName)) {
    return { stdout: '', stderr: `iptables-save ${IPTABLES_VERSION} (legacy): Cannot initialize: Table does not exist (do you need to insmod?)\n\n`, exitCode: 1 };
  }
  const rules = nodeRules(env.world, env.from.clusterId, env.from.name);
  if (!rules) return { stdout: '', stderr: '', exitCode: 0 };
  return { stdout: iptablesSave(rules, env.world.now(), table as TableName | undefined), stderr: '', exitCode: 0 };
}
