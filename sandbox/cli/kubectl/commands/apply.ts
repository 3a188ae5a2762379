// kubectl apply -f (client-side apply, pkg/cmd/apply/apply.go): each manifest is created with
// the last-applied-configuration annotation when it does not exist, otherwise three-way merged
// with the live object and the annotation (`configured`), or left alone when nothing would
// change (`unchanged`). Objects are applied in file order; errors are reported after the
// successes, each naming its source file.
import { createObject, isK8sApiError, replaceObject } from '../../../apiserver/index.ts';
import type { CommandResult } from '../../../shell/types.ts';
import { DRY_RUN_FLAG, dryRunMode, FIELD_MANAGER, filenameFlags, printFlags, SELECTOR_FLAG, VALIDATE_FLAG } from '../cli/common-flags.ts';
import type { Invocation, KubectlCommand } from '../cli/command.ts';
import { apiErrorText, failure, Output } from '../cli/output.ts';
import { connectClient, isResult, type Client } from '../client/client.ts';
import { readManifestArgs, type ManifestDoc } from '../client/manifests.ts';
import { threeWayMerge } from '../client/merge.ts';
import { lastApplied, LAST_APPLIED, operationText, pruneNulls, sourcedError, withLastApplied, type DryRun } from '../client/writes.ts';
import { parseOutputFormat, type OutputFormat } from '../printers/output.ts';
import { parseLabelSelector, requirementsMatch } from '../../../apiserver/index.ts';

export const applyCommand: KubectlCommand = {
  name: 'apply',
  use: '(-f FILENAME | -k DIRECTORY)',
  short: 'Apply a configuration to a resource by file name or stdin',
  long: `Apply a configuration to a resource by file name or stdin. The resource name must be specified. This resource will be created if it doesn't exist yet. To use 'apply', always create the resource initially with either 'apply' or 'create --save-config'.

 JSON and YAML formats are accepted.

 Alpha Disclaimer: the --prune functionality is not yet complete. Do not use unless you are aware of what the current state is. See https://issues.k8s.io/34274.`,
  example: `  # Apply the configuration in pod.json to a pod
  kubectl apply -f ./pod.json

  # Apply the JSON passed into stdin to a pod
  cat pod.json | kubectl apply -f -

  # Apply every manifest in a directory
  kubectl apply -f ./manifests/

  # Apply a manifest into another namespace
  kubectl apply -f web.yaml -n staging`,
  flags: [
    ...printFlags(false),
    { name: 'all', type: 'bool', defValue: 'false', usage: 'Select all resources in the namespace of the specified resource types.' },
    { name: 'cascade', type: 'string', defValue: 'background', usage: 'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.', noOptDefVal: 'background' },
    DRY_RUN_FLAG,
    FIELD_MANAGER('kubectl-client-side-apply'),
    ...filenameFlags('The files that contain the configurations to apply.', { fileNameFlags: true }),
    { name: 'force', type: 'bool', defValue: 'false', usage: 'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.' },
    { name: 'force-conflicts', type: 'bool', defValue: 'false', usage: 'If true, server-side apply will force the changes against conflicts.' },
    { name: 'grace-period', type: 'int', defValue: '-1', usage: 'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).' },
    { name: 'overwrite', type: 'bool', defValue: 'true', usage: 'Automatically resolve conflicts between the modified and live configuration by using values from the modified configuration' },
    { name: 'prune', type: 'bool', defValue: 'false', usage: 'Automatically delete resource objects, that do not appear in the configs and are created by either apply or create --save-config. Should be used with either -l or --all.' },
    SELECTOR_FLAG,
    { name: 'server-side', type: 'bool', defValue: 'false', usage: 'If true, apply runs in the server instead of the client.' },
    { name: 'timeout', type: 'duration', defValue: '0s', usage: 'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object' },
    VALIDATE_FLAG,
    { name: 'wait', type: 'bool', defValue: 'false', usage: 'If true, wait for resources to be gone before returning. This waits for finalizers.' },
  ],
  run: runApply,
};

interface Applied {
  text?: string;
  warning?: string;
  error?: string;
}

export function namespaceMismatch(doc: ManifestDoc, client: Client): string | undefined {
  if (!client.explicitNamespace || !doc.type?.namespaced || !doc.namespace || doc.namespace === client.namespace) return undefined;
  return `error: the namespace from the provided object "${doc.namespace}" does not match the namespace "${client.namespace}". You must pass '--namespace=${doc.namespace}' to perform this operation.`;
}

