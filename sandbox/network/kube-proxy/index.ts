// Public face of the kube-proxy model: node rule sets, their iptables printouts, and the
// in-node NAT evaluator the path engine calls.
export type { NodeRuleSet, Rule, Chain, Table, TableName, EndpointRef, HealthCheckRef } from './types.ts';
export { clusterProxyView, type ClusterProxyView, type ProxyServicePort, type ProxyEndpoint } from './cluster-view.ts';
export { nodeRules, buildNodeRules } from './rules.ts';
export { iptablesSave, iptablesListRules, NO_SUCH_CHAIN, IPTABLES_VERSION } from './iptables-save.ts';
export { iptablesList, type ListOptions } from './iptables-list.ts';
export { saveRule } from './render-rule.ts';
export {
  evaluateRules,
  evaluateNat,
  ipMasqDecision,
  ipMasqDecisionFor,
  type Origin,
  type PacketIn,
  type NatVerdict,
  type TraceStep,
  type IpMasqDecision,
} from './evaluate.ts';
export { servicePortName, svcChain, svlChain, extChain, fwChain, sepChain, portProtoHash } from './chain-names.ts';
