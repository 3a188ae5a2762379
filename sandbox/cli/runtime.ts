// Wires a world to the learner's machines: the Sim every command receives, and hosts that get
// their commands installed when they are first used.
import { allControllers } from '../controllers/all.ts';
import { settle } from '../controllers/settle.ts';
import { Hosts } from '../machines/directory.ts';
import { machineResolvConf } from '../network/dns/resolv-conf.ts';
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
  writeMachineFiles(world, workstation);
  const hosts = new Hosts(() => sim.world, workstation, (host) => installCommands(sim, host));
  sim.hosts = hosts;
  installCommands(sim, workstation);
  return { sim, hosts };
}

/** The workstation's /etc files, as its network set them up (the DNS engine knows which resolver). */
function writeMachineFiles(world: World, workstation: Host): void {
  const machine = world.state.machines['workstation'];
  const fs = workstation.fs;
  fs.mkdir('/etc', { recursive: true });
  if (machine && !fs.exists('/etc/resolv.conf')) fs.writeFile('/etc/resolv.conf', machineResolvConf(world, machine).text);
  if (!fs.exists('/etc/hosts')) fs.writeFile('/etc/hosts', `127.0.0.1 localhost\n127.0.1.1 ${workstation.hostname}\n`);
  if (!fs.exists('/etc/hostname')) fs.writeFile('/etc/hostname', `${workstation.hostname}\n`);
}
