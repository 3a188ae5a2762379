// Deployment, ReplicaSet and DaemonSet validation (kubernetes `pkg/apis/apps/validation`): the
// selector must exist, select something and match the pod template's labels; templates restart
// Always; on update (apps/v1) the selector may not change — checked after the spec, as the
// registry strategies do.
import { canonicalJson } from '../controllers/k8s/meta.ts';
import { selectorMatches } from '../controllers/k8s/labels.ts';
import type { K8sObject, LabelSelector, PodSpec } from '../model/k8s/types.ts';
import { FieldErrors, int, str, type FieldValue } from './field-errors.ts';
import { checkLabels } from './names.ts';
import { validatePodSpec } from './validate-pod.ts';

interface WorkloadSpec {
  replicas?: number;
  selector?: LabelSelector;
  template?: { metadata?: { labels?: Record<string, string> }; spec?: PodSpec };
  strategy?: { type?: string; rollingUpdate?: { maxSurge?: unknown; maxUnavailable?: unknown } };
}

const selectorValue = (selector: LabelSelector | undefined): FieldValue => ({ kind: 'labelSelector', value: selector });

function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0;
}

/** ValidatePodTemplateSpecForReplicaSet: labels vs selector, the template itself, restartPolicy Always. */
function validateTemplate(errors: FieldErrors, spec: WorkloadSpec): void {
  const template = spec.template;
  if (!template) {
    errors.required('spec.template');
    return;
  }
  const labels = template.metadata?.labels;
  // A nil selector matches nothing (labels.Nothing), an empty one everything.
  const selector = spec.selector;
  if (!selector || !isEmptySelector(selector)) {
    if (!selector || !selectorMatches(selector, labels ?? {})) {
      errors.invalid('spec.template.metadata.labels', { kind: 'stringMap', value: labels }, '`selector` does not match template `labels`');
    }
  }
  checkLabels(errors, labels, 'spec.template.metadata.labels');
  validatePodSpec(errors, template.spec, 'spec.template.spec');
  const restart = template.spec?.restartPolicy;
  if (restart && restart !== 'Always') errors.unsupported('spec.template.spec.restartPolicy', str(restart), ['Always']);
}

function validateSelector(errors: FieldErrors, selector: LabelSelector | undefined, kindWord: string): void {
  if (!selector) errors.required('spec.selector');
  else if (isEmptySelector(selector)) errors.invalid('spec.selector', selectorValue(selector), `empty selector is invalid for ${kindWord}`);
}

function intOrPercentIsZero(value: unknown): boolean {
  return value === 0 || value === '0' || value === '0%';
}

function validateStrategy(errors: FieldErrors, strategy: WorkloadSpec['strategy']): void {
  const type = strategy?.type;
  if (type !== 'Recreate' && type !== 'RollingUpdate') {
    errors.unsupported('spec.strategy.type', str(String(type ?? '')), ['Recreate', 'RollingUpdate']);
    return;
  }
  const rolling = strategy?.rollingUpdate;
  if (type === 'Recreate' && rolling) errors.forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'");
  if (type === 'RollingUpdate' && rolling && intOrPercentIsZero(rolling.maxUnavailable) && intOrPercentIsZero(rolling.maxSurge)) {
    errors.invalid('spec.strategy.rollingUpdate.maxUnavailable', int(0), 'may not be 0 when `maxSurge` is 0');
  }
}

/** Spec validation of a defaulted Deployment, ReplicaSet or DaemonSet. */
export function validateWorkloadSpec(errors: FieldErrors, obj: K8sObject): void {
  const spec = (obj.spec ?? {}) as WorkloadSpec;
  if (obj.kind !== 'DaemonSet' && typeof spec.replicas === 'number' && spec.replicas < 0) {
    errors.invalid('spec.replicas', int(spec.replicas), 'must be greater than or equal to 0');
  }
  validateSelector(errors, spec.selector, obj.kind === 'DaemonSet' ? 'daemonset' : 'deployment');
  validateTemplate(errors, spec);
  if (obj.kind === 'Deployment') validateStrategy(errors, spec.strategy);
}

/** apps/v1 update rule: `spec.selector: Invalid value: <new>: field is immutable`. */
export function validateWorkloadUpdate(errors: FieldErrors, obj: K8sObject, old: K8sObject): void {
  const selector = (obj.spec as WorkloadSpec | undefined)?.selector;
  const before = (old.spec as WorkloadSpec | undefined)?.selector;
  if (canonicalJson(selector ?? null) !== canonicalJson(before ?? null)) {
    errors.invalid('spec.selector', selectorValue(selector), 'field is immutable');
  }
}
