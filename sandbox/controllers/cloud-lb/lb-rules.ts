// The load-balancing rules and health probes a Service should have on its frontend: CPA's
// getExpectedLBRules, getExpectedLoadBalancingRulePropertiesForPort and
// buildHealthProbeRulesForPort (azure_loadbalancer.go, azure_loadbalancer_healthprobe.go).
// Pure: the Service and the ids in, the objects (or a CloudError with CPA's text) out.
import type { LoadBalancer, LoadBalancingRule, Probe } from '../../model/azure/types.ts';
import type { Service, ServicePort } from '../../model/k8s/types.ts';
import {
  globalProbeSetting,
  idleTimeout,
  internalSubnet,
  isFloatingIpDisabled,
  isInternal,
  isLbRuleDisabled,
  isProbeRuleDisabled,
  isTcpResetDisabled,
  probeAnnotationKey,
  probeSetting,
  probeTiming,
} from './annotations.ts';
import { CloudError } from './errors.ts';
import { poolId, probeId, ruleId } from './lb-resource.ts';
import { BACKEND_POOL_NAME, ruleName } from './names.ts';

export interface ExpectedLbConfig {
  probes: Probe[];
  rules: LoadBalancingRule[];
}

function transportOf(protocol: ServicePort['protocol']): LoadBalancingRule['protocol'] {
  if (protocol === 'UDP') return 'Udp';
  if (protocol === 'SCTP') return 'All';
  return 'Tcp';
}

function probeObject(lb: LoadBalancer, name: string, fields: Pick<Probe, 'protocol' | 'port' | 'requestPath'>, timing: { interval: number; threshold: number }): Probe {
  const probe: Probe = {
    id: probeId(lb, name),
    name,
    type: 'Microsoft.Network/loadBalancers/probes',
    resourceGroup: lb.resourceGroup,
    protocol: fields.protocol,
    port: fields.port,
    intervalInSeconds: timing.interval,
    // CPA sets probeThreshold; ARM is assumed to echo the same value in the older numberOfProbes field.
    numberOfProbes: timing.threshold,
    probeThreshold: timing.threshold,
    provisioningState: 'Succeeded',
  };
  if (fields.requestPath !== undefined) probe.requestPath = fields.requestPath;
  return probe;
}

/** The probe port annotation: a service port number or name maps to that port's nodePort, any other number is used as is. */
function probePortOverride(svc: Service, port: ServicePort): number | undefined {
  const raw = probeSetting(svc, port.port, 'port');
  if (raw === undefined) return undefined;
  const byName = svc.spec.ports.find((p) => (p.name ?? '').toLowerCase() === raw.toLowerCase());
  const asNumber = /^-?\d+$/.test(raw) ? Number(raw) : NaN;
  if (!byName) {
    if (Number.isNaN(asNumber)) {
      throw new CloudError(`failed to parse annotation ${probeAnnotationKey(port.port, 'port')}: port ${raw} not found in service`);
    }
    if (asNumber < 0 || asNumber > 65535) {
      throw new CloudError(`failed to parse annotation ${probeAnnotationKey(port.port, 'port')}: port ${asNumber} is out of range`);
    }
  }
  if (Number.isNaN(asNumber)) return byName?.nodePort;
  return svc.spec.ports.find((p) => p.port === asNumber)?.nodePort ?? asNumber;
}

function probeProtocolOf(value: string | undefined): Probe['protocol'] {
  const v = (value ?? 'Tcp').trim().toLowerCase();
  if (v === 'https') return 'Https';
  if (v === 'http') return 'Http';
  // Anything else (tcp, typos) falls back to TCP, as CPA does.
  return 'Tcp';
}

