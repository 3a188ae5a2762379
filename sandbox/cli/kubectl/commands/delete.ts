// kubectl delete (pkg/cmd/delete): objects by name, type/name, -f, -l, --field-selector or --all,
// each reported as `pod "web" deleted from default namespace` (kubectl >= 1.34), `force deleted`
// with --grace-period=0 --force; then, like kubectl's default --wait, virtual time passes until
// the objects are gone (bounded by their grace period: a pod on a node that stopped answering
// stays Terminating).
import { deleteObject, isK8sApiError, type Cascade } from '../../../apiserver/index.ts';
import type { K8sObject } from '../../../model/k8s/types.ts';
import type { CommandResult } from '../../../shell/types.ts';
import { ALL_NAMESPACES_FLAG, DRY_RUN_FLAG, dryRunMode, filenameFlags, SELECTOR_FLAG } from '../cli/common-flags.ts';
import type { Invocation, KubectlCommand } from '../cli/command.ts';
import { apiErrorText, failure, MISSING_RESOURCE, Output } from '../cli/output.ts';
import { connectClient, isResult, type Client } from '../client/client.ts';
import { fetchQueries } from '../client/fetch.ts';
import { readManifestArgs } from '../client/manifests.ts';
import { kindPrefix, resolveTargets, type Query } from '../client/targets.ts';
import { resourceForKind } from '../../../apiserver/index.ts';
import { completeResourceArgs } from './complete-args.ts';

