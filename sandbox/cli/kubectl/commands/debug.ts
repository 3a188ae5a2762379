// kubectl debug (pkg/cmd/debug, 1.34): `debug node/NAME --image=IMAGE [-it]` creates the
// node-debugger pod (host namespaces, the node's filesystem at /host, the legacy profile by
// default with its deprecation warning) and, with -i, steps into the node's shell as the
// attached debugging container would. Debugging a pod (ephemeral containers, --copy-to) is not
// emulated and says so.
import { createObject, isK8sApiError } from '../../../apiserver/index.ts';
import { k8sSuffix } from '../../../core/hash.ts';
import type { Node, Pod } from '../../../model/k8s/types.ts';
import type { CommandResult } from '../../../shell/types.ts';
import { filenameFlags } from '../cli/common-flags.ts';
import type { Invocation, KubectlCommand } from '../cli/command.ts';
import { apiErrorText, failure, Output } from '../cli/output.ts';
import { connectClient, isResult } from '../client/client.ts';
import { completeResourceArgs } from './complete-args.ts';

const PROFILES = ['legacy', 'general', 'baseline', 'netadmin', 'restricted', 'sysadmin'];

const LONG = `Debug cluster resources using interactive debugging containers.

 'debug' provides automation for common debugging tasks for cluster objects identified by resource and name. Pods will be used by default if no resource is specified.

 The action taken by 'debug' varies depending on what resource is specified. Supported actions include:

  *  Workload: Create a copy of an existing pod with certain attributes changed, for example changing the image tag to a new version.
  *  Workload: Add an ephemeral container to an already running pod, for example to add debugging utilities without restarting the pod.
  *  Node: Create a new pod that runs in the node's host namespaces and can access the node's filesystem.

 Note: When a non-root user is configured for the entire target Pod, some capabilities granted by debug profile may not work.`;

const EXAMPLE = `  # Create an interactive debugging session in pod mypod and immediately attach to it.
  kubectl debug mypod -it --image=busybox

  # Create a debug container named debugger using a custom automated debugging image.
  kubectl debug --image=myproj/debug-tools -c debugger mypod

  # Create a copy of mypod adding a debug container and attach to it
  kubectl debug mypod -it --image=busybox --copy-to=my-debugger

  # Create an interactive debugging session on a node and immediately attach to it.
  # The container will run in the host namespaces and the host's filesystem will be mounted at /host
  kubectl debug node/mynode -it --image=busybox`;

