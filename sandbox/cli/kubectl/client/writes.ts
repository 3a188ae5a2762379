// What mutating commands share: the success line (`deployment.apps/web created`, with ` (dry
// run)` / ` (server dry run)`, or the object itself with -o), the API server's refusals with the
// source file kubectl names in them, and the annotation client-side apply keeps.
import type { K8sApiError } from '../../../apiserver/index.ts';
import type { K8sObject } from '../../../model/k8s/types.ts';
import { apiErrorText } from '../cli/output.ts';
import { goJson } from '../jsonpath/go-format.ts';
import { nameOf, printObjects, type OutputFormat } from '../printers/output.ts';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export type DryRun = 'none' | 'client' | 'server';

/** The success line of a mutation, or the object printed with -o. */
export function operationText(obj: K8sObject, operation: string, dryRun: DryRun, format: OutputFormat | undefined): string {
  if (format && format.kind !== 'table') {
    if (format.kind === 'name') return `${nameOf(obj)}\n`;
    const printed = printObjects(format, [obj], true);
    return printed.ok ? printed.text : printed.error;
  }
  const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  return `${nameOf(obj)} ${operation}${suffix}\n`;
}

/** cmdutil.AddSourceToErr: the file an object came from is named in the server's message. */
export function sourcedError(error: K8sApiError, verb: string, source: string | undefined): string {
  if (!source || error.reason === 'Invalid' || error.reason === 'NoKindMatch') return apiErrorText(error);
  return `Error from server (${error.reason}): error when ${verb} ${JSON.stringify(source)}: ${error.message}`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(obj)
      .sort()
      .map((k) => [k, sortKeys(obj[k])]),
  );
}

/**
 * GetModifiedConfiguration(obj, annotate=true): the object with the last-applied annotation
 * holding its own JSON (without that annotation, `"annotations":{}` when it had none).
 */
export function withLastApplied(manifest: Record<string, unknown>): Record<string, unknown> {
  const obj = JSON.parse(JSON.stringify(manifest)) as Record<string, unknown>;
  const meta = ((obj['metadata'] as Record<string, unknown> | undefined) ??= {});
  const annotations = { ...((meta['annotations'] as Record<string, string> | undefined) ?? {}) };
  delete annotations[LAST_APPLIED];
  meta['annotations'] = annotations;
  const text = `${goJson(sortKeys(obj))}\n`;
  meta['annotations'] = { ...annotations, [LAST_APPLIED]: text };
  return obj;
}

/** The configuration a live object was last applied with, if any. */
export function lastApplied(obj: K8sObject): Record<string, unknown> | undefined {
  const text = obj.metadata.annotations?.[LAST_APPLIED];
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Drops null fields, as apply does before creating (pruneNullsFromMap). */
export function pruneNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pruneNulls);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (v !== null) out[k] = pruneNulls(v);
  return out;
}
