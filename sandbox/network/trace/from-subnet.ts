// Flows that start at an address in a subnet with no NIC the sandbox models: the managed API
// server projected into its delegated subnet (API Server VNet Integration), which dials kubelets
// on 10250 directly. The subnet's outbound NSG and its routes apply as to any sender there.
import { nameOf } from '../arm-ids.ts';
import { forward } from '../azure-path.ts';
import { evaluatePath } from '../nsg.ts';
import { done, nsgHops, type Walk } from '../walk.ts';
import { addHop, tupleOf } from './hops.ts';
import { afterAzure } from './legs.ts';
import type { Ctx, Ending } from './types.ts';

export function fromSubnet(ctx: Ctx, subnetId: string, label: string): Ending {
  const p = ctx.pkt;
  addHop(ctx, { at: label, action: 'send', decision: 'pass', reason: `${label} sends ${tupleOf(p)} from subnet ${nameOf(subnetId)}.` });
  const walk: Walk = {
    world: ctx.world,
    hops: [],
    packet: { srcIp: p.src, srcPort: p.srcPort, dstIp: p.dst, protocol: p.protocol, ...(p.dstPort !== undefined ? { dstPort: p.dstPort } : {}) },
    probeState: ctx.probeState,
    established: ctx.established,
    steps: 0,
  };
  const outcome = evaluatePath(ctx.world, subnetId, undefined, { direction: 'Outbound', ...walk.packet });
  nsgHops(walk, outcome.steps, { subnet: nameOf(subnetId) });
  if (!outcome.allowed) return afterAzure(ctx, done(walk, 'dropped'));
  return afterAzure(ctx, forward(walk, subnetId, undefined));
}