function run(inv: Invocation): CommandResult {
  const { flags } = inv;
  const dash = inv.argsLenAtDash;
  const targets = dash >= 0 ? inv.args.slice(0, dash) : inv.args;
  const args = dash >= 0 ? inv.args.slice(dash) : [];
  const image = flags.string('image');
  const copyTo = flags.string('copy-to');
  const stdin = flags.bool('stdin');
  const attach = flags.changed('attach') ? flags.bool('attach') : stdin;
  // Validate (debug.go), in its order.
  if (attach && flags.changed('attach') && !image && !flags.string('container')) return failure('error: you must specify --container or create a new container using --image in order to attach.');
  if (copyTo) {
    if (!image && flags.list('set-image').length === 0 && args.length === 0) return failure('error: you must specify --image, --set-image or command arguments.');
  } else {
    if (flags.bool('replace')) return failure('error: --replace may only be used with --copy-to.');
    if (flags.bool('same-node')) return failure('error: --same-node may only be used with --copy-to.');
    if (flags.list('set-image').length > 0) return failure('error: --set-image may only be used with --copy-to.');
    if (!image) return failure('error: you must specify --image when not using --copy-to.');
  }
  if (image && (/\s|[A-Z]/.test(image.split('@')[0]!.split(':')[0]!) || image.endsWith(':'))) return failure(`error: invalid image name "${image}": invalid reference format`);
  if (targets.length === 0 && flags.list('filename').length === 0) return failure('error: NAME or filename is required for debug');
  const pullPolicy = flags.string('image-pull-policy');
  if (pullPolicy && !['Always', 'IfNotPresent', 'Never'].includes(pullPolicy)) return failure(`error: invalid image pull policy: ${pullPolicy}`);
  const profile = flags.string('profile', 'legacy') || 'legacy';
  if (!PROFILES.includes(profile)) return failure(`error: unknown profile: ${profile}`);
  const out = new Output();
  if (profile === 'legacy') out.err('--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n');

  const client = connectClient(inv);
  if (isResult(client)) return { ...client, stderr: out.stderr + client.stderr };
  for (const target of targets) {
    const slash = target.indexOf('/');
    const type = slash >= 0 ? target.slice(0, slash).toLowerCase() : 'pods';
    const name = slash >= 0 ? target.slice(slash + 1) : target;
    if (!['node', 'nodes', 'no'].includes(type)) {
      return out.fail(`error: "kubectl debug" of pods (ephemeral containers, --copy-to) is not available in this sandbox; use "kubectl exec", "kubectl run --rm -it", or "kubectl debug node/NAME"`).result();
    }
    const node = client.world.k8sGet<Node>(client.clusterId, 'Node', undefined, name);
    if (!node) return out.fail(`Error from server (NotFound): nodes "${name}" not found`).result();
    const container = flags.string('container') || 'debugger';
    const podName = `node-debugger-${name}-${k8sSuffix(`debug:${name}:${client.world.next('kubectl-debug')}`, 5)}`;
    if (!flags.bool('quiet')) out.out(`Creating debugging pod ${podName} with container ${container} on node ${name}.\n`);
    const pod = nodeDebugPod(podName, container, name, image, args, { stdin, tty: flags.bool('tty'), argsOnly: flags.bool('arguments-only'), pullPolicy, profile });
    const created = createObject(client.world, client.clusterId, pod as unknown as Parameters<typeof createObject>[2], { namespace: client.namespace });
    if (isK8sApiError(created)) return out.fail(apiErrorText(created)).result();
    client.sim.settle();
    if (!attach) continue;
    // waitForContainer, then attach: the terminal steps onto the node (host namespaces, and the
    // node's files the container would see under /host).
    client.sim.advance(2);
    const host = client.sim.hosts.node(client.clusterId, name);
    if (!host || !inv.env.shell) return out.fail('error: unable to upgrade connection: this kubectl has no terminal to attach').result();
    if (!flags.bool('quiet')) {
      out.err('All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\n');
      out.err("If you don't see a command prompt, try pressing enter.\n");
    }
    inv.env.shell.enter(host);
    break;
  }
  return out.result();
}

function nodeDebugPod(name: string, container: string, nodeName: string, image: string, args: string[], o: { stdin: boolean; tty: boolean; argsOnly: boolean; pullPolicy: string; profile: string }): Pod {
  const spec: Record<string, unknown> = {
    containers: [
      {
        name: container,
        image,
        ...(o.pullPolicy ? { imagePullPolicy: o.pullPolicy } : {}),
        ...(args.length > 0 ? (o.argsOnly ? { args } : { command: args }) : {}),
        ...(o.stdin ? { stdin: true } : {}),
        terminationMessagePolicy: 'File',
        ...(o.tty ? { tty: true } : {}),
        volumeMounts: [{ mountPath: '/host', name: 'host-root' }],
        ...(o.profile === 'sysadmin' ? { securityContext: { privileged: true } } : {}),
      },
    ],
    hostIPC: true,
    hostNetwork: true,
    hostPID: true,
    nodeName,
    restartPolicy: 'Never',
    tolerations: [{ operator: 'Exists' }],
    volumes: [{ hostPath: { path: '/' }, name: 'host-root' }],
  };
  return { apiVersion: 'v1', kind: 'Pod', metadata: { labels: { 'app.kubernetes.io/managed-by': 'kubectl-debug' }, name }, spec } as unknown as Pod;
}

