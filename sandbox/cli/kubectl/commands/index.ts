// Every kubectl verb the sandbox implements.
import type { KubectlCommand } from '../cli/command.ts';
import { applyCommand } from './apply.ts';
import { createCommand } from './create.ts';
import { describeCommand } from './describe.ts';
import { deleteCommand } from './delete.ts';
import { getCommand } from './get.ts';
import { execCommand, logsCommand } from './logs-exec.ts';
import { exposeCommand, runCommand } from './run-expose.ts';
import { annotateCommand, labelCommand, patchCommand, scaleCommand } from './update.ts';

export function commandList(): KubectlCommand[] {
  return [getCommand, describeCommand, applyCommand, createCommand, deleteCommand, scaleCommand, labelCommand, annotateCommand, patchCommand, runCommand, exposeCommand, logsCommand, execCommand];
}
