// CoreDNS configuration as AKS runs it: the AKS-managed default server block `.:53` plus what the
// user adds in the `coredns-custom` ConfigMap — keys ending `.server` become extra server
// blocks, keys ending `.override` are imported into the default block (AKS-docs coredns-custom.md).
// Only the plugins that change answers are modelled: forward, hosts, rewrite (and AKS's search
// junk rejection). Configurations CoreDNS would refuse to load are reported in `problems`.
import type { ConfigMap } from '../../model/k8s/types.ts';
import type { World, WorldState } from '../../model/world.ts';
import { normalizeName } from './names.ts';
import { parseDirectives, type Directive } from './corefile-syntax.ts';

export interface ForwardPlugin {
  /** The zone it forwards ('' for `.`). */
  from: string;
  /** Upstream addresses, or `/etc/resolv.conf` (the CoreDNS pod's own file: its node's DNS servers). */
  to: string[];
  source: string;
}

export interface HostsPlugin {
  byName: Map<string, string[]>;
  byIp: Map<string, string[]>;
  zones: string[];
  /** Zones passed on when no entry matches; null: no fallthrough (CoreDNS then answers SERVFAIL). */
  fallthrough: string[] | null;
  ttl: number;
  source: string;
}

export interface RewriteRule {
  match: 'exact' | 'prefix' | 'suffix' | 'substring' | 'regex';
  from: string;
  to: string;
  source: string;
}

export interface ServerBlock {
  /** Normalised zones ('' for the root). */
  zones: string[];
  port: number;
  /** `AKS default (.:53)` or `coredns-custom <key>`. */
  source: string;
  kubernetes: boolean;
  /** AKS ≥ v20241025: NXDOMAIN for reddog.microsoft.com and ≥7-label internal.cloudapp.net names. */
  rejectSearchJunk: boolean;
  rewrites: RewriteRule[];
  hosts?: HostsPlugin;
  forward?: ForwardPlugin;
  plugins: string[];
}

export interface CorednsConfig {
  blocks: ServerBlock[];
  problems: string[];
}

export const CUSTOM_CONFIGMAP = 'coredns-custom';

const cache = new WeakMap<WorldState, Map<string, { revision: number; config: CorednsConfig }>>();

/** The configuration CoreDNS pods of the cluster run with (read live from `coredns-custom`). */
export function corednsConfig(world: World, clusterId: string): CorednsConfig {
  let perCluster = cache.get(world.state);
  if (!perCluster) cache.set(world.state, (perCluster = new Map()));
  const hit = perCluster.get(clusterId);
  if (hit && hit.revision === world.revision) return hit.config;
  const cm = world.k8sGet<ConfigMap>(clusterId, 'ConfigMap', 'kube-system', CUSTOM_CONFIGMAP);
  const config = buildConfig(cm?.data ?? {});
  perCluster.set(clusterId, { revision: world.revision, config });
  return config;
}

export function buildConfig(data: Record<string, string>): CorednsConfig {
  const problems: string[] = [];
  const base: ServerBlock = {
    zones: [''],
    port: 53,
    source: 'AKS default (.:53)',
    kubernetes: true,
    rejectSearchJunk: true,
    rewrites: [],
    forward: { from: '', to: ['/etc/resolv.conf'], source: 'AKS default (.:53)' },
    plugins: ['errors', 'ready', 'health', 'kubernetes', 'prometheus', 'forward', 'cache', 'loop', 'reload', 'loadbalance'],
  };
  const blocks: ServerBlock[] = [base];
  const keys = Object.keys(data).sort();
  for (const key of keys) {
    const source = `coredns-custom ${key}`;
    const text = data[key] ?? '';
    if (key.endsWith('.override')) {
      for (const d of parseDirectives(text)) applyPlugin(base, d, source, problems, true);
    } else if (key.endsWith('.server')) {
      for (const block of parseServerBlocks(text, source, problems)) {
        const clash = blocks.find((b) => b.port === block.port && b.zones.some((z) => block.zones.includes(z)));
        if (clash) problems.push(`${source}: zone ${block.zones.map(zoneText).join(' ')}:${block.port} is already served by ${clash.source}; CoreDNS refuses to start`);
        else blocks.push(block);
      }
    }
    // AKS imports only custom/*.server and custom/*.override; other keys are ignored.
  }
  return { blocks, problems };
}

/** The server block CoreDNS picks for a query name: the longest matching zone on port 53. */
export function selectBlock(config: CorednsConfig, qname: string): ServerBlock {
  let best = config.blocks[0]!;
  let bestLen = -1;
  for (const block of config.blocks) {
    if (block.port !== 53) continue;
    for (const zone of block.zones) {
      if ((zone === '' || qname === zone || qname.endsWith(`.${zone}`)) && zone.length > bestLen) {
        best = block;
        bestLen = zone.length;
      }
    }
  }
  return best;
}

