// Reads the service.beta.kubernetes.io/* annotations and spec fields cloud-provider-azure acts on,
// with its validation and its error texts (CPA pkg/consts/helpers.go, azure_loadbalancer.go,
// azure_loadbalancer_healthprobe.go). A failed validation throws a CloudError whose message is
// what ends up after "failed to ensure load balancer: " in the SyncLoadBalancerFailed event.
import type { Service } from '../../model/k8s/types.ts';
import { CloudError } from './errors.ts';

const P = 'service.beta.kubernetes.io/';
export const ANN = {
  internal: `${P}azure-load-balancer-internal`,
  internalSubnet: `${P}azure-load-balancer-internal-subnet`,
  ipv4: `${P}azure-load-balancer-ipv4`,
  pipName: `${P}azure-pip-name`,
  resourceGroup: `${P}azure-load-balancer-resource-group`,
  idleTimeout: `${P}azure-load-balancer-tcp-idle-timeout`,
  disableTcpReset: `${P}azure-load-balancer-disable-tcp-reset`,
  probeProtocol: `${P}azure-load-balancer-health-probe-protocol`,
  probeInterval: `${P}azure-load-balancer-health-probe-interval`,
  probeNumOfProbe: `${P}azure-load-balancer-health-probe-num-of-probe`,
  probeRequestPath: `${P}azure-load-balancer-health-probe-request-path`,
  allowedServiceTags: `${P}azure-allowed-service-tags`,
  allowedIpRanges: `${P}azure-allowed-ip-ranges`,
  /** Kubernetes' own annotation form of loadBalancerSourceRanges (v1.AnnotationLoadBalancerSourceRangesKey). */
  sourceRanges: `${P}load-balancer-source-ranges`,
  denyAllExceptSourceRanges: `${P}azure-deny-all-except-load-balancer-source-ranges`,
  disableNsgRule: `${P}azure-disable-load-balancer-nsg-rule`,
  disableFloatingIp: `${P}azure-disable-load-balancer-floating-ip`,
} as const;

export type ProbeParam = 'protocol' | 'port' | 'interval' | 'num-of-probe' | 'request-path';

function annotations(svc: Service): Record<string, string> {
  return svc.metadata.annotations ?? {};
}

function isTrueFold(value: string | undefined): boolean {
  return value !== undefined && value.toLowerCase() === 'true';
}

/** requiresInternalLoadBalancer compares with exactly "true". */
export function isInternal(svc: Service): boolean {
  return annotations(svc)[ANN.internal] === 'true';
}

export function internalSubnet(svc: Service): string | undefined {
  if (!isInternal(svc)) return undefined;
  const value = annotations(svc)[ANN.internalSubnet];
  return value !== undefined && value.trim() !== '' ? value : undefined;
}

/** The IPv4 the Service asks for: the ipv4 annotation wins over the deprecated spec.loadBalancerIP. */
export function requestedIp(svc: Service): string {
  const fromAnnotation = annotations(svc)[ANN.ipv4];
  if (fromAnnotation) return fromAnnotation;
  const fromSpec = svc.spec.loadBalancerIP ?? '';
  return fromSpec.includes(':') ? '' : fromSpec;
}

export function requestedPipName(svc: Service): string {
  return annotations(svc)[ANN.pipName] ?? '';
}

/** Where public IPs are looked for and created: the annotation, else the node resource group. */
export function pipResourceGroup(svc: Service, nodeResourceGroup: string): string {
  const value = annotations(svc)[ANN.resourceGroup]?.trim();
  return value ? value : nodeResourceGroup;
}

export function isTcpResetDisabled(svc: Service): boolean {
  return isTrueFold(annotations(svc)[ANN.disableTcpReset]);
}

export function isFloatingIpDisabled(svc: Service): boolean {
  return isTrueFold(annotations(svc)[ANN.disableFloatingIp]);
}

export function isNsgRuleDisabled(svc: Service): boolean {
  return isTrueFold(annotations(svc)[ANN.disableNsgRule]);
}

export function portAnnotationKey(port: number, param: string): string {
  return `${P}port_${port}_${param}`;
}

export function probeAnnotationKey(port: number, param: ProbeParam): string {
  return portAnnotationKey(port, `health-probe_${param}`);
}

export function isLbRuleDisabled(svc: Service, port: number): boolean {
  return isTrueFold(annotations(svc)[portAnnotationKey(port, 'no_lb_rule')]);
}

export function isProbeRuleDisabled(svc: Service, port: number): boolean {
  return isTrueFold(annotations(svc)[portAnnotationKey(port, 'no_probe_rule')]);
}

export function annotation(svc: Service, key: string): string | undefined {
  return annotations(svc)[key];
}

/** Go's strconv.ParseInt(v, 10, 32) plus CPA's wrapping (extractInt32FromString). */
function parseInt32(raw: string, validate?: (n: number) => string | undefined): number {
  const value = raw.trim();
  const parsed = /^[+-]?\d+$/.test(value) ? Number(value) : NaN;
  if (Number.isNaN(parsed)) {
    throw new CloudError(`error value: strconv.ParseInt: parsing "${value}": invalid syntax: ${value} value must be a whole number`);
  }
  if (parsed > 2147483647 || parsed < -2147483648) {
    throw new CloudError(`error value: strconv.ParseInt: parsing "${value}": value out of range: ${value} value must be a whole number`);
  }
  const problem = validate?.(parsed);
  if (problem) throw new CloudError(`error parsing value: ${problem}`);
  return parsed;
}

