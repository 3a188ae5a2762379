// The connection a kubectl run makes: kubeconfig loaded and resolved (context, cluster, user,
// namespace, the --server/--context/--cluster/--user/-n overrides), the server URL mapped to a
// simulated cluster, and the transport check passed. Commands that talk to the API server get a
// Client or the finished error result.
import type { ManagedCluster } from '../../../model/azure/types.ts';
import { resolveContext, type Kubeconfig, type ResolvedContext } from '../../../model/kubeconfig.ts';
import type { World } from '../../../model/world.ts';
import type { CommandResult } from '../../../shell/types.ts';
import type { Sim } from '../../sim.ts';
import type { Invocation, KubectlEnv } from '../cli/command.ts';
import type { FlagValues } from '../cli/flags.ts';
import { failure } from '../cli/output.ts';
import { loadKubeconfig, type LoadedConfig } from './kubeconfig-files.ts';
import { connect, connectionFailure, parseServerUrl, type ServerUrl } from './transport.ts';

export interface Client {
  sim: Sim;
  world: World;
  /** Lower-cased ARM id of the ManagedCluster whose API server answered. */
  clusterId: string;
  /** -n, else the context's namespace, else `default`. */
  namespace: string;
  /** -n/--namespace was given. */
  explicitNamespace: boolean;
  server: ServerUrl;
  contextName: string;
}

export interface ConfigView {
  loaded: LoadedConfig;
  config: Kubeconfig;
  contextName: string;
  context?: ResolvedContext;
  server: string;
  namespace: string;
  explicitNamespace: boolean;
}

export const DEFAULT_SERVER = 'http://localhost:8080';

/** The kubeconfig as this run sees it, with the command-line overrides applied. */
export function configView(env: Pick<KubectlEnv, 'fs' | 'env' | 'cwd' | 'host' | 'kubeconfigText'>, flags: FlagValues): ConfigView | CommandResult {
  const load = loadKubeconfig({
    fs: env.fs,
    env: env.env,
    cwd: env.cwd,
    home: env.env['HOME'] || env.host.home,
    explicitPath: flags.string('kubeconfig') || undefined,
    text: env.kubeconfigText,
  });
  if (!load.ok) return failure(`error: ${load.message}`);
  const { config } = load.loaded;
  const contextName = flags.string('context') || config['current-context'] || '';
  let context: ResolvedContext | undefined;
  if (contextName) {
    context = resolveContext(config, contextName);
    if (!context) return failure(`Error in configuration: context was not found for specified context: ${contextName}`);
  }
  const clusterName = flags.string('cluster') || context?.context.cluster;
  const cluster = clusterName ? config.clusters.find((c) => c?.name === clusterName)?.cluster : undefined;
  if (flags.string('cluster') && !cluster) return failure(`Error in configuration: cluster has no server defined`);
  const server = flags.string('server') || (typeof cluster?.server === 'string' ? cluster.server : '') || DEFAULT_SERVER;
  const explicitNamespace = flags.changed('namespace');
  const namespace = flags.string('namespace') || (typeof context?.context.namespace === 'string' ? context.context.namespace : '') || 'default';
  const view: ConfigView = { loaded: load.loaded, config, contextName, server, namespace, explicitNamespace };
  if (context) view.context = context;
  return view;
}

/** The cluster whose API server answers at this host name or address. */
export function clusterForServer(world: World, host: string): string | undefined {
  const name = host.toLowerCase();
  for (const [id, plane] of Object.entries(world.state.controlPlanes)) {
    const names = [plane.fqdn, plane.privateFqdn, plane.publicIp, plane.privateIp].filter((v): v is string => !!v).map((v) => v.toLowerCase());
    if (names.includes(name)) return id;
  }
  for (const mc of world.resourcesOfType<ManagedCluster>('Microsoft.ContainerService/ManagedClusters')) {
    if ([mc.fqdn, mc.privateFqdn].some((v) => v && v.toLowerCase() === name)) return mc.id.toLowerCase();
  }
  return undefined;
}

export interface ConnectOptions {
  /** The command does API discovery first (get, describe, apply...): failures print memcache lines. */
  discovery?: boolean;
}

/** The process id klog prints: a new one per kubectl run, deterministic per world. */
export function nextPid(world: World): number {
  return 40000 + (world.next('kubectl:pid') % 20000);
}

export function connectClient(inv: Invocation, options: ConnectOptions = {}): Client | CommandResult {
  const { env } = inv;
  const view = configView(env, inv.flags);
  if ('exitCode' in view) return view;
  const server = parseServerUrl(view.server);
  if (!server) return failure(`error: couldn't parse server address ${JSON.stringify(view.server)}`);
  const world = env.sim.world;
  let clusterId: string | undefined;
  if (!env.skipTransport) {
    const outcome = connect(world, env.sim.hosts.endpointOf(env.host), server);
    if (!outcome.ok) {
      const text = connectionFailure(outcome, server, { startMs: world.now(), pid: nextPid(world), discovery: options.discovery ?? true });
      if (text.ms > 0) env.sim.advance(text.ms / 1000);
      return failure(text.stderr);
    }
    clusterId = outcome.clusterId;
  }
  clusterId ??= clusterForServer(world, server.host);
  if (!clusterId) return failure(`Unable to connect to the server: dial tcp: lookup ${server.host}: no such host`);
  return { sim: env.sim, world, clusterId: clusterId.toLowerCase(), namespace: view.namespace, explicitNamespace: view.explicitNamespace, server, contextName: view.contextName };
}

export function isResult(value: unknown): value is CommandResult {
  return typeof value === 'object' && value !== null && 'exitCode' in value && 'stdout' in value;
}
