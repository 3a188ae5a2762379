// The whole az command table: every module's commands and the groups they live in.
import type { CommandSpec, GroupSpec } from '../spec.ts';
import { accountCommands } from './account.ts';
import { groupCommands } from './group.ts';

export const AZ_GROUPS: GroupSpec[] = [
  { name: 'account', summary: 'Manage Azure subscription information.' },
  { name: 'group', summary: 'Manage resource groups and template deployments.' },
];

export const AZ_COMMANDS: CommandSpec[] = [...accountCommands, ...groupCommands];