function int32Annotation(svc: Service, key: string, validate?: (n: number) => string | undefined): number | undefined {
  const raw = annotations(svc)[key];
  return raw === undefined ? undefined : parseInt32(raw, validate);
}

/** Idle timeout in minutes, 4 by default, 4-100 accepted (getExpectedLoadBalancingRulePropertiesForPort). */
export function idleTimeout(svc: Service): number {
  try {
    return (
      int32Annotation(svc, ANN.idleTimeout, (n) =>
        n < 4 || n > 100
          ? `idle timeout value must be a whole number representing minutes between 4 and 100, actual value: ${n}`
          : undefined,
      ) ?? 4
    );
  } catch (e) {
    throw new CloudError(`error parsing idle timeout key: ${ANN.idleTimeout}, err: ${(e as Error).message}`);
  }
}

/** Per-port annotation first, then the service-wide one, then the default (getHealthProbeConfigProbeInterval). */
function probeInt(svc: Service, port: number, param: 'interval' | 'num-of-probe', globalKey: string, min: number, fallback: number): number {
  const validate = (n: number) => (n < min ? `the minimum value of ${param} is ${min}` : undefined);
  const perPortKey = probeAnnotationKey(port, param);
  let value: number | undefined;
  try {
    value = int32Annotation(svc, perPortKey, validate);
  } catch (e) {
    // CPA writes this one without a space after the colon for the interval.
    const sep = param === 'interval' ? ':' : ': ';
    throw new CloudError(`failed to parse annotation ${perPortKey}${sep}${(e as Error).message}`);
  }
  if (value !== undefined) return value;
  try {
    value = int32Annotation(svc, globalKey, validate);
  } catch (e) {
    throw new CloudError(`failed to parse annotation ${globalKey}: ${(e as Error).message}`);
  }
  return value ?? fallback;
}

/** Probe interval (s) and threshold for a port: 5 s and 2 probes unless annotated; their product must stay under 120. */
export function probeTiming(svc: Service, port: number): { interval: number; threshold: number } {
  const threshold = probeInt(svc, port, 'num-of-probe', ANN.probeNumOfProbe, 2, 2);
  const interval = probeInt(svc, port, 'interval', ANN.probeInterval, 5, 5);
  if (interval * threshold >= 120) {
    throw new CloudError('total probe should be less than 120, please adjust interval and number of probe accordingly');
  }
  return { interval, threshold };
}

/** A per-port probe setting (port_{port}_health-probe_{param}). */
export function probeSetting(svc: Service, port: number, param: 'protocol' | 'request-path' | 'port'): string | undefined {
  return annotations(svc)[probeAnnotationKey(port, param)];
}

export function globalProbeSetting(svc: Service, param: 'protocol' | 'request-path'): string | undefined {
  return annotations(svc)[param === 'protocol' ? ANN.probeProtocol : ANN.probeRequestPath];
}

function splitList(value: string): string[] {
  return value
    .trim()
    .split(',')
    .map((s) => s.trim());
}

export interface AccessConfig {
  sourceRanges: string[];
  allowedIpRanges: string[];
  serviceTags: string[];
  invalidRanges: string[];
  denyAllExceptSourceRanges: boolean;
}

/** Canonical CIDR text, or undefined when Go's netip.ParsePrefix (plus the masked check) would reject it. */
function parsePrefix(text: string): string | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32 || m.slice(1, 5).some((o) => o.length > 1 && o.startsWith('0'))) return undefined;
  const value = ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  if (((value & mask) >>> 0) !== value) return undefined;
  return `${octets.join('.')}/${bits}`;
}

/** Who may reach the frontend (loadbalancer.NewAccessControl inputs). */
export function accessConfig(svc: Service): AccessConfig {
  const invalidRanges: string[] = [];
  const sourceRanges: string[] = [];
  for (const raw of svc.spec.loadBalancerSourceRanges ?? []) {
    const p = parsePrefix(raw.trim());
    if (p) sourceRanges.push(p);
    else invalidRanges.push(raw.trim());
  }
  const allowedIpRanges: string[] = [];
  for (const key of [ANN.allowedIpRanges, ANN.sourceRanges]) {
    const value = annotations(svc)[key];
    if (value === undefined) continue;
    for (const raw of splitList(value)) {
      const p = parsePrefix(raw);
      if (p) allowedIpRanges.push(p);
      else invalidRanges.push(raw);
    }
  }
  const tags = annotations(svc)[ANN.allowedServiceTags];
  const sourceRangeSpecified = sourceRanges.length > 0 || allowedIpRanges.length > 0;
  if (sourceRanges.length > 0 && allowedIpRanges.length > 0) {
    throw new CloudError(`cannot set both spec.LoadBalancerSourceRanges and service annotation ${ANN.allowedIpRanges}`);
  }
  return {
    sourceRanges,
    allowedIpRanges,
    serviceTags: tags === undefined ? [] : splitList(tags),
    invalidRanges,
    denyAllExceptSourceRanges:
      (isTrueFold(annotations(svc)[ANN.denyAllExceptSourceRanges]) && sourceRangeSpecified) || invalidRanges.length > 0,
  };
}
