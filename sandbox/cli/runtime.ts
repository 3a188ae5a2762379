// Wires a world to the learner's machines: the Sim every command receives, and hosts that get
// their commands installed when they are first used.
import { allControllers } from '../controllers/all.ts';
import { settle } from '../controllers/settle.ts';
import { Hosts } from '../machines/directory.ts';
import type { World } from '../model/world.ts';
import type { Host } from '../shell/types.ts';
import { installCommands } from './install.ts';
import type { Sim } from './sim.ts';

export interface Runtime {
  sim: Sim;
  hosts: Hosts;
}

export function createRuntime(world: World, workstation: Host): Runtime {
  const controllers = allControllers();
  const sim: Sim = {
    world,
    settle: () => {
      settle(world, controllers);
    },
    advance: (seconds: number) => {
      // Step in slices so time-driven controllers (grace periods, retries) see time pass.
      let left = Math.max(0, seconds);
      while (left > 0) {
        const step = Math.min(left, 10);
        world.advance(step * 1000);
        settle(world, controllers);
        left -= step;
      }
    },
    hosts: undefined as unknown as Hosts,
  };
  const hosts = new Hosts(() => sim.world, workstation, (host) => installCommands(sim, host));
  sim.hosts = hosts;
  installCommands(sim, workstation);
  return { sim, hosts };
}
