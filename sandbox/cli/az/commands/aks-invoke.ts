// az aks command invoke: runs a command "inside the cluster" (a pod in aks-command with kubectl
// and helm, reached through ARM, so it works for private and IP-restricted clusters) and
// prints `command started at ..., finished at ... with exitcode=N` and the logs, or with -o the
// commandResult object.
import { isAzureError } from '../../../model/azure/errors.ts';
import { clusterCredentials } from '../../../model/kubeconfig-credentials.ts';
import { renderKubeconfig } from '../../../model/kubeconfig.ts';
import { runKubectl } from '../../kubectl/index.ts';
import type { AzInvocation, CommandSpec } from '../spec.ts';
import { CLUSTER_NAME } from './aks-args.ts';
import { commandResultTable } from './aks-format.ts';
import { getCluster } from './aks-lookup.ts';
import { list, RESOURCE_GROUP, str } from './common.ts';

/** Python's str(datetime) with a UTC offset: `2026-11-26 09:00:00+00:00`. */
function pythonTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '+00:00');
}

function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, '+00:00');
}

const SCRATCH = '/tmp/.aks-command';

/** Splits a simple command line into words (quotes and backslashes); null when it needs a shell. */
function simpleWords(command: string): string[] | null {
  if (/[|;&<>`$()]/.test(command)) return null;
  const words: string[] = [];
  let current = '';
  let quote: string | null = null;
  let started = false;
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < command.length) current += command[++i];
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      started = true;
    } else if (c === '\\' && i + 1 < command.length) {
      current += command[++i];
      started = true;
    } else if (/\s/.test(c)) {
      if (started) words.push(current);
      current = '';
      started = false;
    } else {
      current += c;
      started = true;
    }
  }
  if (quote) return null;
  if (started) words.push(current);
  return words;
}

/**
 * Runs the command as the command pod does, with the cluster's admin kubeconfig: kubectl through
 * runKubectl (inside the cluster, so private and IP-restricted API servers answer); a command
 * line that needs a shell (pipes, redirections) runs in a subshell with KUBECONFIG set.
 */
function runInCluster(inv: AzInvocation, command: string, kubeconfigText: string): { exitCode: number; logs: string } {
  const words = simpleWords(command);
  if (words && words[0] === 'kubectl') {
    const result = runKubectl(inv.sim, inv.ctx.host, words, { kubeconfigText, cwd: inv.ctx.cwd });
    return { exitCode: result.exitCode, logs: result.stdout + result.stderr };
  }
  const fs = inv.ctx.fs;
  if (!fs.exists(SCRATCH)) fs.mkdir(SCRATCH, { recursive: true });
  const path = `${SCRATCH}/kubeconfig`;
  fs.writeFile(path, kubeconfigText);
  try {
    const result = inv.ctx.shell.runScript(`export KUBECONFIG=${path}\n${command}`, { subshell: true, stdin: '' });
    return { exitCode: result.exitCode, logs: result.stdout + result.stderr };
  } finally {
    fs.remove(SCRATCH, { recursive: true });
  }
}

export const aksInvokeCommands: CommandSpec[] = [
  {
    name: 'aks command invoke',
    summary: 'Run a shell command (with kubectl, helm) on your aks cluster, support attaching files as well.',
    args: [
      RESOURCE_GROUP,
      CLUSTER_NAME,
      { dest: 'command_string', options: ['--command', '-c'], required: true, help: 'The command to run.' },
      { dest: 'command_files', options: ['--file', '-f'], kind: 'list', help: 'Files to be used by the command, use \'.\' to attach the current folder.' },
    ],
    table: commandResultTable,
    examples: [
      { name: 'Run a kubectl command on a private cluster.', text: 'az aks command invoke -g MyResourceGroup -n MyManagedCluster -c "kubectl get pods -n kube-system"' },
      { name: 'Apply a manifest file.', text: 'az aks command invoke -g MyResourceGroup -n MyManagedCluster -c "kubectl apply -f deployment.yaml -n default" -f deployment.yaml' },
    ],
    run(inv) {
      const cluster = getCluster(inv.world, str(inv, 'resource_group_name')!, str(inv, 'name')!);
      if (isAzureError(cluster)) return cluster;
      void list(inv, 'command_files');
      const credentials = clusterCredentials(inv.world, cluster.id, { admin: true, publicFqdn: false });
      if (isAzureError(credentials)) return credentials;
      const started = inv.world.now();
      inv.sim.advance(5);
      const run = runInCluster(inv, str(inv, 'command_string')!, renderKubeconfig(credentials));
      inv.sim.advance(2);
      const finished = inv.world.now();
      const result = {
        exitCode: run.exitCode,
        finishedAt: isoTime(finished),
        id: inv.world.hex(`command-invoke:${inv.world.next('command-invoke')}`, 32),
        logs: run.logs,
        provisioningState: 'Succeeded',
        reason: null,
        startedAt: isoTime(started),
      };
      // azure-cli prints its own summary unless the learner chose an output format.
      if (!inv.given.has('_output_format')) {
        const green = inv.ctx.tty ? ['\x1b[32m', '\x1b[0m'] : ['', ''];
        const head = `${green[0]}command started at ${pythonTime(started)}, finished at ${pythonTime(finished)} with exitcode=${run.exitCode}${green[1]}\n`;
        return { text: `${head}${run.logs}\n` };
      }
      return { result };
    },
  },
];