export const debugCommand: KubectlCommand = {
  name: 'debug',
  use: '(POD | TYPE[[.VERSION].GROUP]/NAME) [ -- COMMAND [args...] ]',
  short: 'Create debugging sessions for troubleshooting workloads and nodes',
  long: LONG,
  example: EXAMPLE,
  flags: [
    { name: 'arguments-only', type: 'bool', defValue: 'false', usage: 'If specified, everything after -- will be passed to the new container as Args instead of Command.' },
    { name: 'attach', type: 'bool', defValue: 'false', usage: "If true, wait for the container to start running, and then attach as if 'kubectl attach ...' were called.  Default false, unless '-i/--stdin' is set, in which case the default is true." },
    { name: 'container', shorthand: 'c', type: 'string', usage: 'Container name to use for debug container.' },
    { name: 'copy-to', type: 'string', usage: 'Create a copy of the target Pod with this name.' },
    { name: 'custom', type: 'string', usage: 'Path to a JSON or YAML file containing a partial container spec to customize built-in debug profiles.' },
    { name: 'env', type: 'stringSlice', defValue: '[]', usage: 'Environment variables to set in the container.' },
    ...filenameFlags('identifying the resource to debug').slice(0, 1),
    { name: 'image', type: 'string', usage: 'Container image to use for debug container.' },
    { name: 'image-pull-policy', type: 'string', usage: 'The image pull policy for the container. If left empty, this value will not be specified by the client and defaulted by the server.' },
    { name: 'keep-annotations', type: 'bool', defValue: 'false', usage: "If true, keep the original pod annotations.(This flag only works when used with '--copy-to')" },
    { name: 'keep-init-containers', type: 'bool', defValue: 'true', usage: "Run the init containers for the pod. Defaults to true.(This flag only works when used with '--copy-to')" },
    { name: 'keep-labels', type: 'bool', defValue: 'false', usage: "If true, keep the original pod labels.(This flag only works when used with '--copy-to')" },
    { name: 'keep-liveness', type: 'bool', defValue: 'false', usage: "If true, keep the original pod liveness probes.(This flag only works when used with '--copy-to')" },
    { name: 'keep-readiness', type: 'bool', defValue: 'false', usage: "If true, keep the original pod readiness probes.(This flag only works when used with '--copy-to')" },
    { name: 'keep-startup', type: 'bool', defValue: 'false', usage: "If true, keep the original startup probes.(This flag only works when used with '--copy-to')" },
    { name: 'profile', type: 'string', defValue: 'legacy', usage: 'Options are "legacy", "general", "baseline", "netadmin", "restricted" or "sysadmin".' },
    { name: 'quiet', shorthand: 'q', type: 'bool', defValue: 'false', usage: 'If true, suppress informational messages.' },
    { name: 'replace', type: 'bool', defValue: 'false', usage: "When used with '--copy-to', delete the original Pod." },
    { name: 'same-node', type: 'bool', defValue: 'false', usage: "When used with '--copy-to', schedule the copy of target Pod on the same node." },
    { name: 'set-image', type: 'stringSlice', defValue: '[]', usage: "When used with '--copy-to', a list of name=image pairs for changing container images, similar to how 'kubectl set image' works." },
    { name: 'share-processes', type: 'bool', defValue: 'true', usage: "When used with '--copy-to', enable process namespace sharing in the copy." },
    { name: 'stdin', shorthand: 'i', type: 'bool', defValue: 'false', usage: 'Keep stdin open on the container(s) in the pod, even if nothing is attached.' },
    { name: 'target', type: 'string', usage: 'When using an ephemeral container, target processes in this container name.' },
    { name: 'tty', shorthand: 't', type: 'bool', defValue: 'false', usage: 'Allocate a TTY for the debugging container.' },
  ],
  run,
  completeArgs: completeResourceArgs,
};
