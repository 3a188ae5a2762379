// kubectl describe node (describeNode, describeNodeResource): roles, labels, taints, the node
// lease, conditions, addresses, capacity, system info, pod CIDRs, provider ID, the
// non-terminated pods with their requests and limits as a share of allocatable, and the totals.
import type { Container, K8sEvent, Node, Pod } from '../../../model/k8s/types.ts';
import { addQuantities, formatQuantity, parseQuantity, type Quantity } from '../printers/quantity.ts';
import { annotationsMultiline, describeEvents, DescribeWriter, labelsMultiline, rfc1123z, sinceText } from './writer.ts';

function roles(node: Node): string {
  const set = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/') && k.length > 'node-role.kubernetes.io/'.length) set.add(k.slice('node-role.kubernetes.io/'.length));
    else if (k === 'kubernetes.io/role' && v) set.add(v);
  }
  return [...set].sort().join(',') || '<none>';
}

interface Taint {
  key: string;
  value?: string;
  effect: string;
}

function taintText(t: Taint): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
}

const RESOURCE_ORDER = ['cpu', 'memory', 'ephemeral-storage', 'storage'];

function sortResources(names: string[]): string[] {
  return names.sort((a, b) => {
    const ia = RESOURCE_ORDER.indexOf(a);
    const ib = RESOURCE_ORDER.indexOf(b);
    if (ia >= 0 || ib >= 0) return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

type Totals = Record<string, Quantity | undefined>;

function containerSum(containers: Container[], which: 'requests' | 'limits'): Totals {
  const out: Totals = {};
  for (const c of containers) {
    for (const [name, value] of Object.entries(c.resources?.[which] ?? {})) out[name] = addQuantities(out[name], parseQuantity(value));
  }
  return out;
}

/** resourcehelper.PodRequests / PodLimits: containers summed, init containers as a floor. */
function podResources(pod: Pod, which: 'requests' | 'limits'): Totals {
  const sum = containerSum(pod.spec?.containers ?? [], which);
  const init = ((pod.spec as unknown as { initContainers?: Container[] }).initContainers ?? []);
  for (const c of init) {
    for (const [name, value] of Object.entries(c.resources?.[which] ?? {})) {
      const q = parseQuantity(value);
      if (q && (!sum[name] || sum[name]!.milli < q.milli)) sum[name] = q;
    }
  }
  return sum;
}

function percent(q: Quantity | undefined, of: Quantity | undefined): number {
  if (!of || of.milli === 0) return 0;
  return Math.trunc(((q?.milli ?? 0) / of.milli) * 100);
}

function cell(q: Quantity | undefined, of: Quantity | undefined): string {
  return `${formatQuantity(q)} (${percent(q, of)}%)`;
}

export function describeNode(node: Node, pods: readonly Pod[], events: K8sEvent[] | undefined, now: number): string {
  const w = new DescribeWriter();
  const status = node.status;
  w.write(0, `Name:\t${node.metadata.name}\n`);
  w.write(0, `Roles:\t${roles(node)}\n`);
  labelsMultiline(w, 'Labels', node.metadata.labels);
  annotationsMultiline(w, 'Annotations', node.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
  const taints = [...((node.spec?.taints ?? []) as Taint[])].sort((a, b) => (`${a.effect},${a.key}` < `${b.effect},${b.key}` ? -1 : 1));
  w.write(0, 'Taints:\t');
  if (taints.length === 0) w.write(0, '<none>\n');
  taints.forEach((t, i) => w.write(0, `${i === 0 ? '' : '\t'}${taintText(t)}\n`));
  w.write(0, `Unschedulable:\t${node.spec?.unschedulable === true}\n`);
  // The node's lease in kube-node-lease, renewed by the kubelet every 10 s while it reaches the API server.
  const ready = status?.conditions?.find((c) => c.type === 'Ready');
  w.write(0, 'Lease:\n');
  w.write(1, `HolderIdentity:\t${node.metadata.name}\n`);
  w.write(1, 'AcquireTime:\t<unset>\n');
  const renew = ready?.status === 'True' ? new Date(now - ((now / 1000) % 10) * 1000).toISOString() : ready?.lastHeartbeatTime;
  w.write(1, `RenewTime:\t${renew ? rfc1123z(renew) : '<unset>'}\n`);
  if ((status?.conditions ?? []).length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of status.conditions) {
      w.write(1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
  }
  w.write(0, 'Addresses:\n');
  for (const a of status?.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  const printList = (list: Record<string, string>) => {
    for (const name of sortResources(Object.keys(list))) w.write(0, `  ${name}:\t${list[name]}\n`);
  };
  if (Object.keys(status?.capacity ?? {}).length > 0) {
    w.write(0, 'Capacity:\n');
    printList(status.capacity);
  }
  if (Object.keys(status?.allocatable ?? {}).length > 0) {
    w.write(0, 'Allocatable:\n');
    printList(status.allocatable);
  }
  const info = status?.nodeInfo ?? {};
  w.write(0, 'System Info:\n');
  w.write(0, `  Machine ID:\t${info['machineID'] ?? ''}\n`);
  w.write(0, `  System UUID:\t${info['systemUUID'] ?? ''}\n`);
  w.write(0, `  Boot ID:\t${info['bootID'] ?? ''}\n`);
  w.write(0, `  Kernel Version:\t${info['kernelVersion'] ?? ''}\n`);
  w.write(0, `  OS Image:\t${info['osImage'] ?? ''}\n`);
  w.write(0, `  Operating System:\t${info['operatingSystem'] ?? ''}\n`);
  w.write(0, `  Architecture:\t${info['architecture'] ?? ''}\n`);
  w.write(0, `  Container Runtime Version:\t${info['containerRuntimeVersion'] ?? ''}\n`);
  w.write(0, `  Kubelet Version:\t${info['kubeletVersion'] ?? ''}\n`);
  // Deprecated and left empty by kubelets since 1.31; kubectl 1.34 still prints the line.
  w.write(0, `  Kube-Proxy Version:\t${info['kubeProxyVersion'] ?? ''}\n`);
  if (node.spec?.podCIDR) w.write(0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if ((node.spec?.podCIDRs ?? []).length > 0) w.write(0, `PodCIDRs:\t${node.spec.podCIDRs!.join(',')}\n`);
  if (node.spec?.providerID) w.write(0, `ProviderID:\t${node.spec.providerID}\n`);

  const allocatable = Object.keys(status?.allocatable ?? {}).length > 0 ? status.allocatable : (status?.capacity ?? {});
  const cpu = parseQuantity(allocatable['cpu']);
  const memory = parseQuantity(allocatable['memory']);
  const storage = parseQuantity(allocatable['ephemeral-storage']);
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const totalReq: Totals = {};
  const totalLim: Totals = {};
  for (const pod of pods) {
    const req = podResources(pod, 'requests');
    const lim = podResources(pod, 'limits');
    for (const [k, v] of Object.entries(req)) totalReq[k] = addQuantities(totalReq[k], v);
    for (const [k, v] of Object.entries(lim)) totalLim[k] = addQuantities(totalLim[k], v);
    w.write(
      1,
      `${pod.metadata.namespace ?? ''}\t${pod.metadata.name}\t\t${cell(req['cpu'], cpu)}\t${cell(lim['cpu'], cpu)}\t${cell(req['memory'], memory)}\t${cell(lim['memory'], memory)}\t${sinceText(pod.metadata.creationTimestamp, now)}\n`,
    );
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  w.write(1, `cpu\t${cell(totalReq['cpu'], cpu)}\t${cell(totalLim['cpu'], cpu)}\n`);
  w.write(1, `memory\t${cell(totalReq['memory'], memory)}\t${cell(totalLim['memory'], memory)}\n`);
  w.write(1, `ephemeral-storage\t${cell(totalReq['ephemeral-storage'], storage)}\t${cell(totalLim['ephemeral-storage'], storage)}\n`);
  for (const name of Object.keys(allocatable).filter((n) => n.startsWith('hugepages-')).sort()) {
    const of = parseQuantity(allocatable[name]);
    w.write(1, `${name}\t${cell(totalReq[name], of)}\t${cell(totalLim[name], of)}\n`);
  }
  describeEvents(w, events, now);
  return w.toString();
}
