// Finds or builds the hosts a learner can step into. Node and pod hosts are derived from the
// world when first needed (their /etc files come from the same state the DNS engine reads), and
// vanish when what they stand for is gone.
import type { HostDirectory } from '../cli/sim.ts';
import type { Pod } from '../model/k8s/types.ts';
import type { World } from '../model/world.ts';
import type { Endpoint } from '../network/flow.ts';
import type { Host } from '../shell/types.ts';
import { endpointOfHostId, nodeHostId, podHostId, WORKSTATION_HOST } from './host-ids.ts';
import { buildNodeHost } from './node-host.ts';
import { buildPodHost } from './pod-host.ts';

/** Registers the commands a host of this kind offers (kubectl, az, curl, ...). */
export type InstallCommands = (host: Host) => void;

export class Hosts implements HostDirectory {
  private readonly cache = new Map<string, Host>();
  private readonly getWorld: () => World;
  private readonly install: InstallCommands;
  private readonly home: Host;

  constructor(getWorld: () => World, workstation: Host, install: InstallCommands) {
    this.getWorld = getWorld;
    this.home = workstation;
    this.install = install;
  }

  workstation(): Host {
    return this.home;
  }

  get(id: string): Host | undefined {
    if (id === WORKSTATION_HOST) return this.home;
    const endpoint = endpointOfHostId(id);
    if (endpoint.kind === 'node') return this.node(endpoint.clusterId, endpoint.name);
    if (endpoint.kind === 'pod') return this.pod(endpoint.clusterId, endpoint.namespace, endpoint.name);
    return undefined;
  }

  node(clusterId: string, nodeName: string): Host | undefined {
    const world = this.getWorld();
    if (!world.k8sGet(clusterId, 'Node', undefined, nodeName)) return undefined;
    return this.cached(nodeHostId(clusterId, nodeName), () => buildNodeHost(world, clusterId, nodeName));
  }

  pod(clusterId: string, namespace: string, name: string): Host | undefined {
    const world = this.getWorld();
    const pod = world.k8sGet<Pod>(clusterId, 'Pod', namespace, name);
    if (!pod) return undefined;
    // A pod that was replaced under the same name is a new machine: key by uid too.
    const id = podHostId(clusterId, namespace, name);
    const host = this.cached(`${id}|${pod.metadata.uid}`, () => buildPodHost(world, clusterId, pod));
    host.id = id;
    return host;
  }

  endpointOf(host: Host): Endpoint {
    return endpointOfHostId(host.id);
  }

  private cached(key: string, build: () => Host): Host {
    let host = this.cache.get(key);
    if (!host) {
      host = build();
      this.install(host);
      this.cache.set(key, host);
    }
    return host;
  }
}
