// Public face of node health: the controller that keeps Node readiness in step with whether
// kubelets reach the API server, and the control-plane-to-node tunnel checks the CLIs read.
export { nodeHealthController, NODE_MONITOR_GRACE_MS } from './controller.ts';
export { apiServerTarget, type ApiTarget, type ApiAccess } from './api-target.ts';
export { tunnelStatus, kubeletReachable, type TunnelStatus, type KubeletReach } from './tunnel.ts';
export { NODE_STATUS_UNKNOWN, KUBELET_STOPPED } from './conditions.ts';
export { memoryOf as nodeHealthMemory, type NodeHealthMemory } from './memory.ts';
