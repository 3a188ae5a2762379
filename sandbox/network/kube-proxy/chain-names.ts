// kube-proxy's per-service and per-endpoint chain names (pkg/proxy/iptables/proxier.go):
// the first 16 characters of base32(SHA-256(servicePortName + lowercase protocol [+ "ip:port"])).
// Names are memoised: every node of a cluster asks for the same ones.
import { base32, sha256 } from '../../core/sha256.ts';

const memo = new Map<string, string>();
const MEMO_LIMIT = 200_000;

function hash16(input: string): string {
  let value = memo.get(input);
  if (value === undefined) {
    // Only the first 10 bytes (80 bits) feed the 16 characters kept.
    value = base32(sha256(input).subarray(0, 10));
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(input, value);
  }
  return value;
}

/** `<ns>/<svc>:<port>`, or `<ns>/<svc>` for an unnamed port (ServicePortName.String()). */
export function servicePortName(namespace: string, service: string, portName: string): string {
  return portName ? `${namespace}/${service}:${portName}` : `${namespace}/${service}`;
}

/** The 16-character hash shared by a service port's SVC, SVL, EXT and FW chains. */
export function portProtoHash(servicePort: string, protocol: string): string {
  return hash16(servicePort + protocol.toLowerCase());
}

export function svcChain(servicePort: string, protocol: string): string {
  return `KUBE-SVC-${portProtoHash(servicePort, protocol)}`;
}

export function svlChain(servicePort: string, protocol: string): string {
  return `KUBE-SVL-${portProtoHash(servicePort, protocol)}`;
}

export function extChain(servicePort: string, protocol: string): string {
  return `KUBE-EXT-${portProtoHash(servicePort, protocol)}`;
}

export function fwChain(servicePort: string, protocol: string): string {
  return `KUBE-FW-${portProtoHash(servicePort, protocol)}`;
}

/** KUBE-SEP-<h> for one endpoint `ip:port` of a service port. */
export function sepChain(servicePort: string, protocol: string, endpoint: string): string {
  return `KUBE-SEP-${hash16(servicePort + protocol.toLowerCase() + endpoint)}`;
}
