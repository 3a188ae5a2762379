// kubectl run (one Pod, labels run=NAME, optionally a ClusterIP Service with --expose; with -it
// the learner's terminal steps into the pod once it runs) and kubectl expose (a Service whose
// selector, ports and protocols come from a pod, service, deployment or replica set).
import { deleteObject, resourceForKind } from '../../../apiserver/index.ts';
import type { Container, Deployment, K8sObject, Pod, ReplicaSet, Service } from '../../../model/k8s/types.ts';
import type { CommandResult } from '../../../shell/types.ts';
import type { Invocation, KubectlCommand } from '../cli/command.ts';
import { failure, MISSING_RESOURCE, Output } from '../cli/output.ts';
import { connectClient, isResult } from '../client/client.ts';
import { fetchQueries } from '../client/fetch.ts';
import { readManifestArgs } from '../client/manifests.ts';
import { resolveTargets, type Query } from '../client/targets.ts';
import { removeOnExit } from './run-sessions.ts';
import { completeResourceArgs } from './complete-args.ts';
import { finish, generatorFlags, isPrepared, prepare, submit } from './generated.ts';
import { filenameFlags } from '../cli/common-flags.ts';

function parseLabelSpec(spec: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  for (const part of spec.split(',')) {
    const kv = part.split('=');
    if (kv.length !== 2) return `unexpected label spec: ${part}`;
    if (kv[0] === '') return 'unexpected empty label key';
    out[kv[0]!] = kv[1]!;
  }
  return out;
}

const RESTARTS = ['Always', 'OnFailure', 'Never'];

export const runCommand: KubectlCommand = {
  name: 'run',
  use: 'NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...]',
  short: 'Run a particular image on the cluster',
  long: 'Create and run a particular image in a pod.',
  example: `  # Start a nginx pod
  kubectl run nginx --image=nginx

  # Start a hazelcast pod and let the container expose port 5701
  kubectl run hazelcast --image=hazelcast/hazelcast --port=5701

  # Start a busybox pod and keep it in the foreground, don't restart it if it exits
  kubectl run -i -t busybox --image=busybox --restart=Never

  # Start a throwaway pod to test DNS from inside the cluster
  kubectl run tmp --rm -it --image=busybox:1.36 --restart=Never -- nslookup web

  # Start the nginx pod using a different command and custom arguments
  kubectl run nginx --image=nginx --command -- <cmd> <arg1> ... <argN>`,
  flags: [
    ...generatorFlags('kubectl-run'),
    { name: 'annotations', type: 'stringArray', defValue: '[]', usage: 'Annotations to apply to the pod.' },
    { name: 'attach', type: 'bool', defValue: 'false', usage: "If true, wait for the Pod to start running, and then attach to the Pod as if 'kubectl attach ...' were called.  Default false, unless '-i/--stdin' is set, in which case the default is true. With '--restart=Never' the exit code of the container process is returned." },
    { name: 'cascade', type: 'string', defValue: 'background', noOptDefVal: 'background', usage: 'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.' },
    { name: 'command', type: 'bool', defValue: 'false', usage: "If true and extra arguments are present, use them as the 'command' field in the container, rather than the 'args' field which is the default." },
    { name: 'env', type: 'stringArray', defValue: '[]', usage: 'Environment variables to set in the container.' },
    { name: 'expose', type: 'bool', defValue: 'false', usage: 'If true, create a ClusterIP service associated with the pod.  Requires `--port`.' },
    { name: 'image', type: 'string', usage: 'The image for the container to run.' },
    { name: 'image-pull-policy', type: 'string', usage: 'The image pull policy for the container.  If left empty, this value will not be specified by the client and defaulted by the server.' },
    { name: 'labels', shorthand: 'l', type: 'string', usage: 'Comma separated labels to apply to the pod. Will override previous values.' },
    { name: 'leave-stdin-open', type: 'bool', defValue: 'false', usage: 'If the pod is started in interactive mode or with stdin, leave stdin open after the first attach completes. By default, stdin will be closed after the first attach completes.' },
    { name: 'overrides', type: 'string', usage: 'An inline JSON override for the generated object. If this is non-empty, it is used to override the generated object. Requires that the object supply a valid apiVersion field.' },
    { name: 'pod-running-timeout', type: 'duration', defValue: '1m0s', usage: 'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running' },
    { name: 'port', type: 'string', usage: 'The port that this container exposes.' },
    { name: 'privileged', type: 'bool', defValue: 'false', usage: 'If true, run the container in privileged mode.' },
    { name: 'quiet', shorthand: 'q', type: 'bool', defValue: 'false', usage: 'If true, suppress prompt messages.' },
    { name: 'restart', type: 'string', defValue: 'Always', usage: 'The restart policy for this Pod.  Legal values [Always, OnFailure, Never].', values: RESTARTS },
    { name: 'rm', type: 'bool', defValue: 'false', usage: "If true, delete the pod after it exits.  Only valid when attaching to the container, e.g. with '--attach' or with '-i/--stdin'." },
    { name: 'stdin', shorthand: 'i', type: 'bool', defValue: 'false', usage: 'Keep stdin open on the container in the pod, even if nothing is attached.' },
    { name: 'tty', shorthand: 't', type: 'bool', defValue: 'false', usage: 'Allocate a TTY for the container in the pod.' },
  ],
  run: runRun,
};

