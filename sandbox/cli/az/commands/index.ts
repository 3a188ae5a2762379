// The whole az command table: every module's commands and the groups they live in.
import type { CommandSpec, GroupSpec } from '../spec.ts';
import { accountCommands } from './account.ts';
import { groupCommands } from './group.ts';
import { aksCommands } from './aks.ts';
import { aksCredentialsCommands } from './aks-credentials.ts';
import { aksInvokeCommands } from './aks-invoke.ts';
import { nodepoolCommands } from './aks-nodepool.ts';

export const AZ_GROUPS: GroupSpec[] = [
  { name: 'account', summary: 'Manage Azure subscription information.' },
  { name: 'group', summary: 'Manage resource groups and template deployments.' },
  { name: 'aks', summary: 'Manage Azure Kubernetes Services.' },
  { name: 'aks command', summary: 'See detail usage in \'az aks command invoke\', \'az aks command result\'.' },
  { name: 'aks nodepool', summary: 'Commands to manage node pools in Kubernetes kubernetes cluster.' },
];

export const AZ_COMMANDS: CommandSpec[] = [
  ...accountCommands,
  ...groupCommands,
  ...aksCommands,
  ...aksCredentialsCommands,
  ...aksInvokeCommands,
  ...nodepoolCommands,
];
