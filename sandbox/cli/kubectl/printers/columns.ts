// The table columns the API server returns for `kubectl get` (kubernetes
// pkg/printers/internalversion/printers.go): column names, which ones only -o wide shows
// (priority 1), and each kind's cell rules. Unknown kinds get NAME and AGE.
import type {
  ConfigMap,
  ContainerStatus,
  DaemonSet,
  Deployment,
  EndpointSlice,
  Endpoints,
  K8sEvent,
  K8sObject,
  NetworkPolicy,
  Node,
  Pod,
  ReplicaSet,
  Service,
} from '../../../model/k8s/types.ts';
import { age } from './duration.ts';
import { formatLabelSelector, formatLabels, selectorString } from './labels.ts';

export interface ColumnDef {
  name: string;
  /** 1: only with -o wide. */
  priority: 0 | 1;
  /** The column holding the object's name (gets `kind/` with several kinds). */
  isName?: boolean;
}

export interface RowContext {
  now: number;
  wide: boolean;
}

export interface KindTable {
  columns: ColumnDef[];
  /** Every cell, wide ones included, in column order. */
  row(obj: K8sObject, ctx: RowContext): string[];
}

const NAME: ColumnDef = { name: 'Name', priority: 0, isName: true };
const AGE: ColumnDef = { name: 'Age', priority: 0 };
const col = (name: string, priority: 0 | 1 = 0): ColumnDef => ({ name, priority });

function created(obj: K8sObject, ctx: RowContext): string {
  return age(obj.metadata.creationTimestamp, ctx.now);
}

interface Template {
  spec?: { containers?: { name: string; image: string }[]; nodeSelector?: Record<string, string> };
}

function containerCells(template: Template | undefined): [string, string] {
  const containers = template?.spec?.containers ?? [];
  return [containers.map((c) => c.name).join(','), containers.map((c) => c.image).join(',')];
}

function podStatus(pod: Pod, ctx: RowContext): { reason: string; ready: string; restarts: string } {
  const status = pod.status ?? ({} as Pod['status']);
  const total = pod.spec?.containers?.length ?? 0;
  let ready = 0;
  let restarts = 0;
  let lastRestart = 0;
  let reason: string = status.reason || status.phase || '';
  const noteLast = (cs: ContainerStatus) => {
    const finished = (cs.lastState as ContainerStatus['state'] | undefined)?.terminated?.finishedAt;
    if (finished) lastRestart = Math.max(lastRestart, Date.parse(finished));
  };
  let initializing = false;
  const initStatuses = (status as unknown as { initContainerStatuses?: ContainerStatus[] }).initContainerStatuses ?? [];
  const initCount = ((pod.spec as unknown as { initContainers?: unknown[] })?.initContainers ?? []).length;
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i]!;
    restarts += c.restartCount ?? 0;
    noteLast(c);
    const term = c.state?.terminated;
    if (term && term.exitCode === 0) continue;
    if (term) reason = term.reason ? `Init:${term.reason}` : `Init:ExitCode:${term.exitCode}`;
    else if (c.state?.waiting?.reason && c.state.waiting.reason !== 'PodInitializing') reason = `Init:${c.state.waiting.reason}`;
    else reason = `Init:${i}/${initCount}`;
    initializing = true;
    break;
  }
  if (!initializing) {
    restarts = 0;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i]!;
      restarts += c.restartCount ?? 0;
      noteLast(c);
      const st = c.state ?? {};
      if (st.waiting?.reason) reason = st.waiting.reason;
      else if (st.terminated?.reason) reason = st.terminated.reason;
      else if (st.terminated) reason = `ExitCode:${st.terminated.exitCode}`;
      else if (c.ready && st.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const podReady = (status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
      reason = podReady ? 'Running' : 'NotReady';
    }
  }
  if (pod.metadata.deletionTimestamp) reason = status.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  let restartText = String(restarts);
  if (lastRestart > 0) restartText = `${restarts} (${age(new Date(lastRestart).toISOString(), ctx.now)} ago)`;
  return { reason, ready: `${ready}/${total}`, restarts: restartText };
}

const podTable: KindTable = {
  columns: [NAME, col('Ready'), col('Status'), col('Restarts'), AGE, col('IP', 1), col('Node', 1), col('Nominated Node', 1), col('Readiness Gates', 1)],
  row(obj, ctx) {
    const pod = obj as Pod;
    const s = podStatus(pod, ctx);
    const gates = (pod.spec as unknown as { readinessGates?: { conditionType: string }[] })?.readinessGates ?? [];
    let gateText = '<none>';
    if (gates.length > 0) {
      const conds = pod.status?.conditions ?? [];
      const trueCount = gates.filter((g) => conds.find((c) => c.type === g.conditionType)?.status === 'True').length;
      gateText = `${trueCount}/${gates.length}`;
    }
    const nominated = (pod.status as unknown as { nominatedNodeName?: string })?.nominatedNodeName;
    return [pod.metadata.name, s.ready, s.reason, s.restarts, created(pod, ctx), pod.status?.podIPs?.[0]?.ip || '<none>', pod.spec?.nodeName || '<none>', nominated || '<none>', gateText];
  },
};

