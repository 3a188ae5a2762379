// kubectl describe (pkg/cmd/describe): the objects arguments name, each printed by its kind's
// describer with its events (--show-events=false drops them); `describe TYPE PREFIX`
// falls back to every object whose name starts with the prefix.
import type { CommandResult } from '../../../shell/types.ts';
import { ALL_NAMESPACES_FLAG, filenameFlags, SELECTOR_FLAG } from '../cli/common-flags.ts';
import type { Invocation, KubectlCommand } from '../cli/command.ts';
import { failure, Output } from '../cli/output.ts';
import { connectClient, isResult } from '../client/client.ts';
import { fetchQueries, listFor } from '../client/fetch.ts';
import { readManifestArgs } from '../client/manifests.ts';
import { resolveTargets, type Query } from '../client/targets.ts';
import { describeObject } from '../describe/index.ts';
import { completeResourceArgs } from './complete-args.ts';

export const describeCommand: KubectlCommand = {
  name: 'describe',
  use: '(-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME)',
  short: 'Show details of a specific resource or group of resources',
  long: `Show details of a specific resource or group of resources.

 Print a detailed description of the selected resources, including related resources such as events or controllers. You may select a single object by name, all objects of that type, provide a name prefix, or label selector. For example:

        $ kubectl describe TYPE NAME_PREFIX

 will first check for an exact match on TYPE and NAME_PREFIX. If no such resource exists, it will output details for every resource that has a name prefixed with NAME_PREFIX.

Use "kubectl api-resources" for a complete list of supported resources.`,
  example: `  # Describe a node
  kubectl describe nodes kubernetes-node-emt8.c.myproject.internal

  # Describe a pod
  kubectl describe pods/nginx

  # Describe a pod identified by type and name in "pod.json"
  kubectl describe -f pod.json

  # Describe all pods
  kubectl describe pods

  # Describe pods by label name=myLabel
  kubectl describe pods -l name=myLabel

  # Describe all pods managed by the 'frontend' replication controller
  # (rc-created pods get the name of the rc as a prefix in the pod name)
  kubectl describe pods frontend`,
  flags: [
    ALL_NAMESPACES_FLAG,
    { name: 'chunk-size', type: 'int', defValue: '500', usage: 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.' },
    ...filenameFlags('containing the resource to describe'),
    SELECTOR_FLAG,
    { name: 'show-events', type: 'bool', defValue: 'true', usage: 'If true, display events related to the described object.' },
  ],
  run: runDescribe,
  completeArgs: completeResourceArgs,
};

function runDescribe(inv: Invocation): CommandResult {
  const { flags, args } = inv;
  const filenames = flags.list('filename');
  let queries: Query[];
  if (filenames.length > 0) {
    const read = readManifestArgs(inv.env, filenames, flags.bool('recursive'));
    if (!read.ok) return failure(read.error);
    queries = [];
    for (const doc of read.docs) {
      if (!doc.type) return failure(doc.error ?? 'error: unknown kind');
      queries.push({ type: doc.type, name: doc.name });
    }
  } else {
    if (args.length === 0) {
      return failure(`You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee 'kubectl describe -h' for help and examples`);
    }
    const targets = resolveTargets(args);
    if (!targets.ok) return failure(`error: ${targets.error}`);
    queries = targets.queries;
  }
  const client = connectClient(inv);
  if (isResult(client)) return client;
  const allNamespaces = flags.bool('all-namespaces');
  const namespace = allNamespaces ? undefined : client.namespace;
  const fetched = fetchQueries(client, queries, { namespace, labelSelector: flags.string('selector') });
  const out = new Output();
  for (const w of fetched.warnings) out.err(`${w}\n`);
  // kubectl 1.34 shows events for every object described (1.35 only for a single one).
  const showEvents = flags.bool('show-events', true);

  // `describe TYPE PREFIX`: a missing name falls back to every object it prefixes.
  if (fetched.errors.length > 0 && fetched.objects.length === 0 && args.length === 2 && !args[0]!.includes('/') && queries.length === 1) {
    const all = listFor(client, queries[0]!.type, { namespace });
    const matching = typeof all === 'string' ? [] : all.filter((o) => o.metadata.name.startsWith(args[1]!));
    if (matching.length === 0) return failure(fetched.errors.join('\n'));
    for (const obj of matching) out.out(`${describeObject(client, obj, showEvents)}\n`);
    return out.result();
  }
  fetched.objects.forEach((obj, i) => {
    const text = describeObject(client, obj, showEvents);
    out.out(i === 0 ? text : `\n\n${text}`);
  });
  if (fetched.objects.length === 0 && fetched.errors.length === 0) {
    out.err(allNamespaces ? 'No resources found\n' : `No resources found in ${client.namespace} namespace.\n`);
  }
  for (const e of fetched.errors) out.fail(e);
  return out.result();
}
