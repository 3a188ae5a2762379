// The API server's checks on a Service create or update, with the exact messages kubectl
// prints (`The Service "web" is invalid: ...`): field validation first; only a Service that
// passes it reaches the allocators, whose refusals (address or port taken, outside the range)
// are reported the same way.
import { isIPv4 } from '../../core/ip.ts';
import type { Service, ServicePort } from '../../model/k8s/types.ts';
import type { World } from '../../model/world.ts';
import { runningClusters } from './cluster.ts';
import { listKind } from './store.ts';
import {
  allocationsOf,
  inServiceRange,
  NODE_PORT_MAX,
  NODE_PORT_MIN,
  serviceIpRange,
  serviceKey,
  type Allocations,
  type ServiceIpRange,
} from './service-allocation.ts';

export type FieldErrorType = 'Invalid' | 'Required' | 'Forbidden' | 'Duplicate' | 'Unsupported';

export interface FieldError {
  type: FieldErrorType;
  field: string;
  /** The offending value as Go's `%#v` prints it (`"abc"`, `80`, `[]string{"1.1.1.1"}`). */
  value?: string;
  detail?: string;
  /** The error as one line, as apimachinery's `field.Error.Error()` writes it. */
  text: string;
}

export type ServiceValidation =
  | { ok: true }
  | { ok: false; reason: 'Invalid'; code: 422; causes: FieldError[]; message: string }
  /** An allocator with nothing left (`Internal error occurred: failed to allocate a serviceIP: range is full`). */
  | { ok: false; reason: 'InternalError'; code: 500; causes: FieldError[]; message: string };

const q = (s: string) => JSON.stringify(s);
const goStrings = (values: string[]) => `[]string{${values.map(q).join(', ')}}`;

function fieldError(type: FieldErrorType, field: string, value?: string, detail?: string): FieldError {
  let text: string;
  switch (type) {
    case 'Required':
      text = `${field}: Required value${detail ? `: ${detail}` : ''}`;
      break;
    case 'Forbidden':
      text = `${field}: Forbidden: ${detail}`;
      break;
    case 'Duplicate':
      text = `${field}: Duplicate value: ${value}`;
      break;
    case 'Unsupported':
      text = `${field}: Unsupported value: ${value}: supported values: ${detail}`;
      break;
    default:
      text = `${field}: Invalid value: ${value}: ${detail}`;
  }
  return { type, field, value, detail, text };
}

/** An aggregate of one error prints bare, of several as `[a, b]` (apimachinery `NewInvalid`). */
export function invalidMessage(kind: string, name: string, causes: readonly FieldError[]): string {
  const body = causes.length === 1 ? causes[0]!.text : `[${causes.map((c) => c.text).join(', ')}]`;
  return `The ${kind} "${name}" is invalid: ${body}`;
}

const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const supported = (values: string[]) => values.map(q).join(', ');

function goServicePort(p: ServicePort): string {
  const target =
    typeof p.targetPort === 'string'
      ? `intstr.IntOrString{Type:1, IntVal:0, StrVal:${q(p.targetPort)}}`
      : `intstr.IntOrString{Type:0, IntVal:${p.targetPort ?? 0}, StrVal:""}`;
  return `core.ServicePort{Name:${q(p.name ?? '')}, Protocol:${q(p.protocol ?? 'TCP')}, AppProtocol:(*string)(nil), Port:${p.port}, TargetPort:${target}, NodePort:${p.nodePort ?? 0}}`;
}

