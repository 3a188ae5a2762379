// Built scenarios for the tests (each built once per test file), and short accessors for what
// the tests look at: the cluster, its nodes and pods, flows traced end to end.
import type { ManagedCluster } from '../../../sandbox/model/azure/types.ts';
import type { Node, Pod } from '../../../sandbox/model/k8s/types.ts';
import type { World } from '../../../sandbox/model/world.ts';
import type { Endpoint, Protocol } from '../../../sandbox/network/flow.ts';
import { trace, type TraceResult } from '../../../sandbox/network/trace/index.ts';
import { buildScenario, type BuiltScenario } from '../../../sandbox/scenarios/build.ts';
import { getScenario } from '../../../sandbox/scenarios/registry.ts';
import type { ScenarioDefinition } from '../../../sandbox/scenarios/types.ts';

const cache = new Map<string, BuiltScenario>();

export function built(id: string): BuiltScenario {
  let b = cache.get(id);
  if (!b) cache.set(id, (b = buildScenario(getScenario(id))));
  return b;
}

/** The scenario without its last `n` steps: the world before the fault. */
export function before(id: string, n = 1): BuiltScenario {
  const def: ScenarioDefinition = getScenario(id);
  return buildScenario({ ...def, steps: def.steps.slice(0, def.steps.length - n) }, { arrive: false });
}

export function clusterOf(world: World): ManagedCluster {
  return world.resourcesOfType<ManagedCluster>('Microsoft.ContainerService/ManagedClusters')[0]!;
}

export function nodesOf(world: World, mc: ManagedCluster): Node[] {
  return world.k8sList<Node>(mc.id, 'Node').sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
}

export function nodeIp(node: Node): string {
  return node.status.addresses.find((a) => a.type === 'InternalIP')!.address;
}

export function ready(node: Node): string {
  return node.status.conditions.find((c) => c.type === 'Ready')!.status;
}

export function podsOf(world: World, mc: ManagedCluster, prefix: string, ns = 'default'): Pod[] {
  return world
    .k8sList<Pod>(mc.id, 'Pod', ns)
    .filter((p) => p.metadata.name.startsWith(prefix))
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
}

export const fromPod = (mc: ManagedCluster, pod: Pod): Endpoint => ({ kind: 'pod', clusterId: mc.id, namespace: pod.metadata.namespace!, name: pod.metadata.name });
export const fromNode = (mc: ManagedCluster, node: Node): Endpoint => ({ kind: 'node', clusterId: mc.id, name: node.metadata.name });
export const fromMachine = (id: string): Endpoint => ({ kind: 'machine', id });

export function run(world: World, from: Endpoint, to: string, port?: number, protocol: Protocol = 'tcp'): TraceResult {
  const isIp = /^\d+\.\d+\.\d+\.\d+$/.test(to);
  const target = isIp ? { ip: to } : { host: to };
  return trace(world, { from, to: port === undefined ? target : { ...target, port }, protocol });
}
