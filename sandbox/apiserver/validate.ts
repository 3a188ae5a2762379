// Field validation of a defaulted object on create (and, given the stored object, on update),
// per kind. Services are validated by `admitService` (their name is a DNS-1035 label and their
// checks need the cluster's allocations), so here they only get the metadata checks.
import { canonicalJson } from '../controllers/k8s/meta.ts';
import type { K8sObject, PodSpec } from '../model/k8s/types.ts';
import { FieldErrors, type FieldError, type ValueStyle } from './field-errors.ts';
import { checkConfigKeys, checkLabels, checkName, type NameRule } from './names.ts';
import { validatePodSpec, validatePodUpdate } from './validate-pod.ts';
import { validateWorkloadSpec, validateWorkloadUpdate } from './validate-workloads.ts';

function nameRule(kind: string): NameRule {
  if (kind === 'Namespace') return 'dns1123-label';
  // Checked (as a DNS-1035 label) by the Service validation itself.
  if (kind === 'Service') return 'none';
  return 'dns1123-subdomain';
}

function validateData(errors: FieldErrors, obj: K8sObject, old?: K8sObject): void {
  checkConfigKeys(errors, obj.data, 'data');
  checkConfigKeys(errors, obj['binaryData'] as Record<string, unknown> | undefined, 'binaryData');
  if (old && old['immutable'] === true) {
    if (obj['immutable'] !== true) errors.forbidden('immutable', 'field is immutable when `immutable` is set');
    if (canonicalJson(obj.data ?? {}) !== canonicalJson(old.data ?? {})) errors.forbidden('data', 'field is immutable when `immutable` is set');
  }
}

/** The causes of an Invalid answer, empty when the object is acceptable. */
export function validateObject(obj: K8sObject, style: ValueStyle, old?: K8sObject): FieldError[] {
  const errors = new FieldErrors(style);
  const name = obj.metadata?.name;
  if (!name) errors.required('metadata.name', 'name or generateName is required');
  else checkName(errors, name, nameRule(obj.kind));
  checkLabels(errors, obj.metadata?.labels, 'metadata.labels');
  switch (obj.kind) {
    case 'Pod':
      validatePodSpec(errors, obj.spec as PodSpec | undefined, 'spec');
      if (old && errors.empty) validatePodUpdate(errors, obj.spec as PodSpec, old.spec as PodSpec);
      break;
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
      validateWorkloadSpec(errors, obj);
      if (old) validateWorkloadUpdate(errors, obj, old);
      break;
    case 'ConfigMap':
    case 'Secret':
      validateData(errors, obj, old);
      break;
  }
  return errors.list;
}