/** buildHealthProbeRulesForPort: the per-port probe, or undefined when the port gets none of its own. */
function portProbe(lb: LoadBalancer, svc: Service, port: ServicePort, name: string, hasHealthCheckProbe: boolean): Probe | undefined {
  if (port.protocol === 'UDP' || port.protocol === 'SCTP') return undefined;
  const override = probePortOverride(svc, port);
  if (override === undefined && hasHealthCheckProbe) return undefined;
  const probePort = override ?? port.nodePort ?? 0;
  const protocol = probeProtocolOf(probeSetting(svc, port.port, 'protocol') ?? port.appProtocol ?? globalProbeSetting(svc, 'protocol'));
  const requestPath =
    protocol === 'Tcp' ? undefined : (probeSetting(svc, port.port, 'request-path') ?? globalProbeSetting(svc, 'request-path') ?? '/');
  let timing;
  try {
    timing = probeTiming(svc, port.port);
  } catch (e) {
    throw new CloudError(`failed to parse health probe config for port ${port.port}: ${(e as Error).message}`);
  }
  return probeObject(lb, name, { protocol, port: probePort, requestPath }, timing);
}

/**
 * Rules and probes for every port of the Service on the given frontend. disableOutboundSnat is
 * the cluster-wide azure.json setting (AKS turns it on when outbound rules carry egress).
 */
export function expectedLbConfig(lb: LoadBalancer, svc: Service, frontendIdValue: string, disableOutboundSnat: boolean): ExpectedLbConfig {
  const subnet = internalSubnet(svc);
  const pool = poolId(lb, BACKEND_POOL_NAME);
  const probes: Probe[] = [];
  const rules: LoadBalancingRule[] = [];

  // externalTrafficPolicy Local: kube-proxy's /healthz on the healthCheckNodePort, one probe for all ports.
  let healthCheckProbe: Probe | undefined;
  let healthCheckProbeAdded = false;
  if (svc.spec.type === 'LoadBalancer' && svc.spec.externalTrafficPolicy === 'Local') {
    const hcPort = svc.spec.healthCheckNodePort ?? 0;
    const name = ruleName(svc, 'TCP', hcPort, subnet);
    healthCheckProbe = probeObject(lb, name, { protocol: 'Http', port: hcPort, requestPath: '/healthz' }, probeTiming(svc, hcPort));
  }

  for (const port of svc.spec.ports) {
    const name = ruleName(svc, port.protocol, port.port, subnet);
    if (isLbRuleDisabled(svc, port.port)) continue;
    if (port.protocol === 'SCTP' && !isInternal(svc)) {
      throw new CloudError('SCTP is only supported on standard loadbalancer in internal mode');
    }
    const transport = transportOf(port.protocol);
    let timeout: number;
    try {
      timeout = idleTimeout(svc);
    } catch (e) {
      throw new CloudError(`error generate lb rule for ha mod loadbalancer. err: ${(e as Error).message}`);
    }
    const rule: LoadBalancingRule = {
      id: ruleId(lb, name),
      name,
      type: 'Microsoft.Network/loadBalancers/loadBalancingRules',
      resourceGroup: lb.resourceGroup,
      frontendIPConfiguration: { id: frontendIdValue },
      backendAddressPool: { id: pool },
      backendAddressPools: [{ id: pool }],
      protocol: transport,
      frontendPort: port.port,
      // Floating IP: packets keep the frontend IP as destination and kube-proxy's LB-IP rule catches them on the node.
      backendPort: port.port,
      enableFloatingIP: true,
      // Only set for TCP on a Standard LB; ARM reports false otherwise.
      enableTcpReset: transport === 'Tcp' ? !isTcpResetDisabled(svc) : false,
      idleTimeoutInMinutes: timeout,
      loadDistribution: svc.spec.sessionAffinity === 'ClientIP' ? 'SourceIP' : 'Default',
      disableOutboundSnat,
      provisioningState: 'Succeeded',
    };
    if (!isProbeRuleDisabled(svc, port.port)) {
      const probe = portProbe(lb, svc, port, name, healthCheckProbe !== undefined);
      if (probe) {
        rule.probe = { id: probe.id };
        probes.push(probe);
      } else if (healthCheckProbe) {
        rule.probe = { id: healthCheckProbe.id };
        if (!healthCheckProbeAdded) {
          probes.push(healthCheckProbe);
          healthCheckProbeAdded = true;
        }
      }
    }
    if (isFloatingIpDisabled(svc)) {
      rule.backendPort = port.nodePort ?? port.port;
      rule.enableFloatingIP = false;
    }
    rules.push(rule);
  }
  return { probes, rules };
}
