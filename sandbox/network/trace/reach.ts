// The transport the DNS engine asks "does a query from here get to this server on port 53?":
// a full trace of the UDP or TCP flow, so NSGs, routes, kube-proxy's choice of CoreDNS pod and
// NetworkPolicy all decide, exactly as for any other connection.
import type { World } from '../../model/world.ts';
import type { ReachFn } from '../dns/index.ts';
import { reachWith } from './resolve-host.ts';
import { trace } from './trace.ts';
import type { TraceOptions } from './types.ts';

export function reachFor(world: World, options: TraceOptions = {}): ReachFn {
  return reachWith(world, trace, options);
}
