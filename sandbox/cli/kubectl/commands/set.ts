// kubectl set (pkg/cmd/set): `set image` updates container images of pods and of the pod
// templates of workloads (a new rollout for a Deployment), printing `<kind>/<name> image
// updated`, nothing when the image is already that, and `error: unable to find container named
// "x"` for a name the spec lacks. The other set subcommands are listed but not emulated.
import { isK8sApiError, replaceObject, resourceForKind } from '../../../apiserver/index.ts';
import type { Container, K8sObject } from '../../../model/k8s/types.ts';
import type { CommandResult } from '../../../shell/types.ts';
import { DRY_RUN_FLAG, dryRunMode, filenameFlags, SELECTOR_FLAG } from '../cli/common-flags.ts';
import type { Invocation, KubectlCommand } from '../cli/command.ts';
import { apiErrorText, failure, Output } from '../cli/output.ts';
import { connectClient, isResult } from '../client/client.ts';
import { fetchQueries } from '../client/fetch.ts';
import { kindPrefix, resolveTargets } from '../client/targets.ts';
import { completeResourceArgs } from './complete-args.ts';

interface PodSpecLike {
  containers?: Container[];
  initContainers?: Container[];
}

/** polymorphichelpers.UpdatePodSpecForObject: where a kind keeps its pod spec. */
function podSpecOf(obj: K8sObject): PodSpecLike | undefined {
  const spec = obj.spec as Record<string, unknown> | undefined;
  switch (obj.kind) {
    case 'Pod':
      return spec as PodSpecLike;
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
    case 'StatefulSet':
    case 'ReplicationController':
    case 'Job':
      return (spec?.['template'] as { spec?: PodSpecLike } | undefined)?.spec;
    case 'CronJob':
      return ((spec?.['jobTemplate'] as { spec?: { template?: { spec?: PodSpecLike } } } | undefined)?.spec?.template?.spec);
    default:
      return undefined;
  }
}

function setImage(containers: Container[] | undefined, name: string, image: string): boolean {
  let found = false;
  for (const c of containers ?? []) {
    if (name === '*' || c.name === name) {
      c.image = image;
      found = true;
    }
  }
  return found;
}

