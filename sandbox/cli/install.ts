// Which emulated commands each host offers. Every command family contributes a provider that
// returns its definitions for a host (kubectl and az on the workstation, iptables on nodes,
// busybox-style tools in pods, ...); registering them is all a host needs.
import type { CommandDefinition, Host } from '../shell/types.ts';
import type { Sim } from './sim.ts';
import { timeCommands } from './time-commands.ts';
import { toolCommands } from './tools/index.ts';
import { kubectlCommands } from './kubectl/index.ts';
import { azCommands } from './az/index.ts';

export type CommandProvider = (sim: Sim, host: Host) => CommandDefinition[];

const providers: CommandProvider[] = [timeCommands, azCommands, kubectlCommands, toolCommands];

export function installCommands(sim: Sim, host: Host): void {
  for (const provide of providers) {
    for (const definition of provide(sim, host)) host.commands.register(definition);
  }
}
