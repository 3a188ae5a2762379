// Public face of the cloud load balancer model: the controller, probe health and kube-proxy's
// health-check answers for the path engine, and the naming helpers printers and graders use.
export { cloudLoadBalancerController } from './controller.ts';
export { probeState, kubernetesProbeState, listenerAnswer, KUBE_PROXY_HEALTHZ_PORT, type ProbeResult, type ProbeReason } from './probe-state.ts';
export { healthzResponse, localEndpointCount, type HealthzResponse } from './healthz.ts';
export {
  baseName,
  frontendName,
  ruleName,
  publicIpName,
  CLUSTER_NAME,
  PUBLIC_LB_NAME,
  INTERNAL_LB_NAME,
  LB_FINALIZER,
  PIP_TAG_SERVICE,
  PIP_TAG_CLUSTER,
} from './names.ts';
export { allowRuleName, DENY_ALL_RULE_NAME } from './nsg-rules.ts';
