// Every kubectl verb the sandbox implements.
import type { KubectlCommand } from '../cli/command.ts';
import { describeCommand } from './describe.ts';
import { getCommand } from './get.ts';

export function commandList(): KubectlCommand[] {
  return [getCommand, describeCommand];
}
