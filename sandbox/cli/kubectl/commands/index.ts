// Every kubectl verb the sandbox implements (the root command adds `help`).
import type { KubectlCommand } from '../cli/command.ts';
import { applyCommand } from './apply.ts';
import { configCommand } from './config.ts';
import { createCommand } from './create.ts';
import { debugCommand } from './debug.ts';
import { describeCommand } from './describe.ts';
import { deleteCommand } from './delete.ts';
import { explainCommand } from './explain.ts';
import { getCommand } from './get.ts';
import {
  apiResourcesCommand,
  apiVersionsCommand,
  clusterInfoCommand,
  completionCommand,
  optionsCommand,
  versionCommand,
} from './info.ts';
import { execCommand, logsCommand } from './logs-exec.ts';
import { cordonCmd, editCommand, eventsCommand, uncordonCmd } from './misc.ts';
import { rolloutCommand, waitCommand } from './rollout.ts';
import { exposeCommand, runCommand } from './run-expose.ts';
import { setCommand } from './set.ts';
import { annotateCommand, labelCommand, patchCommand, scaleCommand } from './update.ts';

export function commandList(): KubectlCommand[] {
  return [
    createCommand,
    exposeCommand,
    runCommand,
    setCommand,
    explainCommand,
    getCommand,
    editCommand,
    deleteCommand,
    rolloutCommand,
    scaleCommand,
    clusterInfoCommand,
    cordonCmd,
    uncordonCmd,
    describeCommand,
    logsCommand,
    execCommand,
    debugCommand,
    eventsCommand,
    applyCommand,
    patchCommand,
    waitCommand,
    labelCommand,
    annotateCommand,
    completionCommand,
    apiResourcesCommand,
    apiVersionsCommand,
    configCommand,
    optionsCommand,
    versionCommand,
  ];
}
