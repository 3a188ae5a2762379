// Public face of the end-to-end path engine: trace a flow, the DNS transport built on it, and the
// plain-text explanation of a trace.
export { trace, flowHashOf } from './trace.ts';
export { reachFor } from './reach.ts';
export { explainTrace } from './explain.ts';
export { toReachResult } from './resolve-host.ts';
export { clusterEgressIps, API_SERVER_PORT } from './control-plane.ts';
export { evaluatePolicies, policyEngine, type Peer, type PolicyDirection, type PolicyVerdict } from './network-policy.ts';
export { podListens, nodeListens, imageRepository, type ListenAnswer } from './listeners.ts';
export type { TraceOptions, TraceResult, Reached } from './types.ts';
