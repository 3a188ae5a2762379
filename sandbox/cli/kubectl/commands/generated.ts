// Commands that build an object from flags and send it (create deployment/service/namespace/
// configmap/secret, run, expose): --dry-run=client prints the object as kubectl built it (typed
// Go structs: `resources: {}`, `status: {}`...) without asking the server, otherwise the object
// is created and `<kind>/<name> created` printed. --save-config keeps the last-applied annotation.
import { createObject, isK8sApiError, type K8sApiError } from '../../../apiserver/index.ts';
import type { K8sObject } from '../../../model/k8s/types.ts';
import type { CommandResult } from '../../../shell/types.ts';
import { DRY_RUN_FLAG, dryRunMode, FIELD_MANAGER, printFlags, VALIDATE_FLAG } from '../cli/common-flags.ts';
import type { Invocation } from '../cli/command.ts';
import type { FlagSpec } from '../cli/flags.ts';
import { apiErrorText, failure } from '../cli/output.ts';
import { configView, connectClient, isResult, type Client } from '../client/client.ts';
import { operationText, withLastApplied, type DryRun } from '../client/writes.ts';
import { parseOutputFormat, type OutputFormat } from '../printers/output.ts';

export const SAVE_CONFIG_FLAG: FlagSpec = {
  name: 'save-config',
  type: 'bool',
  defValue: 'false',
  usage: "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.",
};

export function generatorFlags(manager = 'kubectl-create'): FlagSpec[] {
  return [...printFlags(false), DRY_RUN_FLAG, FIELD_MANAGER(manager), SAVE_CONFIG_FLAG, VALIDATE_FLAG];
}

export interface Prepared {
  dryRun: DryRun;
  format: OutputFormat | undefined;
  /** -n or the context's namespace. */
  namespace: string;
  /** -n was given: generated objects carry metadata.namespace. */
  explicitNamespace: boolean;
}

export function prepare(inv: Invocation): Prepared | CommandResult {
  const dryRun = dryRunMode(inv.flags.string('dry-run'));
  if (typeof dryRun !== 'string') return failure(`error: ${dryRun.error}`);
  let format: OutputFormat | undefined;
  const output = inv.flags.string('output');
  if (output) {
    const parsed = parseOutputFormat(output, { forGet: false, fs: inv.env.fs, cwd: inv.env.cwd, template: inv.flags.string('template') || undefined });
    if (typeof parsed === 'string') return failure(`error: ${parsed}`);
    format = parsed;
  }
  const view = configView(inv.env, inv.flags);
  if ('exitCode' in view) return view;
  return { dryRun, format, namespace: view.namespace, explicitNamespace: view.explicitNamespace };
}

export function isPrepared(value: Prepared | CommandResult): value is Prepared {
  return 'dryRun' in value;
}

export interface SubmitOptions {
  operation?: string;
  /** Wraps the server's refusal (`failed to create deployment: %v`). */
  wrapError?: (error: K8sApiError) => string;
}

/** Sends (or, with --dry-run=client, only prints) a generated object. */
export function submit(inv: Invocation, prep: Prepared, obj: Record<string, unknown>, options: SubmitOptions = {}, client?: Client): { text: string; created?: K8sObject; error?: string } | CommandResult {
  const operation = options.operation ?? 'created';
  const manifest = inv.flags.bool('save-config') ? withLastApplied(obj) : obj;
  if (prep.dryRun === 'client') return { text: operationText(manifest as unknown as K8sObject, operation, 'client', prep.format) };
  const c = client ?? connectClient(inv);
  if (isResult(c)) return c;
  const created = createObject(c.world, c.clusterId, manifest, { namespace: prep.namespace, dryRun: prep.dryRun === 'server' });
  if (isK8sApiError(created)) {
    const text = created.reason === 'Invalid' || !options.wrapError ? apiErrorText(created) : options.wrapError(created);
    return { text: '', error: text };
  }
  c.sim.settle();
  return { text: operationText(created, operation, prep.dryRun, prep.format), created };
}

/** cmdutil's NameFromCommandArgs: exactly one NAME before `--`. */
export function nameFromArgs(inv: Invocation): string | CommandResult {
  const n = inv.argsLenAtDash === -1 ? inv.args.length : inv.argsLenAtDash;
  if (n !== 1) return failure(`error: exactly one NAME is required, got ${n}\nSee '${inv.path} -h' for help and examples`);
  return inv.args[0]!;
}

export function finish(result: { text: string; error?: string } | CommandResult): CommandResult {
  if (isResult(result)) return result;
  if (result.error) return failure(result.error, result.text);
  return { stdout: result.text, stderr: '', exitCode: 0 };
}
