// Tab completion of resource arguments, as kubectl's own completion offers them: resource
// types first (`pods`, `deployments.apps`...), then names of that type from the cluster the
// kubeconfig points at (in -n's namespace, or the context's), also in `type/name` form.
import { listObjects, resourceTypes, isK8sApiError } from '../../../apiserver/index.ts';
import type { CompletionRequest } from '../cli/command.ts';
import { clusterForServer, configView } from '../client/client.ts';
import { parseServerUrl } from '../client/transport.ts';
import { resolveType } from '../client/targets.ts';

export function typeNames(): string[] {
  return resourceTypes().map((t) => (t.group ? `${t.plural}.${t.group}` : t.plural));
}

/** Names of objects of a type in the namespace the command line selects. */
export function objectNames(req: CompletionRequest, typed: string): string[] {
  const type = resolveType(typed);
  if (typeof type === 'string') return [];
  const view = configView(req.env, req.flags);
  if ('exitCode' in view) return [];
  const server = parseServerUrl(view.server);
  const clusterId = server ? clusterForServer(req.env.sim.world, server.host) : undefined;
  if (!clusterId) return [];
  const ns = req.flags.bool('all-namespaces') ? undefined : view.namespace;
  const listed = listObjects(req.env.sim.world, clusterId, type.kind, ns);
  if (isK8sApiError(listed)) return [];
  return listed.map((o) => o.metadata.name);
}

export function completeResourceArgs(req: CompletionRequest): string[] {
  const { args, partial } = req;
  if (args.length === 0) {
    const slash = partial.indexOf('/');
    if (slash > 0) {
      const typed = partial.slice(0, slash);
      return objectNames(req, typed)
        .map((n) => `${typed}/${n}`)
        .filter((w) => w.startsWith(partial));
    }
    return typeNames().filter((t) => t.startsWith(partial));
  }
  if (args[0]!.includes('/')) return [];
  return objectNames(req, args[0]!.split(',')[0]!).filter((n) => n.startsWith(partial) && !args.slice(1).includes(n));
}

/** completion.SpecifiedResourceTypeAndNameCompletionFunc: only the given types, then names. */
export function completeTypesOf(allowed: readonly string[]): (req: CompletionRequest) => string[] {
  return (req) => {
    if (req.args.length === 0 && !req.partial.includes('/')) return allowed.filter((t) => t.startsWith(req.partial));
    return completeResourceArgs(req);
  };
}