export const deleteCommand: KubectlCommand = {
  name: 'delete',
  use: '([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)])',
  suggestFor: ['rm'],
  short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  long: `Delete resources by file names, stdin, resources and names, or by resources and label selector.

 JSON and YAML formats are accepted. Only one type of argument may be specified: file names, resources and names, or resources and label selector.

 Some resources, such as pods, support graceful deletion. These resources define a default period before they are forcibly terminated (the grace period) but you may override that value with the --grace-period flag, or pass --now to set a grace-period of 1. Because these resources often represent entities in the cluster, deletion may not be acknowledged immediately. If the node hosting a pod is down or cannot reach the API server, termination may take significantly longer than the grace period. To force delete a resource, you must specify the --force flag.

 IMPORTANT: Force deleting pods does not wait for confirmation that the pod's processes have been terminated, which can leave those processes running until the node detects the deletion and completes graceful deletion.`,
  example: `  # Delete a pod using the type and name specified in pod.json
  kubectl delete -f ./pod.json

  # Delete pods and services with same names "baz" and "foo"
  kubectl delete pod,service baz foo

  # Delete pods and services with label name=myLabel
  kubectl delete pods,services -l name=myLabel

  # Delete a pod with minimal delay
  kubectl delete pod foo --now

  # Force delete a pod on a dead node
  kubectl delete pod foo --force

  # Delete all pods
  kubectl delete pods --all`,
  flags: [
    { name: 'all', type: 'bool', defValue: 'false', usage: 'Delete all resources, in the namespace of the specified resource types.' },
    ALL_NAMESPACES_FLAG,
    { name: 'cascade', type: 'string', defValue: 'background', noOptDefVal: 'background', usage: 'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.', values: ['background', 'orphan', 'foreground'] },
    DRY_RUN_FLAG,
    { name: 'field-selector', type: 'string', usage: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type." },
    ...filenameFlags('containing the resource to delete.', { fileNameFlags: true }),
    { name: 'force', type: 'bool', defValue: 'false', usage: 'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.' },
    { name: 'grace-period', type: 'int', defValue: '-1', usage: 'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).' },
    { name: 'ignore-not-found', type: 'bool', defValue: 'false', usage: 'Treat "resource not found" as a successful delete. Defaults to "true" when --all is specified.' },
    { name: 'interactive', shorthand: 'i', type: 'bool', defValue: 'false', usage: 'If true, delete resource only when user confirms.' },
    { name: 'now', type: 'bool', defValue: 'false', usage: 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).' },
    { name: 'output', shorthand: 'o', type: 'string', usage: 'Output mode. Use "-o name" for shorter output (resource/name).' },
    { name: 'raw', type: 'string', usage: 'Raw URI to DELETE to the server.  Uses the transport specified by the kubeconfig file.' },
    SELECTOR_FLAG,
    { name: 'timeout', type: 'duration', defValue: '0s', usage: 'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object' },
    { name: 'wait', type: 'bool', defValue: 'true', usage: 'If true, wait for resources to be gone before returning. This waits for finalizers.' },
  ],
  run: runDelete,
  completeArgs: completeResourceArgs,
};

function cascadeOf(value: string): Cascade | { error: string; warning?: string } {
  switch (value) {
    case '':
    case 'background':
      return 'background';
    case 'orphan':
      return 'orphan';
    case 'foreground':
      return 'foreground';
    case 'true':
      return 'background';
    case 'false':
      return 'orphan';
    default:
      return { error: `invalid cascade value (${value}). Must be "background", "foreground", or "orphan"` };
  }
}

/** The line kubectl prints for a deleted object. */
export function deletedLine(obj: K8sObject, force: boolean, dryRun: string, output: string): string {
  const type = resourceForKind(obj.kind);
  const kind = type ? kindPrefix(type) : obj.kind.toLowerCase();
  if (output === 'name') return `${kind}/${obj.metadata.name}\n`;
  let operation = force ? 'force deleted' : 'deleted';
  if (type?.namespaced ?? obj.metadata.namespace !== undefined) operation += ` from ${obj.metadata.namespace} namespace`;
  if (dryRun === 'client') operation += ' (dry run)';
  else if (dryRun === 'server') operation += ' (server dry run)';
  return `${kind} "${obj.metadata.name}" ${operation}\n`;
}

/** kubectl's --wait: let virtual time pass until the objects are gone, at most their grace period. */
export function waitForDeletion(client: Client, objects: readonly K8sObject[]): void {
  client.sim.settle();
  const exists = () => objects.some((o) => client.world.k8sGet(client.clusterId, o.kind, o.metadata.namespace, o.metadata.name)?.metadata.uid === o.metadata.uid);
  let waited = 0;
  const limit = Math.max(0, ...objects.map((o) => Number((o.spec as { terminationGracePeriodSeconds?: number } | undefined)?.terminationGracePeriodSeconds ?? 30))) + 5;
  while (exists() && waited < limit) {
    client.sim.advance(5);
    waited += 5;
  }
}

function runDelete(inv: Invocation): CommandResult {
  const { flags, args } = inv;
  const output = flags.string('output');
  if (output && output !== 'name') return failure(`error: unexpected -o output mode: ${output}. We only support '-o name'`);
  if (flags.bool('all') && flags.string('selector')) return failure('error: cannot set --all and --selector at the same time');
  if (flags.bool('all') && flags.string('field-selector')) return failure('error: cannot set --all and --field-selector at the same time');
  const dryRun = dryRunMode(flags.string('dry-run'));
  if (typeof dryRun !== 'string') return failure(`error: ${dryRun.error}`);
  const cascade = cascadeOf(flags.string('cascade', 'background'));
  if (typeof cascade !== 'string') return failure(`error: ${cascade.error}`);
  let grace = flags.int('grace-period', -1);
  const force = flags.bool('force');
  if (flags.bool('now')) {
    if (grace !== -1) return failure('error: --now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (grace === 0 && !force) grace = 1;
  if (force && grace < 0) grace = 0;
  const out = new Output();
  if (grace === 0 && force) out.err('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  else if (grace > 0 && force) return failure('error: --force and --grace-period greater than 0 cannot be specified together');
  if (flags.bool('interactive')) return failure('error: --interactive needs a terminal to confirm on, which this sandbox does not offer');

  let queries: Query[];
  const filenames = flags.list('filename');
  const bulk = flags.bool('all') || !!flags.string('selector') || !!flags.string('field-selector');
  if (filenames.length > 0) {
    if (args.length > 0) return failure('error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
    const read = readManifestArgs(inv.env, filenames, flags.bool('recursive'));
    if (!read.ok) return failure(read.error);
    queries = [];
    for (const doc of read.docs) {
      if (!doc.type) return failure(doc.error ?? 'error: unknown kind');
      queries.push({ type: doc.type, name: doc.name });
    }
  } else {
    if (args.length === 0) {
      return failure(MISSING_RESOURCE);
    }
    const targets = resolveTargets(args);
    if (!targets.ok) return failure(`error: ${targets.error}`);
    if (targets.byName && bulk) return failure(flags.bool('all') ? 'error: selectors and the all flag cannot be used when passing resource/name arguments' : 'error: name cannot be provided when a selector is specified');
    if (!targets.byName && !bulk) return failure('error: resource(s) were provided, but no name was specified');
    queries = targets.queries;
  }
  const client = connectClient(inv);
  if (isResult(client)) return client;
  const ignoreNotFound = flags.changed('ignore-not-found') ? flags.bool('ignore-not-found') : bulk;
  const namespace = flags.bool('all-namespaces') ? undefined : client.namespace;
  const fetched = fetchQueries(client, queries, { namespace, labelSelector: flags.string('selector'), fieldSelector: flags.string('field-selector'), ignoreNotFound });
  if (client.explicitNamespace && !flags.bool('all-namespaces') && fetched.objects.some((o) => o.metadata.namespace === undefined)) {
    out.err('Warning: deleting cluster-scoped resources, not scoped to the provided namespace\n');
  }
  const errors = [...fetched.errors];
  const deleted: K8sObject[] = [];
  for (const obj of fetched.objects) {
    if (dryRun === 'client') {
      out.out(deletedLine(obj, force && grace === 0, dryRun, output));
      continue;
    }
    if (dryRun === 'server') {
      out.out(deletedLine(obj, force && grace === 0, dryRun, output));
      continue;
    }
    const result = deleteObject(client.world, client.clusterId, obj.kind, obj.metadata.namespace, obj.metadata.name, {
      cascade,
      gracePeriodSeconds: grace >= 0 ? grace : undefined,
    });
    if (isK8sApiError(result)) {
      if (!(ignoreNotFound && result.reason === 'NotFound')) errors.push(apiErrorText(result));
      continue;
    }
    deleted.push(obj);
    out.out(deletedLine(obj, force && grace === 0, dryRun, output));
  }
  if (fetched.objects.length === 0 && errors.length === 0) out.out('No resources found\n');
  if (deleted.length > 0 && flags.bool('wait', true)) waitForDeletion(client, deleted);
  else client.sim.settle();
  for (const e of errors) out.fail(e);
  return out.result();
}
