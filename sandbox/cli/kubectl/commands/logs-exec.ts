// kubectl logs and kubectl exec. Both go from the API server to the pod's kubelet (through the
// konnectivity tunnel, or directly with API Server VNet Integration): when that path is broken
// they fail with the API server's "error dialing backend" while `get` still works. logs prints
// what the container wrote (-f prints and returns); exec runs the command on the pod's host
// (`-it ... -- sh` steps the terminal into the pod), with containerd's error for an executable
// the image does not have.
import type { Container, ContainerStatus, Node, Pod } from '../../../model/k8s/types.ts';
import type { CommandResult, Host } from '../../../shell/types.ts';
import { hasTool, TOOL_NAMES, toolsetForImage, type ToolName } from '../../tools/images.ts';
import { imageRepository } from '../../../network/trace/index.ts';
import { filenameFlags, SELECTOR_FLAG } from '../cli/common-flags.ts';
import type { Invocation, KubectlCommand } from '../cli/command.ts';
import { failure, Output } from '../cli/output.ts';
import { connectClient, isResult, type Client } from '../client/client.ts';
import { listFor } from '../client/fetch.ts';
import { resolveType } from '../client/targets.ts';
import { completeResourceArgs, objectNames } from './complete-args.ts';
import { containerLog, nanoTimestamp } from './log-content.ts';
import { kubeletPath, pickContainer, pickPod } from './pod-target.ts';

function unreachable(client: Client, error: string): CommandResult {
  // A dial that times out takes the API server's 30 s before it answers.
  if (error.includes('i/o timeout')) client.sim.advance(30);
  return failure(error);
}

function statusOf(pod: Pod, name: string): ContainerStatus | undefined {
  const init = (pod.status as unknown as { initContainerStatuses?: ContainerStatus[] }).initContainerStatuses ?? [];
  return [...(pod.status?.containerStatuses ?? []), ...init].find((s) => s.name === name);
}

function nodeOf(client: Client, pod: Pod): Node | undefined {
  return pod.spec.nodeName ? client.world.k8sGet<Node>(client.clusterId, 'Node', undefined, pod.spec.nodeName) : undefined;
}

