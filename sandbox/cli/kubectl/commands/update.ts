// Commands that change objects in place: scale, label, annotate and patch. Each reads the
// objects its arguments name (or -f / -l / --all), computes the new object as kubectl's patch
// would, writes it through the API server (which validates and bumps generation), and prints
// `deployment.apps/web scaled`, `pod/web labeled`, `service/web patched (no change)`...
import { isK8sApiError, replaceObject, resourceForKind } from '../../../apiserver/index.ts';
import type { K8sObject } from '../../../model/k8s/types.ts';
import type { CommandResult } from '../../../shell/types.ts';
import { ALL_NAMESPACES_FLAG, DRY_RUN_FLAG, dryRunMode, FIELD_MANAGER, filenameFlags, printFlags, SELECTOR_FLAG } from '../cli/common-flags.ts';
import type { Invocation, KubectlCommand } from '../cli/command.ts';
import type { FlagSpec } from '../cli/flags.ts';
import { apiErrorText, failure, MISSING_RESOURCE, Output } from '../cli/output.ts';
import { connectClient, isResult, type Client } from '../client/client.ts';
import { fetchQueries } from '../client/fetch.ts';
import { readManifestArgs } from '../client/manifests.ts';
import { jsonPatch, mergePatch, strategicMergePatch, type JsonPatchOp } from '../client/merge.ts';
import { resolveTargets, type Query } from '../client/targets.ts';
import { operationText, type DryRun } from '../client/writes.ts';
import { parseOutputFormat, type OutputFormat } from '../printers/output.ts';
import { completeResourceArgs } from './complete-args.ts';
import { parse as parseYaml } from 'yaml';

interface Selection {
  client: Client;
  objects: K8sObject[];
  errors: string[];
  dryRun: DryRun;
  format: OutputFormat | undefined;
}

/** Resolves `TYPE NAME`, `TYPE/NAME`, -f, -l, --all into live objects. */
function select(inv: Invocation, resourceArgs: string[], options: { allowBulk: boolean }): Selection | CommandResult {
  const { flags } = inv;
  const dryRun = dryRunMode(flags.string('dry-run'));
  if (typeof dryRun !== 'string') return failure(`error: ${dryRun.error}`);
  let format: OutputFormat | undefined;
  if (flags.string('output')) {
    const parsed = parseOutputFormat(flags.string('output'), { forGet: false, fs: inv.env.fs, cwd: inv.env.cwd, template: flags.string('template') || undefined });
    if (typeof parsed === 'string') return failure(`error: ${parsed}`);
    format = parsed;
  }
  let queries: Query[] = [];
  const filenames = flags.list('filename');
  const bulk = flags.bool('all') || !!flags.string('selector');
  if (filenames.length > 0) {
    const read = readManifestArgs(inv.env, filenames, flags.bool('recursive'));
    if (!read.ok) return failure(read.error);
    for (const doc of read.docs) {
      if (!doc.type) return failure(doc.error ?? 'error: unknown kind');
      queries.push({ type: doc.type, name: doc.name });
    }
  } else {
    if (resourceArgs.length === 0) return failure(MISSING_RESOURCE);
    const targets = resolveTargets(resourceArgs);
    if (!targets.ok) return failure(`error: ${targets.error}`);
    if (!targets.byName && !(bulk && options.allowBulk)) return failure('error: resource(s) were provided, but no name was specified');
    queries = targets.queries;
  }
  const client = connectClient(inv);
  if (isResult(client)) return client;
  const namespace = flags.bool('all-namespaces') ? undefined : client.namespace;
  const fetched = fetchQueries(client, queries, { namespace, labelSelector: flags.string('selector'), fieldSelector: flags.string('field-selector') });
  return { client, objects: fetched.objects, errors: fetched.errors, dryRun, format };
}