function nodeRoles(node: Node): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  return [...roles].sort().join(',') || '<none>';
}

export function nodeStatusText(node: Node): string {
  const ready = (node.status?.conditions ?? []).find((c) => c.type === 'Ready');
  const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

const nodeTable: KindTable = {
  columns: [NAME, col('Status'), col('Roles'), AGE, col('Version'), col('Internal-IP', 1), col('External-IP', 1), col('OS-Image', 1), col('Kernel-Version', 1), col('Container-Runtime', 1)],
  row(obj, ctx) {
    const node = obj as Node;
    const info = node.status?.nodeInfo ?? {};
    const addr = (type: string) => node.status?.addresses?.find((a) => a.type === type)?.address ?? '<none>';
    return [
      node.metadata.name,
      nodeStatusText(node),
      nodeRoles(node),
      created(node, ctx),
      info['kubeletVersion'] ?? '',
      addr('InternalIP'),
      addr('ExternalIP'),
      info['osImage'] || '<unknown>',
      info['kernelVersion'] || '<unknown>',
      info['containerRuntimeVersion'] || '<unknown>',
    ];
  },
};

const LOAD_BALANCER_WIDTH = 16;

export function serviceExternalIp(svc: Service, wide: boolean): string {
  const spec = svc.spec;
  const external = spec.externalIPs ?? [];
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return external.length > 0 ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const ingress = [...new Set((svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '').filter((x) => x))].sort();
      let lb = ingress.join(',');
      if (!wide && lb.length > LOAD_BALANCER_WIDTH) lb = `${lb.slice(0, LOAD_BALANCER_WIDTH - 3)}...`;
      if (external.length > 0) return [...(lb ? lb.split(',') : []), ...external].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
    default:
      return '<unknown>';
  }
}

