// What every emulated command (kubectl, az, curl, ...) gets besides its shell context: the
// simulated world, a way to let the controllers react to a change, and the other machines a
// command can reach into (nodes, pods). Commands change the world, then call settle().
import type { Endpoint } from '../network/flow.ts';
import type { World } from '../model/world.ts';
import type { Host } from '../shell/types.ts';

export interface Sim {
  world: World;
  /** Runs every controller until nothing moves, as the cloud and the cluster would after a change. */
  settle(): void;
  /** Virtual time passes (a command that takes time, `sleep`); controllers then react to it. */
  advance(seconds: number): void;
  /** The node, pod and machine hosts a command can step into or run on. */
  hosts: HostDirectory;
}

export interface HostDirectory {
  /** A host by id; node and pod hosts are built on demand from the world (undefined if gone). */
  get(id: string): Host | undefined;
  workstation(): Host;
  node(clusterId: string, nodeName: string): Host | undefined;
  pod(clusterId: string, namespace: string, name: string): Host | undefined;
  /** Where traffic from a host starts, for the path engine. */
  endpointOf(host: Host): Endpoint;
}
