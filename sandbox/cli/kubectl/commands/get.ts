// kubectl get (kubectl pkg/cmd/get/get.go): objects by type, name, type/name, comma lists or
// `all`, narrowed by namespace, -A, -l and --field-selector, printed as server-side tables (one
// block per kind, `kind/name` when several kinds print, a blank line between blocks) or with a
// generic printer (one object as itself, several as a `kind: List`). NotFound errors follow the
// output; nothing found is said on stderr. -w prints the current state once and returns.
import type { CommandResult } from '../../../shell/types.ts';
import type { K8sObject } from '../../../model/k8s/types.ts';
import { ALL_NAMESPACES_FLAG, filenameFlags, printFlags, SELECTOR_FLAG } from '../cli/common-flags.ts';
import type { Invocation, KubectlCommand } from '../cli/command.ts';
import { failure, Output, usageError } from '../cli/output.ts';
import { connectClient, isResult, type Client } from '../client/client.ts';
import { fetchQueries } from '../client/fetch.ts';
import { readManifestArgs } from '../client/manifests.ts';
import { kindPrefix, resolveTargets, type Query } from '../client/targets.ts';
import { resourceForKind } from '../../../apiserver/index.ts';
import { parseOutputFormat, printObjects, type OutputFormat } from '../printers/output.ts';
import { sortObjects } from '../printers/sort.ts';
import { alignRows, tableRows } from '../printers/table.ts';
import { completeResourceArgs } from './complete-args.ts';

const EXAMPLE = `  # List all pods in ps output format
  kubectl get pods

  # List all pods in ps output format with more information (such as node name)
  kubectl get pods -o wide

  # List a single pod in JSON output format
  kubectl get -o json pod web-pod-13je7

  # List the pods and services of the current namespace together
  kubectl get pods,services

  # List one service by type and name
  kubectl get svc/web

  # Print the IP of every node with a JSONPath template
  kubectl get nodes -o jsonpath='{.items[*].status.addresses[?(@.type=="InternalIP")].address}'

  # List pods running on one node
  kubectl get pods -A --field-selector spec.nodeName=aks-nodepool1-12345678-vmss000000

  # List pods sorted by restart count
  kubectl get pods --sort-by='.status.containerStatuses[0].restartCount'`;