/** Field validation (kubernetes `ValidateService` / `ValidateServiceUpdate`), no allocation. */
export function validateServiceFields(svc: Service, existing?: Service): FieldError[] {
  const errors: FieldError[] = [];
  const spec = svc.spec ?? ({} as Service['spec']);
  const type = spec.type ?? 'ClusterIP';
  const name = svc.metadata?.name ?? '';
  if (!DNS1035.test(name) || name.length > 63) {
    errors.push(
      fieldError(
        'Invalid',
        'metadata.name',
        q(name),
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
      ),
    );
  }
  if (!TYPES.includes(type)) errors.push(fieldError('Unsupported', 'spec.type', q(type), supported(TYPES)));
  const ports = spec.ports ?? [];
  if (type !== 'ExternalName' && ports.length === 0) errors.push(fieldError('Required', 'spec.ports'));
  if (type === 'ExternalName' && !spec.externalName) errors.push(fieldError('Required', 'spec.externalName'));

  const names = new Set<string>();
  const portKeys = new Set<string>();
  const nodePortKeys = new Set<string>();
  ports.forEach((p, i) => {
    const at = `spec.ports[${i}]`;
    if (ports.length > 1) {
      if (!p.name) errors.push(fieldError('Required', `${at}.name`));
      else if (names.has(p.name)) errors.push(fieldError('Duplicate', `${at}.name`, q(p.name)));
      else names.add(p.name);
    }
    if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) {
      errors.push(fieldError('Invalid', `${at}.port`, String(p.port), 'must be between 1 and 65535, inclusive'));
    }
    const protocol = p.protocol ?? 'TCP';
    if (!PROTOCOLS.includes(protocol)) errors.push(fieldError('Unsupported', `${at}.protocol`, q(protocol), supported(PROTOCOLS)));
    if (typeof p.targetPort === 'number' && (p.targetPort < 1 || p.targetPort > 65535)) {
      errors.push(fieldError('Invalid', `${at}.targetPort`, String(p.targetPort), 'must be between 1 and 65535, inclusive'));
    }
    const key = `${p.port}/${protocol}`;
    if (portKeys.has(key)) errors.push(fieldError('Duplicate', at, goServicePort(p)));
    portKeys.add(key);
    if (p.nodePort) {
      if (type === 'ClusterIP') errors.push(fieldError('Forbidden', `${at}.nodePort`, undefined, "may not be used when `type` is 'ClusterIP'"));
      const nodeKey = `${p.nodePort}/${protocol}`;
      if (nodePortKeys.has(nodeKey)) errors.push(fieldError('Duplicate', `${at}.nodePort`, String(p.nodePort)));
      nodePortKeys.add(nodeKey);
    }
  });

  const ip = spec.clusterIP;
  if (ip && ip !== 'None' && !isIPv4(ip)) {
    errors.push(fieldError('Invalid', 'spec.clusterIPs[0]', q(ip), 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  }
  if (ip === 'None' && (type === 'NodePort' || type === 'LoadBalancer')) {
    errors.push(fieldError('Invalid', 'spec.clusterIPs[0]', q(ip), `may not be set to 'None' for ${type} services`));
  }
  const etp = spec.externalTrafficPolicy;
  if (etp !== undefined) {
    if (etp !== 'Cluster' && etp !== 'Local') {
      errors.push(fieldError('Unsupported', 'spec.externalTrafficPolicy', q(etp), supported(['Cluster', 'Local'])));
    } else if (type === 'ClusterIP' || type === 'ExternalName') {
      errors.push(
        fieldError('Invalid', 'spec.externalTrafficPolicy', q(etp), "may only be set when `type` is 'NodePort' or 'LoadBalancer'"),
      );
    }
  }
  const affinity = spec.sessionAffinity;
  if (affinity !== undefined && affinity !== 'None' && affinity !== 'ClientIP') {
    errors.push(fieldError('Unsupported', 'spec.sessionAffinity', q(affinity), supported(['ClientIP', 'None'])));
  }
  // A ClusterIP, once set, is immutable [message as current apiservers print it].
  const oldIp = existing?.spec?.clusterIP;
  if (existing && oldIp && ip && ip !== oldIp && type !== 'ExternalName' && existing.spec.type !== 'ExternalName') {
    errors.push(fieldError('Invalid', 'spec.clusterIPs[0]', goStrings([ip]), 'may not change once set'));
  }
  return errors;
}

/** The allocators' refusals of explicitly requested addresses and ports. */
export function validateServiceAllocations(
  svc: Service,
  range: ServiceIpRange | undefined,
  taken: Allocations,
  dnsServiceIp: string | undefined,
): FieldError[] {
  const errors: FieldError[] = [];
  const key = serviceKey(svc);
  const ip = svc.spec?.clusterIP;
  if (ip && ip !== 'None' && range && svc.spec.type !== 'ExternalName') {
    const owner = taken.ips.get(ip);
    const dnsReserved = ip === dnsServiceIp && key !== 'kube-system/kube-dns';
    if (!inServiceRange(range, ip)) {
      errors.push(
        fieldError(
          'Invalid',
          'spec.clusterIPs',
          goStrings([ip]),
          `failed to allocate IP ${ip}: the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${range.text}`,
        ),
      );
    } else if ((owner && owner !== key) || dnsReserved) {
      errors.push(fieldError('Invalid', 'spec.clusterIPs', goStrings([ip]), `failed to allocate IP ${ip}: provided IP is already allocated`));
    }
  }
  const checkPort = (field: string, port: number) => {
    if (port < NODE_PORT_MIN || port > NODE_PORT_MAX) {
      errors.push(
        fieldError(
          'Invalid',
          field,
          String(port),
          `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`,
        ),
      );
    } else {
      const owner = taken.ports.get(port);
      if (owner && owner !== key) errors.push(fieldError('Invalid', field, String(port), 'provided port is already allocated'));
    }
  };
  (svc.spec?.ports ?? []).forEach((p, i) => {
    if (p.nodePort) checkPort(`spec.ports[${i}].nodePort`, p.nodePort);
  });
  if (svc.spec?.healthCheckNodePort) checkPort('spec.healthCheckNodePort', svc.spec.healthCheckNodePort);
  return errors;
}

/**
 * Would the API server accept this Service (create, or update when `existing` is given)?
 * Returns the real `The Service "web" is invalid: ...` message and its causes when not.
 */
export function validateService(world: World, clusterId: string, svc: Service, existing?: Service): ServiceValidation {
  const fail = (causes: FieldError[]): ServiceValidation => ({
    ok: false,
    reason: 'Invalid',
    code: 422,
    causes,
    message: invalidMessage('Service', svc.metadata?.name ?? '', causes),
  });
  const fieldErrors = validateServiceFields(svc, existing);
  if (fieldErrors.length) return fail(fieldErrors);
  const mc = runningClusters(world).find((c) => c.id.toLowerCase() === clusterId.toLowerCase());
  const range = mc ? serviceIpRange(mc.networkProfile.serviceCidr) : undefined;
  const others = listKind<Service>(world, clusterId, 'Service').filter((s) => serviceKey(s) !== serviceKey(svc));
  const allocErrors = validateServiceAllocations(svc, range, allocationsOf(others), mc?.networkProfile.dnsServiceIp);
  return allocErrors.length ? fail(allocErrors) : { ok: true };
}
