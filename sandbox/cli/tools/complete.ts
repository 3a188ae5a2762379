// Tab completion for the network tools: their options, and the names a learner would type as a
// destination — the Services of the pod's namespace (short names resolve through the search
// list), the cluster's Services as name.namespace from a node.
import type { Pod, Service } from '../../model/k8s/types.ts';
import type { CompletionContext, Host } from '../../shell/types.ts';
import type { Sim } from '../sim.ts';
import { LONG_OPTIONS } from './curl/args.ts';

const FLAGS: Record<string, string[]> = {
  curl: ['-v', '-s', '-S', '-I', '-i', '-k', '-L', '-o', '-m', '-H', '-X', '-d', '-w', '-f', ...LONG_OPTIONS],
  wget: ['-q', '-O', '-S', '-T', '--spider', '--header', '--timeout'],
  nslookup: ['-type=A', '-type=AAAA', '-type=SRV', '-type=PTR', '-type=CNAME', '-debug'],
  dig: ['+short', '+tcp', '+search', '+noall', '+answer', '-x', '-t'],
  host: ['-t'],
  ping: ['-c', '-i', '-W', '-w', '-n', '-q', '-s'],
  traceroute: ['-n', '-m', '-q', '-w', '-p', '-T', '-I'],
  nc: ['-z', '-v', '-w', '-u', '-n'],
  telnet: [],
};

function destinations(sim: Sim, host: Host): string[] {
  const from = sim.hosts.endpointOf(host);
  if (from.kind === 'pod') {
    const pod = sim.world.k8sGet<Pod>(from.clusterId, 'Pod', from.namespace, from.name);
    const ns = pod?.metadata.namespace ?? 'default';
    return sim.world.k8sList<Service>(from.clusterId, 'Service', ns).map((s) => s.metadata.name);
  }
  if (from.kind === 'node') {
    return sim.world.k8sList<Service>(from.clusterId, 'Service').map((s) => `${s.metadata.name}.${s.metadata.namespace ?? 'default'}.svc.cluster.local`);
  }
  return [];
}

export function toolCompleter(sim: Sim, tool: string): (words: string[], ctx: CompletionContext) => string[] {
  return (words, ctx) => {
    const last = words[words.length - 1] ?? '';
    const pool = last.startsWith('-') || last.startsWith('+') ? (FLAGS[tool] ?? []) : destinations(sim, ctx.host);
    return [...new Set(pool)].filter((w) => w.startsWith(last)).sort();
  };
}
