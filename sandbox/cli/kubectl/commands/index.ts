// Every kubectl verb the sandbox implements.
import type { KubectlCommand } from '../cli/command.ts';
import { getCommand } from './get.ts';

export function commandList(): KubectlCommand[] {
  return [getCommand];
}
