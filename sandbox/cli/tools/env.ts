// What every network tool works with: the simulated world, the host it runs on, where its
// traffic starts for the path engine, and what that host is (a workstation, an AKS node, a pod
// and its image). Built once per invocation from the command context.
import type { Pod } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';
import type { Endpoint } from '../../network/flow.ts';
import type { CommandContext, CommandResult, Host } from '../../shell/types.ts';
import type { Sim } from '../sim.ts';

export interface ToolEnv {
  sim: Sim;
  world: World;
  host: Host;
  from: Endpoint;
  /** The pod the host stands for (pod hosts only). */
  pod?: Pod;
  /** Whether stdout is the terminal (curl's progress meter, `{ [n bytes data]`). */
  tty: boolean;
  ctx: CommandContext;
}

export function toolEnv(sim: Sim, ctx: CommandContext): ToolEnv {
  const from = sim.hosts.endpointOf(ctx.host);
  const env: ToolEnv = { sim, world: sim.world, host: ctx.host, from, tty: ctx.tty === true, ctx };
  if (from.kind === 'pod') {
    const pod = sim.world.k8sGet<Pod>(from.clusterId, 'Pod', from.namespace, from.name);
    if (pod) env.pod = pod;
  }
  return env;
}

/** The pod behind a pod host, looked up without a command context (providers, completion). */
export function podOfHost(sim: Sim, host: Host): Pod | undefined {
  const from = sim.hosts.endpointOf(host);
  if (from.kind !== 'pod') return undefined;
  return sim.world.k8sGet<Pod>(from.clusterId, 'Pod', from.namespace, from.name);
}

/** Lets virtual time pass for what a tool waited (DNS timeouts, connect timeouts, ping intervals). */
export function wait(env: ToolEnv, ms: number): void {
  const rounded = Math.round(ms);
  if (rounded > 0) env.sim.advance(rounded / 1000);
}

export function result(stdout: string, stderr: string, exitCode: number): CommandResult {
  return { stdout, stderr, exitCode };
}