function runRun(inv: Invocation): CommandResult {
  const { flags } = inv;
  if (inv.args.length === 0 || (inv.argsLenAtDash === 0)) return failure(`error: NAME is required for run\nSee 'kubectl run -h' for help and examples`);
  const image = flags.string('image');
  if (!image) return failure('error: --image is required');
  if (/\s|[A-Z]/.test(image.split('@')[0]!.split(':')[0]!) || image.endsWith(':')) return failure(`error: Invalid image name "${image}": invalid reference format`);
  const usage = (message: string) => failure(`error: ${message}\nSee 'kubectl run -h' for help and examples`);
  const stdin = flags.bool('stdin');
  const tty = flags.bool('tty');
  if (tty && !stdin) return usage('-i/--stdin is required for containers with -t/--tty=true');
  const port = flags.string('port');
  if (flags.bool('expose') && !port) return usage('--port must be set when exposing a service');
  const attach = flags.changed('attach') ? flags.bool('attach') : stdin;
  const restart = flags.string('restart', 'Always') || 'Always';
  if (!RESTARTS.includes(restart)) return usage(`invalid restart policy: ${restart}`);
  if (flags.bool('rm') && !attach) return usage('--rm should only be used for attached containers');
  const prep = prepare(inv);
  if (!isPrepared(prep)) return prep;
  if (prep.dryRun !== 'none' && attach) return usage("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
  // The pod generator's strconv.Atoi.
  if (port && !/^[+-]?\d+$/.test(port)) return failure(`error: strconv.Atoi: parsing ${JSON.stringify(port)}: invalid syntax`);
  const name = inv.args[0]!;
  const extra = inv.args.slice(1);
  let labels: Record<string, string> = { run: name };
  if (flags.string('labels')) {
    const parsed = parseLabelSpec(flags.string('labels'));
    if (typeof parsed === 'string') return failure(`error: ${parsed}`);
    labels = parsed;
  }
  const container: Record<string, unknown> = {};
  if (extra.length > 0) container[flags.bool('command') ? 'command' : 'args'] = extra;
  const env = flags.list('env').map((e) => {
    const eq = e.indexOf('=');
    return eq > 0 ? { name: e.slice(0, eq), value: e.slice(eq + 1) } : undefined;
  });
  if (env.some((e) => !e)) return failure(`error: invalid env: ${flags.list('env').find((e) => !e.includes('=') || e.startsWith('='))}`);
  if (env.length > 0) container['env'] = env;
  container['image'] = image;
  if (flags.string('image-pull-policy')) container['imagePullPolicy'] = flags.string('image-pull-policy');
  container['name'] = name;
  if (port) container['ports'] = [{ containerPort: Number(port) }];
  container['resources'] = {};
  if (flags.bool('privileged')) container['securityContext'] = { privileged: true };
  if (stdin) {
    container['stdin'] = true;
    if (!flags.bool('leave-stdin-open')) container['stdinOnce'] = true;
  }
  if (tty) container['tty'] = true;
  const metadata: Record<string, unknown> = {};
  const annotations = Object.fromEntries(flags.list('annotations').map((a) => [a.split('=')[0], a.slice(a.indexOf('=') + 1)]));
  if (Object.keys(annotations).length > 0) metadata['annotations'] = annotations;
  metadata['labels'] = labels;
  metadata['name'] = name;
  if (prep.explicitNamespace) metadata['namespace'] = prep.namespace;
  const pod: Record<string, unknown> = { apiVersion: 'v1', kind: 'Pod', metadata, spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: restart }, status: {} };
  if (flags.string('overrides')) {
    try {
      Object.assign(pod, JSON.parse(flags.string('overrides')) as object);
    } catch (error) {
      return failure(`error: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const out = new Output();
  const client = prep.dryRun === 'client' ? undefined : connectClient(inv);
  if (client && isResult(client)) return client;
  const created = submit(inv, prep, pod, {}, client);
  if (isResult(created)) return created;
  if (created.error) return failure(created.error);
  let text = created.text;
  if (flags.bool('expose')) {
    const svc = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { ...(flags.string('labels') ? { labels } : {}), name, ...(prep.explicitNamespace ? { namespace: prep.namespace } : {}) },
      spec: { ports: [{ port: Number(port), protocol: 'TCP', targetPort: Number(port) }], selector: labels },
      status: { loadBalancer: {} },
    };
    const exposed = submit(inv, prep, svc, {}, client);
    if (isResult(exposed)) return exposed;
    if (exposed.error) out.fail(exposed.error);
    text += exposed.text;
  }
  if (!attach || !client || !created.created) {
    out.out(text);
    return out.result();
  }
  return attachToPod(inv, client, created.created as Pod, { quiet: flags.bool('quiet'), tty, stdin, rm: flags.bool('rm'), restart, out });
}

/** kubectl run -it: wait for the pod, then the terminal steps into its first container. */
function attachToPod(inv: Invocation, client: ReturnType<typeof connectClient>, pod: Pod, options: { quiet: boolean; tty: boolean; stdin: boolean; rm: boolean; restart: string; out: Output }): CommandResult {
  if (isResult(client)) return client;
  const { out } = options;
  // Image pull and container start take a few seconds.
  client.sim.advance(3);
  const live = client.world.k8sGet<Pod>(client.clusterId, 'Pod', pod.metadata.namespace, pod.metadata.name);
  if (!live || live.status?.phase !== 'Running') {
    const phase = live?.status?.phase ?? 'Unknown';
    return out.fail(`error: timed out waiting for the condition on pods/${pod.metadata.name}\npod ${pod.metadata.namespace}/${pod.metadata.name} left in phase ${phase}`).result();
  }
  const host = client.sim.hosts.pod(client.clusterId, live.metadata.namespace ?? 'default', live.metadata.name);
  if (!host || !inv.env.shell) return out.fail('error: unable to upgrade connection: this kubectl has no terminal to attach').result();
  // attach.go (kubectl 1.34), on stderr.
  if (!options.quiet) {
    out.err('All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\n');
    out.err("If you don't see a command prompt, try pressing enter.\n");
  }
  const container = live.spec.containers[0]!;
  const command = [...(container.command ?? []), ...(container.args ?? [])];
  if (command.length > 0 && !['sh', 'bash', '/bin/sh', '/bin/bash', 'ash'].includes(command[0]!)) {
    // A one-shot command (nslookup, wget, curl...): it runs, prints, and the container exits.
    const result = inv.env.shell.runOn(host, command, '');
    // With a TTY the container's stderr comes back on the same stream as its stdout.
    if (options.tty) out.out(result.stdout + result.stderr);
    else out.out(result.stdout).err(result.stderr);
    // reattachMessage: a TTY session of a pod that restarts always can be resumed.
    if (!options.quiet && options.stdin && options.tty && options.restart === 'Always') {
      out.out(`Session ended, resume using 'kubectl attach ${live.metadata.name} -c ${container.name} -i -t' command when the pod is running\n`);
    }
    if (options.rm) {
      deleteObject(client.world, client.clusterId, 'Pod', live.metadata.namespace, live.metadata.name);
      client.sim.settle();
      out.out(`pod "${live.metadata.name}" deleted from ${live.metadata.namespace} namespace\n`);
    }
    // With Never/OnFailure, kubectl waits for the pod and returns the container's exit code.
    if (options.restart !== 'Always' && result.exitCode !== 0) {
      out.err(`pod ${live.metadata.namespace}/${live.metadata.name} terminated (Error)\n`);
      out.exitCode = result.exitCode;
    }
    return out.result();
  }
  const depth = inv.env.shell.depth();
  inv.env.shell.enter(host);
  if (options.rm) removeOnExit(client.sim, { clusterId: client.clusterId, namespace: live.metadata.namespace ?? 'default', name: live.metadata.name, depth });
  return out.result();
}

export const exposeCommand: KubectlCommand = {
  name: 'expose',
  use: '(-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type]',
  short: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  long: `Expose a resource as a new Kubernetes service.

 Looks up a deployment, service, replica set, replication controller or pod by name and uses the selector for that resource as the selector for a new service on the specified port. A deployment or replica set will be exposed as a service only if its selector is convertible to a selector that service supports, i.e. when the selector contains only the matchLabels component. Note that if no port is specified via --port and the exposed resource has multiple ports, all will be re-used by the new service. Also if no labels are specified, the new service will re-use the labels from the resource it exposes.

 Possible resources include (case insensitive):

 pod (po), service (svc), replicationcontroller (rc), deployment (deploy), replicaset (rs)`,
  example: `  # Create a service for an nginx deployment, which serves on port 80 and connects to the containers on port 8000
  kubectl expose deployment nginx --port=80 --target-port=8000

  # Create a service for a pod valid-pod, which serves on port 444 with the name "frontend"
  kubectl expose pod valid-pod --port=444 --name=frontend

  # Create a LoadBalancer service for the web deployment
  kubectl expose deployment web --port=80 --target-port=80 --type=LoadBalancer`,
  flags: [
    ...generatorFlags('kubectl-expose'),
    { name: 'cluster-ip', type: 'string', usage: "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service." },
    { name: 'external-ip', type: 'string', usage: 'Additional external IP address (not managed by Kubernetes) to accept for the service. If this IP is routed to a node, the service can be accessed by this IP in addition to its generated service IP.' },
    ...filenameFlags('identifying the resource to expose a service'),
    { name: 'labels', shorthand: 'l', type: 'string', usage: 'Labels to apply to the service created by this call.' },
    { name: 'load-balancer-ip', type: 'string', usage: 'IP to assign to the LoadBalancer. If empty, an ephemeral IP will be created and used (cloud-provider specific).' },
    { name: 'name', type: 'string', usage: 'The name for the newly created object.' },
    { name: 'override-type', type: 'string', defValue: 'merge', usage: 'The method used to override the generated object: json, merge, or strategic.' },
    { name: 'overrides', type: 'string', usage: 'An inline JSON override for the generated object. If this is non-empty, it is used to override the generated object. Requires that the object supply a valid apiVersion field.' },
    { name: 'port', type: 'string', usage: 'The port that the service should serve on. Copied from the resource being exposed, if unspecified' },
    { name: 'protocol', type: 'string', usage: 'The network protocol for the service to be created. Default is \'TCP\'.' },
    { name: 'selector', type: 'string', usage: "A label selector to use for this service. Only equality-based selector requirements are supported. If empty (the default) infer the selector from the replication controller or replica set.)" },
    { name: 'session-affinity', type: 'string', usage: "If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'" },
    { name: 'target-port', type: 'string', usage: 'Name or number for the port on the container that the service should direct traffic to. Optional.' },
    { name: 'type', type: 'string', usage: "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'.", values: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'] },
  ],
  run: runExpose,
  completeArgs: completeResourceArgs,
};

const EXPOSABLE = ['Pod', 'Service', 'Deployment', 'ReplicaSet', 'ReplicationController'];

function selectorOf(obj: K8sObject): Record<string, string> | string {
  switch (obj.kind) {
    case 'Pod':
      if (!obj.metadata.labels || Object.keys(obj.metadata.labels).length === 0) return 'the pod has no labels and cannot be exposed';
      return obj.metadata.labels;
    case 'Service': {
      const sel = (obj as Service).spec.selector;
      if (!sel || Object.keys(sel).length === 0) return 'the service has no pod selector set';
      return sel;
    }
    default: {
      const sel = (obj as Deployment | ReplicaSet).spec?.selector;
      if (sel?.matchExpressions && sel.matchExpressions.length > 0) return `couldn't convert expressions - "${sel.matchExpressions.map((e) => `${e.key} ${e.operator.toLowerCase()} (${(e.values ?? []).join(',')})`).join(',')}" to map-based selector format`;
      return sel?.matchLabels ?? {};
    }
  }
}

function containersOf(obj: K8sObject): Container[] {
  if (obj.kind === 'Pod') return (obj as Pod).spec.containers ?? [];
  return ((obj as Deployment).spec?.template?.spec?.containers ?? []) as Container[];
}

function portsOf(obj: K8sObject): { port: string; protocol: string }[] {
  if (obj.kind === 'Service') return ((obj as Service).spec.ports ?? []).map((p) => ({ port: String(p.port), protocol: p.protocol ?? 'TCP' }));
  return containersOf(obj).flatMap((c) => (c.ports ?? []).map((p) => ({ port: String(p.containerPort), protocol: p.protocol ?? 'TCP' })));
}

function runExpose(inv: Invocation): CommandResult {
  const { flags } = inv;
  let queries: Query[];
  if (flags.list('filename').length > 0) {
    const read = readManifestArgs(inv.env, flags.list('filename'), flags.bool('recursive'));
    if (!read.ok) return failure(read.error);
    queries = read.docs.filter((d) => d.type).map((d) => ({ type: d.type!, name: d.name }));
  } else {
    if (inv.args.length === 0) return failure(MISSING_RESOURCE);
    const targets = resolveTargets(inv.args);
    if (!targets.ok) return failure(`error: ${targets.error}`);
    if (!targets.byName) return failure('error: resource(s) were provided, but no name was specified');
    queries = targets.queries;
  }
  const prep = prepare(inv);
  if (!isPrepared(prep)) return prep;
  const client = connectClient(inv);
  if (isResult(client)) return client;
  const fetched = fetchQueries(client, queries, { namespace: client.namespace });
  if (fetched.errors.length > 0) return failure(fetched.errors.join('\n'));
  const out = new Output();
  for (const obj of fetched.objects) {
    if (!EXPOSABLE.includes(obj.kind)) {
      const type = resourceForKind(obj.kind);
      return out.fail(`error: cannot expose a ${type?.kind ?? obj.kind}.${type?.group ?? ''}`.replace(/\.$/, '')).result();
    }
    let selector: Record<string, string> | string;
    if (flags.string('selector')) {
      const parsed = parseLabelSpec(flags.string('selector'));
      selector = parsed;
    } else selector = selectorOf(obj);
    if (typeof selector === 'string') return out.fail(`error: couldn't retrieve selectors via --selector flag or introspection: ${selector}`).result();
    const headless = flags.string('cluster-ip') === 'None';
    let ports: { port: string; protocol: string }[];
    if (flags.string('port')) ports = [{ port: flags.string('port'), protocol: flags.string('protocol') || 'TCP' }];
    else {
      ports = portsOf(obj);
      if (ports.length === 0 && !headless) return out.fail("error: couldn't find port via --port flag or introspection").result();
    }
    const name = (flags.string('name') || obj.metadata.name).slice(0, 63);
    const servicePorts = ports.map((p, i) => {
      const entry: Record<string, unknown> = {};
      if (ports.length > 1) entry['name'] = `port-${i + 1}`;
      entry['port'] = Number(p.port);
      entry['protocol'] = flags.string('protocol') || p.protocol;
      const target = flags.string('target-port');
      entry['targetPort'] = target ? (/^\d+$/.test(target) ? Number(target) : target) : Number(p.port);
      return entry;
    });
    let labels = obj.metadata.labels;
    if (flags.string('labels')) {
      const parsed = parseLabelSpec(flags.string('labels'));
      if (typeof parsed === 'string') return out.fail(`error: ${parsed}`).result();
      labels = parsed;
    }
    const metadata: Record<string, unknown> = {};
    if (labels && Object.keys(labels).length > 0) metadata['labels'] = labels;
    metadata['name'] = name;
    if (prep.explicitNamespace && prep.dryRun === 'client') metadata['namespace'] = prep.namespace;
    const spec: Record<string, unknown> = {};
    if (flags.string('cluster-ip')) spec['clusterIP'] = flags.string('cluster-ip');
    if (flags.string('external-ip')) spec['externalIPs'] = [flags.string('external-ip')];
    if (flags.string('load-balancer-ip') && flags.string('type') === 'LoadBalancer') spec['loadBalancerIP'] = flags.string('load-balancer-ip');
    spec['ports'] = servicePorts;
    spec['selector'] = selector;
    const affinity = flags.string('session-affinity');
    if (affinity) {
      if (affinity !== 'None' && affinity !== 'ClientIP') return out.fail(`error: unknown session affinity: ${affinity}`).result();
      spec['sessionAffinity'] = affinity;
    }
    if (flags.string('type')) spec['type'] = flags.string('type');
    const svc = { apiVersion: 'v1', kind: 'Service', metadata, spec, status: { loadBalancer: {} } };
    const result = submit(inv, prep, svc, { operation: 'exposed' }, client);
    if (isResult(result)) return result;
    if (result.error) return out.fail(result.error).result();
    out.out(result.text);
  }
  return out.result();
}

export { finish };