/** Writes the changed object; returns the stored object or the error line. */
function write(sel: Selection, before: K8sObject, after: K8sObject): K8sObject | string {
  if (sel.dryRun === 'client') return after;
  const stored = replaceObject(sel.client.world, sel.client.clusterId, after, { namespace: before.metadata.namespace, dryRun: sel.dryRun === 'server' });
  if (isK8sApiError(stored)) return apiErrorText(stored);
  return stored;
}

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

const SCALABLE = ['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'];

export const scaleCommand: KubectlCommand = {
  name: 'scale',
  use: '[--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME)',
  short: 'Set a new size for a deployment, replica set, or replication controller',
  long: `Set a new size for a deployment, replica set, replication controller, or stateful set.

 Scale also allows users to specify one or more preconditions for the scale action.

 If --current-replicas or --resource-version is specified, it is validated before the scale is attempted, and it is guaranteed that the precondition holds true when the scale is sent to the server.`,
  example: `  # Scale a deployment named 'web' to 3
  kubectl scale --replicas=3 deployment/web

  # If the deployment named mysql's current size is 2, scale mysql to 3
  kubectl scale --current-replicas=2 --replicas=3 deployment/mysql`,
  flags: [
    { name: 'all', type: 'bool', defValue: 'false', usage: 'Select all resources in the namespace of the specified resource types' },
    { name: 'current-replicas', type: 'int', defValue: '-1', usage: 'Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition.' },
    DRY_RUN_FLAG,
    ...filenameFlags('identifying the resource to set a new size'),
    ...printFlags(false),
    { name: 'replicas', type: 'int', defValue: '0', usage: 'The new desired number of replicas. Required.' },
    { name: 'resource-version', type: 'string', usage: 'Precondition for resource version. Requires that the current resource version match this value in order to scale.' },
    SELECTOR_FLAG,
    { name: 'timeout', type: 'duration', defValue: '0s', usage: 'The length of time to wait before giving up on a scale operation, zero means don\'t wait. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).' },
  ],
  required: ['replicas'],
  run(inv) {
    const replicas = inv.flags.int('replicas', -1);
    if (replicas < 0) return failure('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
    const sel = select(inv, inv.args, { allowBulk: true });
    if (isResult(sel)) return sel;
    const out = new Output();
    const errors = [...sel.errors];
    if (sel.objects.length === 0 && errors.length === 0) return failure('error: no objects passed to scale');
    const current = inv.flags.int('current-replicas', -1);
    for (const obj of sel.objects) {
      if (!SCALABLE.includes(obj.kind)) {
        const type = resourceForKind(obj.kind);
        errors.push(`error: cannot scale ${type ? type.plural : obj.kind.toLowerCase()}: no scale subresource`);
        continue;
      }
      const spec = (obj.spec ?? {}) as { replicas?: number };
      if (current >= 0 && (spec.replicas ?? 1) !== current) {
        errors.push(`error: Expected replicas to be ${current}, was ${spec.replicas ?? 1}`);
        continue;
      }
      const next = clone(obj);
      (next.spec as { replicas: number }).replicas = replicas;
      const stored = write(sel, obj, next);
      if (typeof stored === 'string') errors.push(stored);
      else out.out(operationText(stored, 'scaled', sel.dryRun, sel.format));
    }
    sel.client.sim.settle();
    for (const e of errors) out.fail(e);
    return out.result();
  },
  completeArgs: completeResourceArgs,
};

/** cmdutil.GetResourcesAndPairs: resources first, then KEY=VALUE / KEY- pairs. */
function splitPairs(args: string[], pairType: string): { resources: string[]; pairs: string[] } | string {
  const resources: string[] = [];
  const pairs: string[] = [];
  let found = false;
  for (const s of args) {
    const nonResource = (s.includes('=') && s[0] !== '=') || (s.endsWith('-') && s !== '-');
    if (nonResource) {
      found = true;
      pairs.push(s);
    } else if (!found) resources.push(s);
    else return `all resources must be specified before ${pairType} changes: ${s}`;
  }
  return { resources, pairs };
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function metadataCommand(kind: 'label' | 'annotate'): KubectlCommand {
  const isLabel = kind === 'label';
  const field = isLabel ? 'labels' : 'annotations';
  const flags: FlagSpec[] = [
    { name: 'all', type: 'bool', defValue: 'false', usage: 'Select all resources, in the namespace of the specified resource types' },
    ALL_NAMESPACES_FLAG,
    DRY_RUN_FLAG,
    FIELD_MANAGER(isLabel ? 'kubectl-label' : 'kubectl-annotate'),
    { name: 'field-selector', type: 'string', usage: "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type." },
    ...filenameFlags(`identifying the resource to update the ${isLabel ? 'labels' : 'annotation'}`),
    { name: 'list', type: 'bool', defValue: 'false', usage: `If true, display the ${field} for a given resource.` },
    { name: 'local', type: 'bool', defValue: 'false', usage: `If true, ${kind} will NOT contact api-server but run locally.` },
    ...printFlags(false),
    { name: 'overwrite', type: 'bool', defValue: 'false', usage: `If true, allow ${field} to be overwritten, otherwise reject ${isLabel ? 'label' : 'annotation'} updates that overwrite existing ${field}.` },
    { name: 'resource-version', type: 'string', usage: `If non-empty, the ${isLabel ? 'labels' : 'annotation'} update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.` },
    SELECTOR_FLAG,
  ];
  return {
    name: kind,
    use: isLabel
      ? '[--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]'
      : '[--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]',
    short: isLabel ? 'Update the labels on a resource' : 'Update the annotations on a resource',
    long: isLabel
      ? `Update the labels on a resource.

  *  A label key and value must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters each.
  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.
  *  If --overwrite is true, then existing labels can be overwritten, otherwise attempting to overwrite a label will result in an error.
  *  If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used.`
      : `Update the annotations on one or more resources.

 All Kubernetes objects support the ability to store additional data with the object as annotations. Annotations are key/value pairs that can be larger than labels and include arbitrary string values such as structured JSON. Tools and system extensions may use annotations to store their own data.

 Attempting to set an annotation that already exists will fail unless --overwrite is set. If --resource-version is specified and does not match the current resource version on the server the command will fail.`,
    example: isLabel
      ? `  # Update pod 'foo' with the label 'unhealthy' and the value 'true'
  kubectl label pods foo unhealthy=true

  # Update pod 'foo' with the label 'status' and the value 'unhealthy', overwriting any existing value
  kubectl label --overwrite pods foo status=unhealthy

  # Update pod 'foo' by removing a label named 'bar' if it exists
  kubectl label pods foo bar-`
      : `  # Update pod 'foo' with the annotation 'description' and the value 'my frontend'
  kubectl annotate pods foo description='my frontend'

  # Update pod 'foo' by removing an annotation named 'description' if it exists
  kubectl annotate pods foo description-`,
    flags,
    run(inv) {
      const split = splitPairs(inv.args, isLabel ? 'label' : 'annotation');
      if (typeof split === 'string') return failure(`error: ${split}`);
      if (inv.flags.bool('list') && inv.flags.string('output')) return failure('error: --list and --output may not be specified together');
      if (inv.flags.bool('all') && inv.flags.string('selector')) return failure('error: cannot set --all and --selector at the same time');
      if (split.pairs.length === 0 && !inv.flags.bool('list')) return failure(`error: at least one ${isLabel ? 'label' : 'annotation'} update is required`);
      const add: Record<string, string> = {};
      const remove: string[] = [];
      for (const pair of split.pairs) {
        if (pair.includes('=')) {
          const parts = pair.split('=');
          if (isLabel && parts.length !== 2) return failure(`error: invalid label spec: ${pair}`);
          const value = isLabel ? parts[1]! : pair.slice(pair.indexOf('=') + 1);
          if (isLabel && (value.length > 63 || !LABEL_VALUE.test(value))) {
            return failure(`error: invalid label value: "${pair}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`);
          }
          add[parts[0]!] = value;
        } else remove.push(pair.slice(0, -1));
      }
      if (remove.some((r) => r in add)) {
        return failure(isLabel ? 'error: can not both modify and remove a label in the same command' : `error: can not both modify and remove the following annotation(s) in the same command: ${remove.filter((r) => r in add).join(', ')}`);
      }
      const sel = select(inv, split.resources, { allowBulk: true });
      if (isResult(sel)) return sel;
      const out = new Output();
      const errors = [...sel.errors];
      for (const obj of sel.objects) {
        const current = { ...((obj.metadata[field] as Record<string, string> | undefined) ?? {}) };
        if (inv.flags.bool('list')) {
          for (const [k, v] of Object.entries(current)) out.out(`${k}=${v}\n`);
          continue;
        }
        if (!inv.flags.bool('overwrite')) {
          const clashes = Object.entries(add).filter(([k, v]) => k in current && current[k] !== v && k !== 'kubernetes.io/change-cause');
          if (clashes.length > 0) {
            errors.push(
              isLabel
                ? clashes.map(([k]) => `error: '${k}' already has a value (${current[k]}), and --overwrite is false`).join('\n')
                : `error: --overwrite is false but found the following declared annotation(s): ${clashes.map(([k]) => `'${k}' already has a value (${current[k]})`).join('; ')}`,
            );
            continue;
          }
        }
        for (const key of remove) if (!(key in current) && isLabel) out.out(`label "${key}" not found.\n`);
        let added = 0;
        let removed = 0;
        const sizeOf = (map: Record<string, string>) => (Object.keys(map).length === 0 ? 0 : JSON.stringify({ [field]: map }).length);
        const before = sizeOf(current);
        for (const [k, v] of Object.entries(add)) {
          if (current[k] !== v) added++;
          current[k] = v;
        }
        for (const key of remove) {
          if (key in current) removed++;
          delete current[key];
        }
        // label's updateDataChangeMsg (1.34): "labeled" when the object changed, "unlabeled" when
        // it got shorter without --overwrite.
        let message = isLabel ? 'not labeled' : 'annotated';
        if (isLabel && added + removed > 0) message = !inv.flags.bool('overwrite') && sizeOf(current) < before ? 'unlabeled' : 'labeled';
        if (added + removed === 0) {
          out.out(operationText(obj, message, sel.dryRun, sel.format));
          continue;
        }
        const next = clone(obj);
        if (Object.keys(current).length > 0) (next.metadata as unknown as Record<string, unknown>)[field] = current;
        else delete (next.metadata as unknown as Record<string, unknown>)[field];
        const stored = write(sel, obj, next);
        if (typeof stored === 'string') errors.push(stored);
        else out.out(operationText(stored, message, sel.dryRun, sel.format));
      }
      sel.client.sim.settle();
      for (const e of errors) out.fail(e);
      return out.result();
    },
    completeArgs: completeResourceArgs,
  };
}

export const labelCommand = metadataCommand('label');
export const annotateCommand = metadataCommand('annotate');

function parsePatch(text: string): unknown | string {
  try {
    return parseYaml(text) as unknown;
  } catch (error) {
    return `unable to parse "${text}": ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  }
}

export const patchCommand: KubectlCommand = {
  name: 'patch',
  use: '(-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE]',
  short: 'Update fields of a resource',
  long: `Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch.

 JSON and YAML formats are accepted.

 Note: Strategic merge patch is not supported for custom resources.`,
  example: `  # Partially update a node using a strategic merge patch, specifying the patch as JSON
  kubectl patch node k8s-node-1 -p '{"spec":{"unschedulable":true}}'

  # Update a container's image; spec.containers[*].name is required because it's a merge key
  kubectl patch pod valid-pod -p '{"spec":{"containers":[{"name":"kubernetes-serve-hostname","image":"new image"}]}}'

  # Update a container's image using a JSON patch with positional arrays
  kubectl patch pod valid-pod --type='json' -p='[{"op": "replace", "path": "/spec/containers/0/image", "value":"new image"}]'

  # Change a Service to type LoadBalancer with a JSON merge patch
  kubectl patch svc web --type merge -p '{"spec":{"type":"LoadBalancer"}}'`,
  flags: [
    DRY_RUN_FLAG,
    FIELD_MANAGER('kubectl-patch'),
    ...filenameFlags('identifying the resource to update'),
    { name: 'local', type: 'bool', defValue: 'false', usage: 'If true, patch will operate on the content of the file, not the server-side resource.' },
    ...printFlags(false),
    { name: 'patch', shorthand: 'p', type: 'string', usage: 'The patch to be applied to the resource JSON file.' },
    { name: 'patch-file', type: 'string', usage: 'A file containing a patch to be applied to the resource.' },
    { name: 'subresource', type: 'string', usage: 'If specified, patch will operate on the subresource of the requested object. Must be one of [status scale]. This flag is beta and may change in the future.' },
    { name: 'type', type: 'string', defValue: 'strategic', usage: 'The type of patch being provided; one of [json merge strategic]', values: ['json', 'merge', 'strategic'] },
  ],
  run(inv) {
    const { flags } = inv;
    const patchText = flags.string('patch');
    const patchFile = flags.string('patch-file');
    if (patchText && patchFile) return failure('error: cannot specify --patch and --patch-file together');
    if (!patchText && !patchFile) return failure('error: must specify --patch or --patch-file containing the contents of the patch');
    const type = flags.string('type', 'strategic') || 'strategic';
    if (!['json', 'merge', 'strategic'].includes(type)) return failure(`error: --type must be one of [json merge strategic], not "${type}"`);
    let text = patchText;
    if (patchFile) {
      const abs = inv.env.fs.resolve(inv.env.cwd, patchFile);
      if (!inv.env.fs.isFile(abs)) return failure(`error: unable to read patch file: open ${patchFile}: no such file or directory`);
      text = inv.env.fs.readFile(abs);
    }
    const patch = parsePatch(text);
    if (typeof patch === 'string') return failure(`error: ${patch}`);
    const sel = select(inv, inv.args, { allowBulk: false });
    if (isResult(sel)) return sel;
    const out = new Output();
    const errors = [...sel.errors];
    if (sel.objects.length === 0 && errors.length === 0) return failure('error: no objects passed to patch');
    for (const obj of sel.objects) {
      let next: unknown;
      if (type === 'json') {
        if (!Array.isArray(patch)) {
          errors.push(`error: unable to parse "${text}": json: cannot unmarshal object into Go value of type jsonpatch.Patch`);
          continue;
        }
        const patched = jsonPatch(clone(obj), patch as JsonPatchOp[]);
        if (typeof patched === 'object' && patched !== null && 'error' in (patched as object) && Object.keys(patched as object).length === 1) {
          errors.push(`The request is invalid: ${(patched as { error: string }).error}`);
          continue;
        }
        next = patched;
      } else if (type === 'merge') next = mergePatch(clone(obj), patch);
      else {
        if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
          errors.push(`error: unable to parse "${text}": json: cannot unmarshal array into Go value of type map[string]interface {}`);
          continue;
        }
        next = strategicMergePatch(clone(obj) as unknown as Record<string, unknown>, patch as Record<string, unknown>);
      }
      const stored = write(sel, obj, next as K8sObject);
      if (typeof stored === 'string') {
        errors.push(stored);
        continue;
      }
      const changed = stored !== obj;
      out.out(operationText(stored, changed ? 'patched' : 'patched (no change)', sel.dryRun, sel.format));
    }
    sel.client.sim.settle();
    for (const e of errors) out.fail(e);
    return out.result();
  },
  completeArgs: completeResourceArgs,
};
