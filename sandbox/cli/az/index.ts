// The `az` command for the learner's workstation (az is not installed on nodes or in pods).
import type { CommandDefinition, Host } from '../../shell/types.ts';
import type { Sim } from '../sim.ts';
import { AZ_COMMANDS, AZ_GROUPS } from './commands/index.ts';
import { completeAz } from './complete.ts';
import { runAz } from './main.ts';
import { buildTree, type GroupNode } from './tree.ts';

let tree: GroupNode | undefined;

export function azTree(): GroupNode {
  return (tree ??= buildTree(AZ_GROUPS, AZ_COMMANDS));
}

export function azCommands(sim: Sim, host: Host): CommandDefinition[] {
  if (host.kind !== 'workstation') return [];
  return [
    {
      name: 'az',
      summary: 'the Azure CLI (az login, az aks, az network, ...)',
      run: (ctx) => runAz(sim, ctx, azTree()),
      complete: (words) => completeAz(azTree(), words, sim.world),
    },
  ];
}