export function zoneText(zone: string): string {
  return zone === '' ? '.' : zone;
}

function parseServerBlocks(text: string, source: string, problems: string[]): ServerBlock[] {
  const out: ServerBlock[] = [];
  for (const d of parseDirectives(text)) {
    // At the top level a "directive" is a server block: its keys are the name and arguments.
    const keys = [d.name, ...d.args];
    if (!d.block) {
      problems.push(`${source}: "${keys.join(' ')}" is not a server block (expected "<zone>:53 { ... }")`);
      continue;
    }
    const zones: string[] = [];
    let port = 53;
    for (const key of keys) {
      const m = /^(?:dns:\/\/)?([^:]*)(?::(\d+))?$/.exec(key);
      if (!m) continue;
      zones.push(normalizeName(m[1] === '.' ? '' : m[1]!));
      if (m[2]) port = Number(m[2]);
    }
    const block: ServerBlock = { zones, port, source, kubernetes: false, rejectSearchJunk: false, rewrites: [], plugins: [] };
    for (const inner of d.inner ?? []) applyPlugin(block, inner, source, problems, false);
    if (port !== 53) problems.push(`${source}: server block listens on port ${port}; pods query port 53, so it never answers them`);
    out.push(block);
  }
  return out;
}

function applyPlugin(block: ServerBlock, d: Directive, source: string, problems: string[], override: boolean): void {
  block.plugins.push(d.name);
  switch (d.name) {
    case 'forward': {
      if (block.forward) {
        problems.push(`${source}: plugin/forward: this plugin can only be used once per Server Block${override ? ' (the default block already forwards . to /etc/resolv.conf)' : ''}`);
        return;
      }
      const [from, ...to] = d.args;
      if (!from || to.length === 0) {
        problems.push(`${source}: forward needs a zone and at least one upstream`);
        return;
      }
      block.forward = { from: normalizeName(from === '.' ? '' : from), to: to.map(upstreamAddress), source };
      return;
    }
    case 'hosts':
      block.hosts = parseHosts(d, block, source);
      return;
    case 'rewrite': {
      const rule = parseRewrite(d, source);
      if (rule) block.rewrites.push(rule);
      else problems.push(`${source}: rewrite rule not understood by the sandbox: ${[d.name, ...d.args].join(' ')}`);
      return;
    }
    default:
      return;
  }
}

function upstreamAddress(text: string): string {
  if (text.startsWith('/')) return text;
  return text.replace(/^dns:\/\//, '').replace(/:53$/, '');
}

function parseHosts(d: Directive, block: ServerBlock, source: string): HostsPlugin {
  const byName = new Map<string, string[]>();
  const byIp = new Map<string, string[]>();
  let fallthrough: string[] | null = null;
  let ttl = 3600;
  // Arguments: an optional hosts file, then zones (default: the server block's).
  const zoneArgs = d.args.filter((a) => !a.startsWith('/') && !a.includes('hosts'));
  for (const line of d.block ?? []) {
    const [first, ...rest] = line;
    if (!first) continue;
    if (first === 'fallthrough') fallthrough = rest.map((z) => normalizeName(z === '.' ? '' : z));
    else if (first === 'ttl') ttl = Number(rest[0]) || ttl;
    else if (/^\d+\.\d+\.\d+\.\d+$/.test(first)) {
      for (const name of rest.map(normalizeName)) {
        byName.set(name, [...(byName.get(name) ?? []), first]);
        byIp.set(first, [...(byIp.get(first) ?? []), name]);
      }
    }
  }
  const zones = zoneArgs.length > 0 ? zoneArgs.map((z) => normalizeName(z === '.' ? '' : z)) : block.zones;
  return { byName, byIp, zones, fallthrough, ttl, source };
}

function parseRewrite(d: Directive, source: string): RewriteRule | undefined {
  // rewrite [continue|stop] name [exact|prefix|suffix|substring|regex] FROM TO [answer ...]
  // or the block form: rewrite [stop] { name regex FROM TO; answer name ... }
  let args = d.args;
  if (d.block) args = d.block.find((l) => l[0] === 'name') ?? [];
  if (args[0] === 'continue' || args[0] === 'stop') args = args.slice(1);
  if (args[0] !== 'name') return undefined;
  args = args.slice(1);
  const kinds = ['exact', 'prefix', 'suffix', 'substring', 'regex'] as const;
  const match = (kinds as readonly string[]).includes(args[0] ?? '') ? (args.shift() as RewriteRule['match']) : 'exact';
  const [from, to] = args;
  if (!from || !to) return undefined;
  return match === 'regex'
    ? { match, from, to, source }
    : { match, from: normalizeName(from), to: normalizeName(to), source };
}
