// Public addresses Azure hands out: regional, deterministic, and never one already in use by a
// public IP resource, a control plane or a machine of the world.
import type { PublicIPAddress } from '../../model/azure/types.ts';
import { regionalPublicIp } from '../../model/azure/regions.ts';
import type { World } from '../../model/world.ts';

function takenPublicIps(world: World): Set<string> {
  const taken = new Set<string>();
  for (const r of Object.values(world.state.resources)) {
    if (r.type.toLowerCase() === 'microsoft.network/publicipaddresses') {
      const ip = (r as PublicIPAddress).ipAddress;
      if (ip) taken.add(ip);
    }
  }
  for (const plane of Object.values(world.state.controlPlanes)) if (plane.publicIp) taken.add(plane.publicIp);
  for (const machine of Object.values(world.state.machines)) taken.add(machine.publicIp);
  return taken;
}

/** A free public address in the region for what `purpose` names (stable for the same purpose and world). */
export function allocatePublicIp(world: World, location: string, purpose: string): string {
  return regionalPublicIp(location, `${world.state.seed}/public-ip/${purpose}`, takenPublicIps(world));
}