function applyOne(client: Client, doc: ManifestDoc, dryRun: DryRun, format: OutputFormat | undefined, serverSide: boolean): Applied {
  const type = doc.type!;
  const raw = JSON.parse(JSON.stringify(doc.raw)) as Record<string, unknown>;
  const meta = ((raw['metadata'] as Record<string, unknown> | undefined) ??= {});
  if (!meta['name'] && meta['generateName']) return { error: `error: from ${String(meta['generateName'])}: cannot use generate name with apply` };
  if (!meta['name']) return { error: `error: error when retrieving current configuration of:\nResource: "${type.group ? `${type.group}/` : ''}${type.version}, Resource=${type.plural}", GroupVersionKind: "${type.apiVersion}, Kind=${type.kind}"\nName: "", Namespace: "${client.namespace}"\nfrom server for: "${doc.source}": resource name may not be empty` };
  if (type.namespaced && !meta['namespace']) meta['namespace'] = client.namespace;
  const namespace = type.namespaced ? String(meta['namespace']) : undefined;
  const live = client.world.k8sGet(client.clusterId, type.kind, namespace, String(meta['name']));
  const options = { namespace, dryRun: dryRun !== 'none' };
  if (!live) {
    const manifest = serverSide ? raw : (pruneNulls(withLastApplied(raw)) as Record<string, unknown>);
    if (dryRun === 'client') return { text: operationText(manifest as never, 'created', dryRun, format) };
    const created = createObject(client.world, client.clusterId, manifest, options);
    if (isK8sApiError(created)) return { error: sourcedError(created, 'creating', doc.source) };
    return { text: operationText(created, serverSide ? 'serverside-applied' : 'created', dryRun, format) };
  }
  let warning: string | undefined;
  if (!serverSide && !live.metadata.annotations?.[LAST_APPLIED]) {
    warning = `Warning: resource ${type.plural}/${live.metadata.name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`;
  }
  const modified = serverSide ? raw : withLastApplied(raw);
  const merged = threeWayMerge(JSON.parse(JSON.stringify(live)) as Record<string, unknown>, modified, serverSide ? undefined : lastApplied(live));
  if (dryRun === 'client') {
    const same = JSON.stringify(sortDeep(merged)) === JSON.stringify(sortDeep(live));
    return { warning, text: operationText(merged as never, same ? 'unchanged' : 'configured', dryRun, format) };
  }
  const replaced = replaceObject(client.world, client.clusterId, merged, options);
  if (isK8sApiError(replaced)) {
    if (replaced.reason === 'Invalid') return { warning, error: apiErrorText(replaced) };
    return { warning, error: sourcedError(replaced, 'applying patch', doc.source) };
  }
  const operation = serverSide ? 'serverside-applied' : replaced === live ? 'unchanged' : 'configured';
  return { warning, text: operationText(replaced, operation, dryRun, format) };
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(obj)
      .sort()
      .map((k) => [k, sortDeep(obj[k])]),
  );
}

function runApply(inv: Invocation): CommandResult {
  const { flags } = inv;
  const dryRun = dryRunMode(flags.string('dry-run'));
  if (typeof dryRun !== 'string') return failure(`error: ${dryRun.error}`);
  const serverSide = flags.bool('server-side');
  if (dryRun === 'client' && serverSide) return failure('error: --dry-run=client doesn\'t work with --server-side (did you mean --dry-run=server instead?)');
  if (flags.bool('force-conflicts') && !serverSide) return failure('error: --force-conflicts only works with --server-side');
  if (flags.bool('prune')) return failure('error: "kubectl apply --prune" is not available in this sandbox');
  const output = flags.string('output');
  let format: OutputFormat | undefined;
  if (output) {
    const parsed = parseOutputFormat(output, { forGet: false, fs: inv.env.fs, cwd: inv.env.cwd, template: flags.string('template') || undefined });
    if (typeof parsed === 'string') return failure(`error: ${parsed}`);
    format = parsed;
  }
  const filenames = flags.list('filename');
  if (flags.string('kustomize')) return failure('error: kustomize (-k) is not available in this sandbox');
  if (filenames.length === 0) {
    return failure('error: must specify one of -f and -k');
  }
  if (inv.args.length > 0) return failure(`error: Unexpected args: [${inv.args.join(' ')}]\nSee 'kubectl apply -h' for help and examples`);
  const read = readManifestArgs(inv.env, filenames, flags.bool('recursive'));
  if (!read.ok) return failure(read.error);
  if (read.docs.length === 0) return failure('error: no objects passed to apply');
  const client = connectClient(inv);
  if (isResult(client)) return client;
  const selector = flags.string('selector');
  let requirements: ReturnType<typeof parseLabelSelector> | undefined;
  if (selector) {
    requirements = parseLabelSelector(selector);
    if (!requirements.ok) return failure(`error: ${requirements.message}`);
  }
  const out = new Output();
  const errors: string[] = [];
  for (const doc of read.docs) {
    if (!doc.type) {
      errors.push(doc.error ?? 'error: unknown kind');
      continue;
    }
    const mismatch = namespaceMismatch(doc, client);
    if (mismatch) return failure(mismatch, out.stdout);
    if (requirements?.ok) {
      const labels = ((doc.raw['metadata'] as { labels?: Record<string, string> } | undefined)?.labels) ?? {};
      if (!requirementsMatch(requirements.requirements, labels)) continue;
    }
    const result = applyOne(client, doc, dryRun, format, serverSide);
    if (result.warning) out.err(result.warning);
    if (result.text) out.out(result.text);
    if (result.error) errors.push(result.error);
  }
  client.sim.settle();
  for (const e of errors) out.fail(e);
  return out.result();
}
