// Pod spec validation (kubernetes `pkg/apis/core/validation` ValidatePodSpec, trimmed to the
// fields the sandbox models) and the pod update rule: a pod's spec is frozen except for images,
// activeDeadlineSeconds, added tolerations and terminationGracePeriodSeconds.
import { canonicalJson } from '../controllers/k8s/meta.ts';
import type { Container, PodSpec } from '../model/k8s/types.ts';
import { FieldErrors, int, str } from './field-errors.ts';
import { checkLabelName } from './names.ts';

const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];

/** IsValidPortName's details, in its order. */
function portNameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length > 15) problems.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name)) problems.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(name)) problems.push('must contain at least one letter (a-z)');
  if (name.includes('--')) problems.push('must not contain consecutive hyphens');
  if (name.startsWith('-') || name.endsWith('-')) problems.push('must not begin or end with a hyphen');
  return problems;
}

function validateContainer(errors: FieldErrors, c: Container, at: string, seen: Set<string>): void {
  if (!c.name) errors.required(`${at}.name`);
  else {
    checkLabelName(errors, c.name, `${at}.name`);
    if (seen.has(c.name)) errors.duplicate(`${at}.name`, str(c.name));
    seen.add(c.name);
  }
  if (!c.image) errors.required(`${at}.image`);
  const portNames = new Set<string>();
  (c.ports ?? []).forEach((p, j) => {
    const pat = `${at}.ports[${j}]`;
    if (p.name) {
      for (const problem of portNameProblems(p.name)) errors.invalid(`${pat}.name`, str(p.name), problem);
      if (portNames.has(p.name)) errors.duplicate(`${pat}.name`, str(p.name));
      portNames.add(p.name);
    }
    if (!p.containerPort) errors.required(`${pat}.containerPort`);
    else if (!Number.isInteger(p.containerPort) || p.containerPort < 1 || p.containerPort > 65535) {
      errors.invalid(`${pat}.containerPort`, int(p.containerPort), 'must be between 1 and 65535, inclusive');
    }
    if (p.protocol && !PROTOCOLS.includes(p.protocol)) errors.unsupported(`${pat}.protocol`, str(p.protocol), PROTOCOLS);
  });
}

/** ValidatePodSpec for a defaulted spec at `path` (`spec`, or `spec.template.spec`). */
export function validatePodSpec(errors: FieldErrors, spec: PodSpec | undefined, path: string): void {
  const containers = Array.isArray(spec?.containers) ? spec!.containers : [];
  if (containers.length === 0) errors.required(`${path}.containers`);
  const seen = new Set<string>();
  containers.forEach((c, i) => validateContainer(errors, c ?? ({} as Container), `${path}.containers[${i}]`, seen));
  if (spec?.restartPolicy && !RESTART_POLICIES.includes(spec.restartPolicy)) {
    errors.unsupported(`${path}.restartPolicy`, str(spec.restartPolicy), RESTART_POLICIES);
  }
  if (spec?.dnsPolicy && !DNS_POLICIES.includes(spec.dnsPolicy)) errors.unsupported(`${path}.dnsPolicy`, str(spec.dnsPolicy), DNS_POLICIES);
}

export const POD_UPDATE_FORBIDDEN =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

/** The spec with what a pod update may change set aside, for comparing old and new. */
function frozenPart(spec: PodSpec): string {
  const copy = { ...spec } as Record<string, unknown>;
  copy['containers'] = (spec.containers ?? []).map((c) => ({ ...c, image: '' }));
  if (Array.isArray(spec['initContainers'])) copy['initContainers'] = (spec['initContainers'] as Container[]).map((c) => ({ ...c, image: '' }));
  delete copy['activeDeadlineSeconds'];
  delete copy['tolerations'];
  delete copy['terminationGracePeriodSeconds'];
  return canonicalJson(copy);
}

/**
 * ValidatePodUpdate's spec rule. The real message goes on with a diff of the two specs
 * (`core.PodSpec{...}`); the sandbox stops after the rule [simplification].
 */
export function validatePodUpdate(errors: FieldErrors, spec: PodSpec, old: PodSpec): void {
  const tolerationsKept = (old.tolerations ?? []).every((t) => (spec.tolerations ?? []).some((n) => canonicalJson(n) === canonicalJson(t)));
  if (frozenPart(spec) !== frozenPart(old) || !tolerationsKept) errors.forbidden('spec', POD_UPDATE_FORBIDDEN);
}