function runSetImage(inv: Invocation): CommandResult {
  const { flags } = inv;
  const resources = inv.args.filter((a) => !a.includes('='));
  const pairs = inv.args.filter((a) => a.includes('='));
  const images = new Map<string, string>();
  for (const p of pairs) {
    const eq = p.indexOf('=');
    images.set(p.slice(0, eq), p.slice(eq + 1));
  }
  const errors: string[] = [];
  if (flags.bool('all') && flags.string('selector')) errors.push('cannot set --all and --selector at the same time');
  if (resources.length === 0 && flags.list('filename').length === 0) errors.push('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (images.size === 0) errors.push('at least one image update is required');
  if (images.has('*') && images.size > 1) errors.push('all containers are already specified by *, but saw more than one container_name=container_image pairs');
  if (errors.length === 1) return failure(`error: ${errors[0]}`);
  if (errors.length > 1) return failure(`error: [${errors.join(', ')}]`);
  const dryRun = dryRunMode(flags.string('dry-run'));
  if (typeof dryRun !== 'string') return failure(`error: ${dryRun.error}`);
  const client = connectClient(inv);
  if (isResult(client)) return client;
  const targets = resolveTargets(resources);
  if (!targets.ok) return failure(`error: ${targets.error}`);
  const selector = flags.string('selector');
  if (!targets.byName && !selector && !flags.bool('all')) return failure('error: resource(s) were provided, but no name was specified');
  const fetched = fetchQueries(client, targets.queries, { namespace: client.namespace, labelSelector: selector });
  const out = new Output();
  const problems: string[] = [...fetched.errors];
  for (const obj of fetched.objects) {
    const next = JSON.parse(JSON.stringify(obj)) as K8sObject;
    const spec = podSpecOf(next);
    const type = resourceForKind(obj.kind);
    const name = `${type ? kindPrefix(type) : obj.kind.toLowerCase()}/${obj.metadata.name}`;
    if (!spec) {
      problems.push(`error: ${name} the object is not a pod or does not have a pod template: ${obj.kind}`);
      continue;
    }
    for (const [container, image] of images) {
      const inInit = setImage(spec.initContainers, container, image);
      const inMain = setImage(spec.containers, container, image);
      if (!inInit && !inMain) problems.push(`error: unable to find container named "${container}"`);
    }
    if (JSON.stringify(next) === JSON.stringify(obj)) continue;
    if (dryRun === 'client') {
      out.out(`${name} image updated (dry run)\n`);
      continue;
    }
    const stored = replaceObject(client.world, client.clusterId, next, { namespace: obj.metadata.namespace, dryRun: dryRun === 'server' });
    if (isK8sApiError(stored)) {
      problems.push(`failed to patch image update to pod template: ${apiErrorText(stored).replace(/^Error from server \([^)]*\): /, '')}`);
      continue;
    }
    out.out(`${name} image updated${dryRun === 'server' ? ' (server dry run)' : ''}\n`);
  }
  client.sim.settle();
  for (const p of problems) out.fail(p);
  return out.result();
}

const imageCommand: KubectlCommand = {
  name: 'image',
  use: '(-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N',
  short: 'Update the image of a pod template',
  long: `Update existing container image(s) of resources.

 Possible resources include (case insensitive):

  pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)`,
  example: `  # Set a deployment's nginx container image to 'nginx:1.9.1', and its busybox container image to 'busybox'
  kubectl set image deployment/nginx busybox=busybox nginx=nginx:1.9.1

  # Update all deployments' and rc's nginx container's image to 'nginx:1.9.1'
  kubectl set image deployments,rc nginx=nginx:1.9.1 --all

  # Update image of all containers of daemonset abc to 'nginx:1.9.1'
  kubectl set image daemonset abc *=nginx:1.9.1`,
  flags: [
    { name: 'all', type: 'bool', defValue: 'false', usage: 'Select all resources, in the namespace of the specified resource types' },
    { name: 'allow-missing-template-keys', type: 'bool', defValue: 'true', usage: 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.' },
    DRY_RUN_FLAG,
    { name: 'field-manager', type: 'string', defValue: 'kubectl-set', usage: 'Name of the manager used to track field ownership.' },
    ...filenameFlags('identifying the resource to get from a server.'),
    { name: 'local', type: 'bool', defValue: 'false', usage: 'If true, set image will NOT contact api-server but run locally.' },
    { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
    { name: 'record', type: 'bool', defValue: 'false', usage: 'Record current kubectl command in the resource annotation. If set to false, do not record the command. If set to true, record the command. If not set, default to updating the existing annotation value only if one already exists.', deprecated: 'and will be removed in the future.' },
    SELECTOR_FLAG,
    { name: 'show-managed-fields', type: 'bool', defValue: 'false', usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
    { name: 'template', type: 'string', usage: 'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].' },
  ],
  run: runSetImage,
  completeArgs: completeResourceArgs,
};

function unavailable(name: string, use: string, short: string): KubectlCommand {
  return { name, use, short, run: (inv) => failure(`error: "${inv.path}" is not available in this sandbox`) };
}

export const setCommand: KubectlCommand = {
  name: 'set',
  use: 'SUBCOMMAND',
  short: 'Set specific features on objects',
  long: `Configure application resources.

 These commands help you make changes to existing application resources.`,
  subcommands: [
    unavailable('env', 'RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N', 'Update environment variables on a pod template'),
    imageCommand,
    unavailable('resources', '(-f FILENAME | TYPE NAME)  ([--limits=LIMITS & --requests=REQUESTS]', 'Update resource requests/limits on objects with pod templates'),
    unavailable('selector', '(-f FILENAME | TYPE NAME) EXPRESSIONS [--resource-version=version]', 'Set the selector on a resource'),
    unavailable('serviceaccount', '(-f FILENAME | TYPE NAME) SERVICE_ACCOUNT', 'Update the service account of a resource'),
    unavailable('subject', '(-f FILENAME | TYPE NAME) [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none]', 'Update the user, group, or service account in a role binding or cluster role binding'),
  ],
};