export const getCommand: KubectlCommand = {
  name: 'get',
  use: '[(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags]',
  short: 'Display one or many resources',
  long: `Display one or many resources.

 Prints a table of the most important information about the specified resources. You can filter the list using a label selector and the --selector flag. If the desired resource type is namespaced you will only see results in the current namespace unless you pass --all-namespaces.

 By specifying the output as 'template' and providing a Go template as the value of the --template flag, you can filter the attributes of the fetched resources.

Use "kubectl api-resources" for a complete list of supported resources.`,
  example: EXAMPLE,
  suggestFor: ['list', 'ps'],
  flags: [
    ALL_NAMESPACES_FLAG,
    ...printFlags(true),
    { name: 'chunk-size', type: 'int', defValue: '500', usage: 'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.' },
    { name: 'field-selector', type: 'string', usage: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type." },
    ...filenameFlags('identifying the resource to get from a server.'),
    { name: 'ignore-not-found', type: 'bool', defValue: 'false', usage: 'If set to true, suppresses NotFound error for specific objects that do not exist. Using this flag with commands that query for collections of resources has no effect when no resources are found.' },
    { name: 'label-columns', shorthand: 'L', type: 'stringSlice', defValue: '[]', usage: 'Accepts a comma separated list of labels that are going to be presented as columns. Names are case-sensitive. You can also use multiple flag options like -L label1 -L label2...' },
    { name: 'no-headers', type: 'bool', defValue: 'false', usage: 'When using the default or custom-column output format, don\'t print headers (default print headers).' },
    { name: 'output-watch-events', type: 'bool', defValue: 'false', usage: 'Output watch event objects when --watch or --watch-only is used. Existing objects are output as initial ADDED events.' },
    { name: 'raw', type: 'string', usage: 'Raw URI to request from the server.  Uses the transport specified by the kubeconfig file.' },
    SELECTOR_FLAG,
    { name: 'server-print', type: 'bool', defValue: 'true', usage: 'If true, have the server return the appropriate table output. Supports extension APIs and CRDs.' },
    { name: 'show-kind', type: 'bool', defValue: 'false', usage: 'If present, list the resource type for the requested object(s).' },
    { name: 'show-labels', type: 'bool', defValue: 'false', usage: 'When printing, show all labels as the last column (default hide labels column)' },
    { name: 'sort-by', type: 'string', usage: "If non-empty, sort list types using this field specification.  The field specification is expressed as a JSONPath expression (e.g. '{.metadata.name}'). The field in the API resource specified by this JSONPath expression must be an integer or a string." },
    { name: 'subresource', type: 'string', usage: 'If specified, gets the subresource of the requested object. Must be one of [status scale]. This flag is beta and may change in the future.' },
    { name: 'watch', shorthand: 'w', type: 'bool', defValue: 'false', usage: 'After listing/getting the requested object, watch for changes.' },
    { name: 'watch-only', type: 'bool', defValue: 'false', usage: 'Watch for changes to the requested object(s), without listing/getting first.' },
  ],
  run: runGet,
  completeArgs: completeResourceArgs,
};

function printTables(out: Output, objects: K8sObject[], client: Client, inv: Invocation, format: Extract<OutputFormat, { kind: 'table' }>): void {
  const flags = inv.flags;
  const allNamespaces = flags.bool('all-namespaces');
  const kinds = new Set(objects.map((o) => `${o.apiVersion}/${o.kind}`));
  const withKind = kinds.size > 1 || flags.bool('show-kind');
  const noHeaders = flags.bool('no-headers');
  let written = false;
  let i = 0;
  while (i < objects.length) {
    const kind = objects[i]!.kind;
    let j = i;
    while (j < objects.length && objects[j]!.kind === kind) j++;
    const group = objects.slice(i, j);
    const type = resourceForKind(kind);
    const rows = tableRows(kind, group, {
      now: client.world.now(),
      wide: format.wide,
      noHeaders,
      withNamespace: allNamespaces && (type?.namespaced ?? true),
      kindPrefix: withKind && type ? kindPrefix(type) : undefined,
      showLabels: flags.bool('show-labels'),
      labelColumns: flags.list('label-columns'),
    });
    const text = alignRows(rows);
    if (text) {
      if (written && !noHeaders) out.out('\n');
      out.out(text);
      written = true;
    }
    i = j;
  }
}

export function runGet(inv: Invocation): CommandResult {
  const { flags, args } = inv;
  const format = parseOutputFormat(flags.string('output'), { forGet: true, fs: inv.env.fs, cwd: inv.env.cwd, template: flags.string('template') || undefined, noHeaders: flags.bool('no-headers'), allowMissingKeys: flags.bool('allow-missing-template-keys', true) });
  if (typeof format === 'string') return failure(`error: ${format}`);
  if (flags.bool('show-labels') && format.kind !== 'table') return failure(`error: --show-labels option cannot be used with ${flags.string('output')} printer`);
  if (flags.bool('output-watch-events') && !flags.bool('watch') && !flags.bool('watch-only')) return failure('error: --output-watch-events option can only be used with --watch or --watch-only');
  const filenames = flags.list('filename');
  if (args.length === 0 && filenames.length === 0 && !flags.string('raw')) {
    return {
      stdout: '',
      stderr: `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples\n`,
      exitCode: 1,
    };
  }
  if (flags.string('raw')) {
    if (args.length > 0) return failure('error: arguments may not be passed when --raw is specified');
  }
  let queries: Query[];
  let singleItemImplied: boolean;
  if (filenames.length > 0) {
    if (args.length > 0) return failure('error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
    const read = readManifestArgs(inv.env, filenames, flags.bool('recursive'));
    if (!read.ok) return failure(read.error);
    queries = [];
    for (const doc of read.docs) {
      if (!doc.type) return failure(doc.error ?? 'error: unknown kind');
      queries.push({ type: doc.type, name: doc.name });
    }
    singleItemImplied = queries.length === 1 && read.docs.length === 1 && !read.multiSource;
  } else {
    const targets = resolveTargets(args);
    if (!targets.ok) return failure(`error: ${targets.error}`);
    if (targets.byName && flags.string('selector')) return failure('error: name cannot be provided when a selector is specified');
    queries = targets.queries;
    singleItemImplied = targets.singleItemImplied;
  }
  const client = connectClient(inv);
  if (isResult(client)) return client;
  if (flags.string('raw')) return runRaw(client, flags.string('raw'));

  const allNamespaces = flags.bool('all-namespaces');
  const fetched = fetchQueries(client, queries, {
    namespace: allNamespaces ? undefined : client.namespace,
    labelSelector: flags.string('selector'),
    fieldSelector: flags.string('field-selector'),
    ignoreNotFound: flags.bool('ignore-not-found'),
  });
  let objects = fetched.objects;
  const sortBy = flags.string('sort-by');
  if (sortBy && objects.length > 0) {
    const sorted = sortObjects(objects, sortBy);
    if (typeof sorted === 'string') return failure(`error: ${sorted}`);
    objects = sorted;
  }
  const out = new Output();
  for (const w of fetched.warnings) out.err(`${w}\n`);
  if (flags.bool('watch') && sortBy) out.err('warning: --watch requested, --sort-by will be ignored for watch events received\n');
  if (format.kind === 'table') {
    if (!flags.bool('watch-only')) printTables(out, objects, client, inv, format);
    if (!out.stdout && !flags.bool('ignore-not-found') && fetched.errors.length === 0 && !flags.bool('watch-only')) {
      const namespaced = queries.every((q) => q.type.namespaced);
      if (namespaced && !allNamespaces) out.err(`No resources found in ${client.namespace} namespace.\n`);
      else out.err('No resources found\n');
    }
  } else {
    if (singleItemImplied && fetched.errors.length > 0) return failure(fetched.errors.join('\n'));
    if (!(objects.length === 0 && flags.bool('ignore-not-found'))) {
      const printed = printObjects(format, objects, singleItemImplied);
      out.out(printed.text);
      if (!printed.ok) out.fail(printed.error);
    }
  }
  for (const error of fetched.errors) out.fail(error);
  return out.result();
}

function runRaw(client: Client, raw: string): CommandResult {
  const m = /^\/(api\/v1|apis\/[^/]+\/[^/]+)(?:\/namespaces\/([^/]+))?\/([^/?]+)(?:\/([^/?]+))?/.exec(raw);
  if (!m) {
    if (raw === '/version') return { stdout: `${JSON.stringify(serverVersionInfo(client), null, 2)}\n`, stderr: '', exitCode: 0 };
    if (raw === '/healthz' || raw === '/livez' || raw === '/readyz') return { stdout: 'ok', stderr: '', exitCode: 0 };
    return failure('Error from server (NotFound): the server could not find the requested resource');
  }
  const targets = resolveTargets([m[3]!]);
  if (!targets.ok) return failure('Error from server (NotFound): the server could not find the requested resource');
  const type = targets.queries[0]!.type;
  const fetched = fetchQueries(client, m[4] ? [{ type, name: m[4] }] : [{ type }], { namespace: m[2] });
  if (fetched.errors.length > 0) return failure(fetched.errors.join('\n'));
  const body = m[4] ? fetched.objects[0] : { kind: `${type.kind}List`, apiVersion: type.apiVersion, metadata: { resourceVersion: String(client.world.cluster(client.clusterId).resourceVersion) }, items: fetched.objects };
  return { stdout: JSON.stringify(body), stderr: '', exitCode: 0 };
}

function serverVersionInfo(client: Client): Record<string, string> {
  void client;
  return {};
}

export { usageError };