export const logsCommand: KubectlCommand = {
  name: 'logs',
  use: '[-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]',
  short: 'Print the logs for a container in a pod',
  long: 'Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional.',
  example: `  # Return snapshot logs from pod nginx with only one container
  kubectl logs nginx

  # Return snapshot logs from pod nginx, prefixing each line with the source pod and container name
  kubectl logs nginx --prefix

  # Return snapshot logs from all containers in pods defined by label app=nginx
  kubectl logs -l app=nginx --all-containers=true

  # Return snapshot of previous terminated ruby container logs from pod web-1
  kubectl logs -p -c ruby web-1

  # Display only the most recent 20 lines of output in pod nginx
  kubectl logs --tail=20 nginx

  # Return snapshot logs from first container of a deployment named nginx
  kubectl logs deployment/nginx`,
  flags: [
    { name: 'all-containers', type: 'bool', defValue: 'false', usage: 'Get all containers\' logs in the pod(s).' },
    { name: 'all-pods', type: 'bool', defValue: 'false', usage: 'Get logs from all pod(s). Sets prefix to true.' },
    { name: 'container', shorthand: 'c', type: 'string', usage: 'Print the logs of this container' },
    { name: 'follow', shorthand: 'f', type: 'bool', defValue: 'false', usage: 'Specify if the logs should be streamed.' },
    { name: 'ignore-errors', type: 'bool', defValue: 'false', usage: 'If watching / following pod logs, allow for any errors that occur to be non-fatal' },
    { name: 'insecure-skip-tls-verify-backend', type: 'bool', defValue: 'false', usage: "Skip verifying the identity of the kubelet that logs are requested from.  In theory, an attacker could provide invalid log content back. You might want to use this if your kubelet serving certificates have expired." },
    { name: 'limit-bytes', type: 'int', defValue: '0', usage: 'Maximum bytes of logs to return. Defaults to no limit.' },
    { name: 'max-log-requests', type: 'int', defValue: '5', usage: 'Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5.' },
    { name: 'pod-running-timeout', type: 'duration', defValue: '20s', usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
    { name: 'prefix', type: 'bool', defValue: 'false', usage: 'Prefix each log line with the log source (pod name and container name)' },
    { name: 'previous', shorthand: 'p', type: 'bool', defValue: 'false', usage: 'If true, print the logs for the previous instance of the container in a pod if it exists.' },
    SELECTOR_FLAG,
    { name: 'since', type: 'duration', defValue: '0s', usage: 'Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs. Only one of since-time / since may be used.' },
    { name: 'since-time', type: 'string', usage: 'Only return logs after a specific date (RFC3339). Defaults to all logs. Only one of since-time / since may be used.' },
    { name: 'tail', type: 'int', defValue: '-1', usage: 'Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.' },
    { name: 'timestamps', type: 'bool', defValue: 'false', usage: 'Include timestamps on each line in the log output' },
  ],
  run: runLogs,
  completeArgs: (req) => (req.args.length === 0 ? (req.partial.includes('/') ? completeResourceArgs(req) : objectNames(req, 'pods').filter((n) => n.startsWith(req.partial))) : []),
};

const LOGS_USAGE = "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples";

function containerLines(client: Client, pod: Pod, container: Container, inv: Invocation, prefix: boolean): string[] | string {
  const status = statusOf(pod, container.name);
  const previous = inv.flags.bool('previous');
  if (previous) {
    const last = status?.lastState as ContainerStatus['state'] | undefined;
    if (!last?.terminated) return `Error from server (BadRequest): previous terminated container "${container.name}" in pod "${pod.metadata.name}" not found`;
  }
  const state = status?.state;
  if (!previous && (!state || state.waiting)) {
    const reason = state?.waiting?.reason ?? 'ContainerCreating';
    if (reason === 'ImagePullBackOff' || reason === 'ErrImagePull' || reason === 'InvalidImageName') {
      return `Error from server (BadRequest): container "${container.name}" in pod "${pod.metadata.name}" is waiting to start: trying and failing to pull image`;
    }
    return `Error from server (BadRequest): container "${container.name}" in pod "${pod.metadata.name}" is waiting to start: ${reason}`;
  }
  const started = previous ? (status?.lastState as ContainerStatus['state']).terminated!.startedAt : (state?.running?.startedAt ?? state?.terminated?.startedAt);
  let lines = containerLog(client.world, pod, container, started, nodeOf(client, pod));
  const since = inv.flags.string('since');
  if (since && since !== '0s') {
    const m = /^(\d+)(s|m|h)$/.exec(since);
    const seconds = m ? Number(m[1]) * ({ s: 1, m: 60, h: 3600 } as Record<string, number>)[m[2]!]! : 0;
    lines = lines.filter((l) => l.ms >= client.world.now() - seconds * 1000);
  }
  let tail = inv.flags.int('tail', -1);
  if (tail < 0 && inv.flags.string('selector') && !inv.flags.changed('tail')) tail = 10;
  if (tail >= 0) lines = tail === 0 ? [] : lines.slice(-tail);
  return lines.map((l, i) => {
    let text = l.text;
    if (inv.flags.bool('timestamps')) text = `${nanoTimestamp(l.ms, i)} ${text}`;
    if (prefix) text = `[pod/${pod.metadata.name}/${container.name}] ${text}`;
    return text;
  });
}

function runLogs(inv: Invocation): CommandResult {
  const { flags, args } = inv;
  const selector = flags.string('selector');
  if (args.length === 0 && !selector) return failure(LOGS_USAGE);
  if (args.length === 1 && selector) return failure("error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples");
  if (args.length > 2) return failure(LOGS_USAGE);
  if (flags.int('tail', -1) < -1) return failure('error: --tail must be greater than or equal to -1');
  if (flags.string('since-time') && flags.changed('since')) return failure('error: at most one of `sinceTime` or `sinceSeconds` may be specified');
  let containerName = flags.string('container');
  if (args.length === 2) {
    if (containerName) return failure('error: only one of -c or an inline [CONTAINER] arg is allowed');
    containerName = args[1]!;
  }
  if (flags.bool('all-containers') && containerName) return failure(`error: --all-containers=true should not be specified with container name ${containerName}`);
  const client = connectClient(inv);
  if (isResult(client)) return client;
  const out = new Output();
  let pods: Pod[];
  if (selector) {
    const type = resolveType('pods');
    const listed = typeof type === 'string' ? [] : listFor(client, type, { namespace: client.namespace, labelSelector: selector });
    if (typeof listed === 'string') return failure(listed);
    pods = listed as Pod[];
    if (pods.length === 0) return { stdout: '', stderr: `No resources found in ${client.namespace} namespace.\n`, exitCode: 0 };
  } else {
    const pick = pickPod(client, args[0]!, client.namespace);
    if (typeof pick === 'string') return failure(pick);
    if (pick.note) out.err(pick.note);
    pods = [pick.pod];
  }
  const prefix = flags.bool('prefix') || flags.bool('all-pods');
  for (const pod of pods) {
    const blocked = kubeletPath(client, pod);
    if (blocked) return unreachable(client, blocked);
    const containers = flags.bool('all-containers') ? pod.spec.containers : [];
    if (containers.length === 0) {
      const picked = pickContainer(pod, containerName, selector !== '', 'logs');
      if (typeof picked === 'string') return out.fail(picked).result();
      if (picked.note) out.err(picked.note);
      containers.push(picked.container);
    }
    for (const c of containers) {
      const lines = containerLines(client, pod, c, inv, prefix || pods.length > 1 && flags.bool('prefix'));
      if (typeof lines === 'string') return out.fail(lines).result();
      if (lines.length > 0) out.out(`${lines.join('\n')}\n`);
    }
  }
  return out.result();
}

const SHELLS = ['sh', 'bash', 'ash', 'dash', 'zsh'];
/** AKS system images built on distroless: no shell, no coreutils. */
const DISTROLESS = ['coredns', 'metrics-server', 'addon-resizer', 'cluster-proportional-autoscaler', 'agent', 'cloud-node-manager', 'azuredisk-csi', 'azurefile-csi', 'livenessprobe', 'csi-node-driver-registrar', 'pause'];

/** Whether the container's image has the executable (as containerd would find it on PATH). */
export function imageHas(image: string, executable: string, host: Host): boolean {
  const name = executable.slice(executable.lastIndexOf('/') + 1);
  const repo = imageRepository(image);
  const last = repo.slice(repo.lastIndexOf('/') + 1);
  if (DISTROLESS.includes(last)) return false;
  const tools = toolsetForImage(image);
  if (name === 'bash') return tools.shell !== 'busybox';
  if (name === 'zsh') return false;
  if (SHELLS.includes(name)) return true;
  if ((TOOL_NAMES as readonly string[]).includes(name)) return hasTool(tools, name as ToolName);
  if (name === 'ps' || name === 'top') return tools.shell === 'busybox';
  return host.commands.get(name) !== undefined;
}

function ociNotFound(world: Client['world'], executable: string): string {
  const id = world.hex(`exec:${world.next('exec-id')}`, 64);
  const why = executable.includes('/') ? `stat ${executable}: no such file or directory` : 'executable file not found in $PATH';
  return `error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${id}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${executable}": ${why}: unknown`;
}

export const execCommand: KubectlCommand = {
  name: 'exec',
  use: '(POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]',
  short: 'Execute a command in a container',
  long: 'Execute a command in a container.',
  example: `  # Get output from running the 'date' command from pod mypod, using the first container by default
  kubectl exec mypod -- date

  # Get output from running the 'date' command in ruby-container from pod mypod
  kubectl exec mypod -c ruby-container -- date

  # Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod
  # and sends stdout/stderr from 'bash' back to the client
  kubectl exec mypod -c ruby-container -i -t -- bash -il

  # Get output from running 'cat /etc/resolv.conf' command from the first pod of the deployment web
  kubectl exec deploy/web -- cat /etc/resolv.conf`,
  flags: [
    { name: 'container', shorthand: 'c', type: 'string', usage: 'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen' },
    ...filenameFlags('to use to exec into the resource').slice(0, 1),
    { name: 'pod-running-timeout', type: 'duration', defValue: '1m0s', usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
    { name: 'quiet', shorthand: 'q', type: 'bool', defValue: 'false', usage: 'Only print output from the remote session' },
    { name: 'stdin', shorthand: 'i', type: 'bool', defValue: 'false', usage: 'Pass stdin to the container' },
    { name: 'tty', shorthand: 't', type: 'bool', defValue: 'false', usage: 'Stdin is a TTY' },
  ],
  run: runExec,
  completeArgs: (req) => (req.args.length === 0 ? (req.partial.includes('/') ? completeResourceArgs(req) : objectNames(req, 'pods').filter((n) => n.startsWith(req.partial))) : []),
};

function runExec(inv: Invocation): CommandResult {
  const { flags, args, argsLenAtDash } = inv;
  let resource = '';
  let command: string[] = [];
  if (args.length > 0 && argsLenAtDash !== 0) resource = args[0]!;
  if (argsLenAtDash === 0 || argsLenAtDash === 1) command = args.slice(argsLenAtDash);
  else if (args.length > 1) return failure("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples");
  if (!resource && flags.list('filename').length === 0) return failure('error: pod, type/name or --filename must be specified');
  if (command.length === 0) return failure('error: you must specify at least one command for the container');
  const client = connectClient(inv);
  if (isResult(client)) return client;
  const out = new Output();
  const pick = pickPod(client, resource, client.namespace);
  if (typeof pick === 'string') return failure(pick);
  const pod = pick.pod;
  if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return failure(`error: cannot exec into a container in a completed pod; current phase is ${pod.status.phase}`);
  const picked = pickContainer(pod, flags.string('container'), flags.bool('quiet'), 'exec');
  if (typeof picked === 'string') return failure(picked);
  if (picked.note) out.err(picked.note);
  const blocked = kubeletPath(client, pod);
  if (blocked) return unreachable(client, blocked);
  const status = statusOf(pod, picked.container.name);
  if (!status?.state?.running) return out.fail(`error: unable to upgrade connection: container not found ("${picked.container.name}")`).result();
  const host = client.sim.hosts.pod(client.clusterId, pod.metadata.namespace ?? 'default', pod.metadata.name);
  if (!host) return out.fail(`Error from server (NotFound): pods "${pod.metadata.name}" not found`).result();
  if (!imageHas(picked.container.image, command[0]!, host)) return out.fail(ociNotFound(client.world, command[0]!)).result();
  const shell = inv.env.shell;
  if (!shell) return out.fail('error: unable to upgrade connection: no terminal session to run the command in').result();
  const name = command[0]!.slice(command[0]!.lastIndexOf('/') + 1);
  if (SHELLS.includes(name) && command.length === 1 && flags.bool('stdin') && flags.bool('tty')) {
    shell.enter(host);
    return out.result();
  }
  const argv = [name, ...command.slice(1)];
  const result = shell.runOn(host, argv, flags.bool('stdin') ? inv.env.stdin : '');
  out.out(result.stdout).err(result.stderr);
  if (result.exitCode !== 0) {
    out.err(`command terminated with exit code ${result.exitCode}\n`);
    out.exitCode = result.exitCode;
  }
  return out.result();
}
