// The kubectl command tree: every verb of kubectl's root command, grouped as `kubectl --help`
// groups them (pkg/cmd/cmd.go). Verbs the sandbox does not emulate are present (so help,
// suggestions and completion stay those of the real tool) and say that they are not available.
import type { KubectlCommand } from './cli/command.ts';
import { failure } from './cli/output.ts';
import { commandList } from './commands/index.ts';
import { helpCommand } from './commands/misc.ts';

function unavailable(name: string, short: string, use = '[flags]'): KubectlCommand {
  return {
    name,
    use,
    short,
    run: (inv) => failure(`error: "${inv.path}" is not available in this sandbox`),
  };
}

const STUBS: KubectlCommand[] = [
  unavailable('set', 'Set specific features on objects', 'SUBCOMMAND'),
  unavailable('autoscale', 'Auto-scale a deployment, replica set, stateful set, or replication controller', '(-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu=CPU] [--memory=MEMORY]'),
  unavailable('certificate', 'Modify certificate resources', 'SUBCOMMAND'),
  unavailable('top', 'Display resource (CPU/memory) usage', '[flags]'),
  unavailable('drain', 'Drain node in preparation for maintenance', 'NODE'),
  unavailable('taint', 'Update the taints on one or more nodes', 'NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N'),
  unavailable('attach', 'Attach to a running container', '(POD | TYPE/NAME) -c CONTAINER'),
  unavailable('port-forward', 'Forward one or more local ports to a pod', 'TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]'),
  unavailable('proxy', 'Run a proxy to the Kubernetes API server', "[--port=PORT] [--www=static-dir] [--www-prefix=prefix] [--api-prefix=prefix]"),
  unavailable('cp', 'Copy files and directories to and from containers', '<file-spec-src> <file-spec-dest>'),
  unavailable('auth', 'Inspect authorization', '[flags]'),
  unavailable('debug', 'Create debugging sessions for troubleshooting workloads and nodes', '(POD | TYPE[[.VERSION].GROUP]/NAME) [ -- COMMAND [args...] ]'),
  unavailable('diff', 'Diff the live version against a would-be applied version', '-f FILENAME'),
  unavailable('replace', 'Replace a resource by file name or stdin', '-f FILENAME'),
  unavailable('kustomize', 'Build a kustomization target from a directory or URL', 'DIR [flags]'),
  {
    // Hidden from help when the build has no alpha commands (cmd.go filters it); its help func
    // prints one line.
    name: 'alpha',
    use: '',
    short: 'Commands for features in alpha',
    hidden: true,
    run: () => ({ stdout: '', stderr: 'No alpha commands are available in this version of kubectl\n', exitCode: 0 }),
  },
  unavailable('plugin', 'Provides utilities for interacting with plugins', '[flags]'),
];

const GROUPS = [
  { message: 'Basic Commands (Beginner):', names: ['create', 'expose', 'run', 'set'] },
  { message: 'Basic Commands (Intermediate):', names: ['explain', 'get', 'edit', 'delete'] },
  { message: 'Deploy Commands:', names: ['rollout', 'scale', 'autoscale'] },
  { message: 'Cluster Management Commands:', names: ['certificate', 'cluster-info', 'top', 'cordon', 'uncordon', 'drain', 'taint'] },
  { message: 'Troubleshooting and Debugging Commands:', names: ['describe', 'logs', 'attach', 'exec', 'port-forward', 'proxy', 'cp', 'auth', 'debug', 'events'] },
  { message: 'Advanced Commands:', names: ['diff', 'apply', 'patch', 'replace', 'wait', 'kustomize'] },
  { message: 'Settings Commands:', names: ['label', 'annotate', 'completion'] },
];

/** Orders commands as kubectl adds them: the groups, then the other commands. */
function ordered(commands: KubectlCommand[]): KubectlCommand[] {
  const order = GROUPS.flatMap((g) => g.names);
  const rank = (c: KubectlCommand) => {
    const i = order.indexOf(c.name);
    return i < 0 ? order.length : i;
  };
  return [...commands].sort((a, b) => rank(a) - rank(b));
}

export function buildRoot(): KubectlCommand {
  const implemented = commandList();
  const names = new Set(implemented.map((c) => c.name));
  const all = [...implemented, ...STUBS.filter((s) => !names.has(s.name))];
  const root: KubectlCommand = {
    name: 'kubectl',
    use: '[flags]',
    short: 'kubectl controls the Kubernetes cluster manager',
    long: `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/`,
    subcommands: [],
    groups: GROUPS,
  };
  root.subcommands = ordered([...all, helpCommand(() => root)]);
  return root;
}

let cached: KubectlCommand | undefined;

export function rootCommand(): KubectlCommand {
  cached ??= buildRoot();
  return cached;
}
