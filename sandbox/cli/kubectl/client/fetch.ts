// Reading what resource arguments name from the API server: named objects (NotFound errors kept
// in order, as the Builder's ContinueOnError does) or lists narrowed by namespace, label
// selector and field selector. Field selectors are evaluated as the API server does: `=`, `==`,
// `!=` on the fields each kind supports (metadata.name and metadata.namespace everywhere).
import { getObject, isK8sApiError, listObjects, parseLabelSelector, qualifiedResource, type ResourceType } from '../../../apiserver/index.ts';
import type { K8sObject } from '../../../model/k8s/types.ts';
import { apiErrorText } from '../cli/output.ts';
import type { Client } from './client.ts';
import type { Query } from './targets.ts';
import { serverMinor } from './server-version.ts';

interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

const POD_FIELDS = ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.podIPs', 'status.nominatedNodeName'];
const SUPPORTED: Record<string, string[]> = {
  Pod: POD_FIELDS,
  Node: ['spec.unschedulable'],
  Namespace: ['status.phase'],
  Secret: ['type'],
  Event: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'],
  ReplicaSet: ['status.replicas'],
  Service: ['spec.clusterIP', 'spec.type'],
};

export function parseFieldSelector(text: string): FieldRequirement[] | string {
  const out: FieldRequirement[] = [];
  if (text.trim() === '') return out;
  for (const part of text.split(',')) {
    const m = /^([^=!]+)(==|=|!=)(.*)$/.exec(part.trim());
    if (!m) return `invalid selector: '${text}'; can't understand '${part}'`;
    out.push({ field: m[1]!.trim(), op: m[2] === '!=' ? '!=' : '=', value: m[3]!.trim() });
  }
  return out;
}

function fieldValue(obj: K8sObject, field: string): string {
  if (field === 'metadata.name') return obj.metadata.name;
  if (field === 'metadata.namespace') return obj.metadata.namespace ?? '';
  if (field === 'source') return String((obj['source'] as { component?: string } | undefined)?.component ?? '');
  let cur: unknown = obj;
  for (const key of field.split('.')) cur = typeof cur === 'object' && cur !== null ? (cur as Record<string, unknown>)[key] : undefined;
  if (field === 'status.podIPs') return String((cur as { ip: string }[] | undefined)?.[0]?.ip ?? '');
  if (cur === undefined || cur === null) return field === 'spec.unschedulable' || field === 'spec.hostNetwork' ? 'false' : '';
  return String(cur);
}

function fieldSupported(type: ResourceType, field: string): boolean {
  return field === 'metadata.name' || field === 'metadata.namespace' || (SUPPORTED[type.kind] ?? []).includes(field);
}

export interface ListOptions {
  /** Namespace to list in; undefined = all namespaces (or a cluster-scoped kind). */
  namespace: string | undefined;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface Fetched {
  objects: K8sObject[];
  /** Error lines, in the order kubectl meets them. */
  errors: string[];
  /** Warning headers the API server sent (kubectl prints each once, on stderr). */
  warnings: string[];
}

/** The deprecation warning the API server attaches to v1 Endpoints requests from Kubernetes 1.33 on. */
export function warningsFor(client: Client, type: ResourceType): string[] {
  if (type.kind === 'Endpoints' && serverMinor(client.world, client.clusterId) >= 33) return ['Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice'];
  return [];
}

export function listFor(client: Client, type: ResourceType, options: ListOptions): K8sObject[] | string {
  const fields = parseFieldSelector(options.fieldSelector ?? '');
  if (typeof fields === 'string') return `Error from server (BadRequest): ${fields}`;
  for (const f of fields) {
    if (!fieldSupported(type, f.field)) {
      const gvr = `${type.group}/${type.version}, Resource=${type.plural}`;
      return `Error from server (BadRequest): Unable to find ${JSON.stringify(gvr)} that match label selector ${JSON.stringify(options.labelSelector ?? '')}, field selector ${JSON.stringify(options.fieldSelector ?? '')}: field label not supported: ${f.field}`;
    }
  }
  const parsed = parseLabelSelector(options.labelSelector ?? '');
  if (!parsed.ok) return `error: ${parsed.message}`;
  const listed = listObjects(client.world, client.clusterId, type.kind, type.namespaced ? options.namespace : undefined, options.labelSelector);
  if (isK8sApiError(listed)) return apiErrorText(listed);
  return listed.filter((o) => fields.every((f) => (fieldValue(o, f.field) === f.value) === (f.op === '=')));
}

export function fetchQueries(client: Client, queries: readonly Query[], options: ListOptions & { ignoreNotFound?: boolean }): Fetched {
  const fetched: Fetched = { objects: [], errors: [], warnings: [] };
  for (const q of queries) {
    for (const w of warningsFor(client, q.type)) if (!fetched.warnings.includes(w)) fetched.warnings.push(w);
    if (q.name !== undefined) {
      const ns = q.type.namespaced ? (options.namespace ?? client.namespace) : undefined;
      const got = getObject(client.world, client.clusterId, q.type.kind, ns, q.name);
      if (isK8sApiError(got)) {
        if (!(options.ignoreNotFound && got.reason === 'NotFound')) fetched.errors.push(apiErrorText(got));
        continue;
      }
      fetched.objects.push(got);
      continue;
    }
    const listed = listFor(client, q.type, options);
    if (typeof listed === 'string') {
      fetched.errors.push(listed);
      continue;
    }
    fetched.objects.push(...listed);
  }
  return fetched;
}

export { qualifiedResource };