export function servicePorts(svc: Service): string {
  const ports = (svc.spec.ports ?? []).map((p) => (p.nodePort && p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`));
  return ports.join(',') || '<none>';
}

const serviceTable: KindTable = {
  columns: [NAME, col('Type'), col('Cluster-IP'), col('External-IP'), col('Port(s)'), AGE, col('Selector', 1)],
  row(obj, ctx) {
    const svc = obj as Service;
    return [svc.metadata.name, svc.spec.type, svc.spec.clusterIPs?.[0] ?? '<none>', serviceExternalIp(svc, ctx.wide), servicePorts(svc), created(svc, ctx), formatLabels(svc.spec.selector)];
  },
};

/** printers.go formatEndpoints: ip:port pairs, at most 3, then ` + N more...`. */
export function formatEndpoints(ep: Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  let more = false;
  const add = (text: string) => {
    if (list.length === 3) more = true;
    if (!more) list.push(text);
    count++;
  };
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    if (!ss.ports || ss.ports.length === 0) {
      for (const a of addresses) add(a.ip);
    } else {
      for (const port of ss.ports) for (const a of addresses) add(`${a.ip}:${port.port}`);
    }
  }
  const text = list.join(',');
  return more ? `${text} + ${count - 3} more...` : text;
}

const endpointsTable: KindTable = {
  columns: [NAME, col('Endpoints'), AGE],
  row: (obj, ctx) => [obj.metadata.name, formatEndpoints(obj as Endpoints), created(obj, ctx)],
};

function listWithMore(list: string[], more: boolean, count: number): string {
  const text = list.join(',');
  if (more) return `${text} + ${count - 3} more...`;
  return text || '<unset>';
}

const endpointSliceTable: KindTable = {
  columns: [NAME, col('AddressType'), col('Ports'), col('Endpoints'), AGE],
  row(obj, ctx) {
    const slice = obj as EndpointSlice;
    const ports: string[] = [];
    let pc = 0;
    let pm = false;
    for (const p of slice.ports ?? []) {
      if (ports.length < 3) ports.push(p.port !== undefined && p.port !== null ? String(p.port) : p.name ?? '*');
      else pm = true;
      pc++;
    }
    const addrs: string[] = [];
    let ac = 0;
    let am = false;
    for (const e of slice.endpoints ?? []) {
      for (const a of e.addresses ?? []) {
        if (addrs.length < 3) addrs.push(a);
        else am = true;
        ac++;
      }
    }
    return [slice.metadata.name, slice.addressType, listWithMore(ports, pm, pc), listWithMore(addrs, am, ac), created(slice, ctx)];
  },
};

const deploymentTable: KindTable = {
  columns: [NAME, col('Ready'), col('Up-to-date'), col('Available'), AGE, col('Containers', 1), col('Images', 1), col('Selector', 1)],
  row(obj, ctx) {
    const d = obj as Deployment;
    const [names, images] = containerCells(d.spec?.template);
    return [d.metadata.name, `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`, String(d.status?.updatedReplicas ?? 0), String(d.status?.availableReplicas ?? 0), created(d, ctx), names, images, selectorString(d.spec?.selector)];
  },
};

const replicaSetTable: KindTable = {
  columns: [NAME, col('Desired'), col('Current'), col('Ready'), AGE, col('Containers', 1), col('Images', 1), col('Selector', 1)],
  row(obj, ctx) {
    const rs = obj as ReplicaSet;
    const [names, images] = containerCells(rs.spec?.template);
    return [rs.metadata.name, String(rs.spec?.replicas ?? 0), String(rs.status?.replicas ?? 0), String(rs.status?.readyReplicas ?? 0), created(rs, ctx), names, images, formatLabelSelector(rs.spec?.selector)];
  },
};

const daemonSetTable: KindTable = {
  columns: [NAME, col('Desired'), col('Current'), col('Ready'), col('Up-to-date'), col('Available'), col('Node Selector'), AGE, col('Containers', 1), col('Images', 1), col('Selector', 1)],
  row(obj, ctx) {
    const ds = obj as DaemonSet;
    const s = ds.status ?? {};
    const [names, images] = containerCells(ds.spec?.template);
    return [
      ds.metadata.name,
      String(s['desiredNumberScheduled'] ?? 0),
      String(s['currentNumberScheduled'] ?? 0),
      String(s['numberReady'] ?? 0),
      String(s['updatedNumberScheduled'] ?? 0),
      String(s['numberAvailable'] ?? 0),
      formatLabels(ds.spec?.template?.spec?.nodeSelector),
      created(ds, ctx),
      names,
      images,
      formatLabelSelector(ds.spec?.selector),
    ];
  },
};

const namespaceTable: KindTable = {
  columns: [NAME, col('Status'), AGE],
  row: (obj, ctx) => [obj.metadata.name, String((obj.status as { phase?: string } | undefined)?.phase ?? ''), created(obj, ctx)],
};

const networkPolicyTable: KindTable = {
  columns: [NAME, col('Pod-Selector'), AGE],
  row: (obj, ctx) => [obj.metadata.name, formatLabelSelector((obj as NetworkPolicy).spec?.podSelector), created(obj, ctx)],
};

const configMapTable: KindTable = {
  columns: [NAME, col('Data'), AGE],
  row(obj, ctx) {
    const cm = obj as ConfigMap;
    const n = Object.keys(cm.data ?? {}).length + Object.keys((cm['binaryData'] as Record<string, string> | undefined) ?? {}).length;
    return [cm.metadata.name, String(n), created(cm, ctx)];
  },
};

const secretTable: KindTable = {
  columns: [NAME, col('Type'), col('Data'), AGE],
  row: (obj, ctx) => [obj.metadata.name, String(obj['type'] ?? ''), String(Object.keys(obj.data ?? {}).length), created(obj, ctx)],
};

const serviceAccountTable: KindTable = {
  columns: [NAME, col('Secrets'), AGE],
  row: (obj, ctx) => [obj.metadata.name, String(((obj['secrets'] as unknown[] | undefined) ?? []).length), created(obj, ctx)],
};

export function eventSource(ev: K8sEvent): string {
  const component = ev.source?.component || ev.reportingComponent || '';
  const instance = ev.source?.host || ev.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

const eventTable: KindTable = {
  columns: [col('Last Seen'), col('Type'), col('Reason'), col('Object'), col('Subobject', 1), col('Source', 1), col('Message'), col('First Seen', 1), col('Count', 1), { name: 'Name', priority: 1, isName: true }],
  row(obj, ctx) {
    const ev = obj as K8sEvent;
    const eventTime = ev['eventTime'] as string | undefined;
    const first = ev.firstTimestamp ? age(ev.firstTimestamp, ctx.now) : age(eventTime, ctx.now);
    let last = ev.lastTimestamp ? age(ev.lastTimestamp, ctx.now) : first;
    let count = ev.count || 1;
    const series = ev['series'] as { lastObservedTime?: string; count?: number } | undefined;
    if (series) {
      last = age(series.lastObservedTime, ctx.now);
      count = series.count ?? count;
    }
    const io = ev.involvedObject ?? ({} as K8sEvent['involvedObject']);
    const target = io.name ? `${(io.kind ?? '').toLowerCase()}/${io.name}` : (io.kind ?? '').toLowerCase();
    return [last, ev.type ?? '', ev.reason ?? '', target, io.fieldPath ?? '', eventSource(ev), (ev.message ?? '').trim(), first, String(count), ev.metadata.name];
  },
};

const defaultTable: KindTable = {
  columns: [NAME, AGE],
  row: (obj, ctx) => [obj.metadata.name, created(obj, ctx)],
};

const TABLES: Record<string, KindTable> = {
  Pod: podTable,
  Node: nodeTable,
  Service: serviceTable,
  Endpoints: endpointsTable,
  EndpointSlice: endpointSliceTable,
  Deployment: deploymentTable,
  ReplicaSet: replicaSetTable,
  DaemonSet: daemonSetTable,
  Namespace: namespaceTable,
  NetworkPolicy: networkPolicyTable,
  ConfigMap: configMapTable,
  Secret: secretTable,
  ServiceAccount: serviceAccountTable,
  Event: eventTable,
};

export function tableFor(kind: string): KindTable {
  return TABLES[kind] ?? defaultTable;
}
