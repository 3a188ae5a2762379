// kubectl describe pod, and the container and pod-template blocks every workload describer
// shares (describePod, describeContainers, DescribePodTemplate in pkg/describe/describe.go).
import type { Container, ContainerStatus, K8sEvent, Pod } from '../../../model/k8s/types.ts';
import { describeEvents, DescribeWriter, labelsMultiline, annotationsMultiline, rfc1123z, sinceText, stringOrNone, tolerationsMultiline } from './writer.ts';

type State = ContainerStatus['state'] & { terminated?: { message?: string; signal?: number } };

interface ProbeLike {
  exec?: { command?: string[] };
  httpGet?: { path?: string; port?: number | string; host?: string; scheme?: string };
  tcpSocket?: { port?: number | string; host?: string };
  grpc?: { port?: number; service?: string };
  initialDelaySeconds?: number;
  timeoutSeconds?: number;
  periodSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
}

/** DescribeProbe as kubectl 1.34 prints it. */
export function describeProbe(p: ProbeLike): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const scheme = (p.httpGet.scheme ?? 'HTTP').toLowerCase();
    const port = p.httpGet.port === undefined ? '' : String(p.httpGet.port);
    const host = port ? `${p.httpGet.host ?? ''}:${port}` : (p.httpGet.host ?? '');
    return `http-get ${scheme}://${host}${p.httpGet.path ?? ''} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port ?? ''} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port ?? 0} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeStatus(w: DescribeWriter, name: string, state: State | undefined): void {
  if (state?.running) {
    w.write(2, `${name}:\tRunning\n`);
    w.write(3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state?.waiting) {
    w.write(2, `${name}:\tWaiting\n`);
    if (state.waiting.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state?.terminated) {
    const t = state.terminated;
    w.write(2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(3, `Message:\t${t.message}\n`);
    w.write(3, `Exit Code:\t${t.exitCode}\n`);
    if (t.signal) w.write(3, `Signal:\t${t.signal}\n`);
    w.write(3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(2, `${name}:\tWaiting\n`);
  }
}

function portList(ports: Container['ports'], host: boolean): string {
  return (ports ?? [])
    .map((p) => {
      const num = host ? ((p as { hostPort?: number }).hostPort ?? 0) : p.containerPort;
      const text = `${num}/${p.protocol ?? 'TCP'}`;
      return p.name ? `${text} (${p.name})` : text;
    })
    .join(', ');
}

function resources(w: DescribeWriter, res: Container['resources'], level: number): void {
  if (!res) return;
  const limits = res.limits ?? {};
  const requests = res.requests ?? {};
  if (Object.keys(limits).length > 0) w.write(level, 'Limits:\n');
  for (const name of Object.keys(limits).sort()) w.write(level + 1, `${name}:\t${limits[name]}\n`);
  if (Object.keys(requests).length > 0) w.write(level, 'Requests:\n');
  for (const name of Object.keys(requests).sort()) w.write(level + 1, `${name}:\t${requests[name]}\n`);
}

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: {
    fieldRef?: { apiVersion?: string; fieldPath: string };
    resourceFieldRef?: { resource: string };
    secretKeyRef?: { key: string; name: string; optional?: boolean };
    configMapKeyRef?: { key: string; name: string; optional?: boolean };
  };
}

function fieldValue(pod: Pod | undefined, path: string): string {
  if (!pod) return '';
  switch (path) {
    case 'metadata.name':
      return pod.metadata.name;
    case 'metadata.namespace':
      return pod.metadata.namespace ?? '';
    case 'spec.nodeName':
      return pod.spec.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec.serviceAccountName ?? '';
    case 'status.podIP':
      return pod.status?.podIP ?? '';
    case 'status.hostIP':
      return pod.status?.hostIP ?? '';
    default:
      return '';
  }
}

function envVars(w: DescribeWriter, container: Container, pod: Pod | undefined): void {
  const env = (container.env ?? []) as EnvVar[];
  w.write(2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`);
  for (const e of env) {
    const from = e.valueFrom;
    if (!from) {
      (e.value ?? '').split('\n').forEach((s, i) => w.write(3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`));
    } else if (from.fieldRef) {
      w.write(3, `${e.name}:\t${fieldValue(pod, from.fieldRef.fieldPath)} (${from.fieldRef.apiVersion ?? 'v1'}:${from.fieldRef.fieldPath})\n`);
    } else if (from.resourceFieldRef) {
      w.write(3, `${e.name}:\tnode allocatable (${from.resourceFieldRef.resource})\n`);
    } else if (from.secretKeyRef) {
      w.write(3, `${e.name}:\t<set to the key '${from.secretKeyRef.key}' in secret '${from.secretKeyRef.name}'>\tOptional: ${from.secretKeyRef.optional === true}\n`);
    } else if (from.configMapKeyRef) {
      w.write(3, `${e.name}:\t<set to the key '${from.configMapKeyRef.key}' of config map '${from.configMapKeyRef.name}'>\tOptional: ${from.configMapKeyRef.optional === true}\n`);
    }
  }
}

function mounts(w: DescribeWriter, container: Container): void {
  const list = [...(((container as { volumeMounts?: { name: string; mountPath: string; readOnly?: boolean; subPath?: string }[] }).volumeMounts) ?? [])];
  w.write(2, `Mounts:${list.length === 0 ? '\t<none>' : ''}\n`);
  list.sort((a, b) => (a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0));
  for (const m of list) {
    const flags = [m.readOnly ? 'ro' : 'rw'];
    if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
    w.write(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`);
  }
}

export function describeContainers(w: DescribeWriter, label: string, containers: Container[], statuses: ContainerStatus[] | undefined, space: string, pod?: Pod): void {
  const byName = new Map((statuses ?? []).map((s) => [s.name, s]));
  w.write(0, `${space}${label}:${containers.length === 0 ? ' <none>' : ''}\n`);
  for (const c of containers) {
    const status = statuses ? byName.get(c.name) : undefined;
    w.write(1, `${space ? ' ' : ''}${c.name}:\n`);
    if (status) w.write(2, `Container ID:\t${status.containerID ?? ''}\n`);
    w.write(2, `Image:\t${c.image}\n`);
    if (status) w.write(2, `Image ID:\t${status.imageID ?? ''}\n`);
    const ports = portList(c.ports, false);
    w.write(2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${stringOrNone(ports)}\n`);
    const hostPorts = portList(c.ports, true);
    w.write(2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${stringOrNone(hostPorts)}\n`);
    if (c.command && c.command.length > 0) {
      w.write(2, 'Command:\n');
      for (const part of c.command) for (const s of part.split('\n')) w.write(3, `${s}\n`);
    }
    if (c.args && c.args.length > 0) {
      w.write(2, 'Args:\n');
      for (const part of c.args) for (const s of part.split('\n')) w.write(3, `${s}\n`);
    }
    if (status) {
      describeStatus(w, 'State', status.state as State);
      const last = status.lastState as State | undefined;
      if (last?.terminated) describeStatus(w, 'Last State', last);
      w.write(2, `Ready:\t${status.ready ? 'True' : 'False'}\n`);
      w.write(2, `Restart Count:\t${status.restartCount ?? 0}\n`);
    }
    resources(w, c.resources, 2);
    if (c.livenessProbe) w.write(2, `Liveness:\t${describeProbe(c.livenessProbe as ProbeLike)}\n`);
    if (c.readinessProbe) w.write(2, `Readiness:\t${describeProbe(c.readinessProbe as ProbeLike)}\n`);
    const startup = (c as { startupProbe?: ProbeLike }).startupProbe;
    if (startup) w.write(2, `Startup:\t${describeProbe(startup)}\n`);
    envVars(w, c, pod);
    mounts(w, c);
  }
}

interface Volume {
  name: string;
  [source: string]: unknown;
}

export function describeVolumes(w: DescribeWriter, volumes: Volume[] | undefined, space: string): void {
  if (!volumes || volumes.length === 0) {
    w.write(0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(1, `${space ? ' ' : ''}${v.name}:\n`);
    if (v['emptyDir']) {
      const ed = v['emptyDir'] as { medium?: string; sizeLimit?: string };
      w.write(2, 'Type:\tEmptyDir (a temporary directory that shares a pod\'s lifetime)\n');
      w.write(2, `Medium:\t${ed.medium ?? ''}\n`);
      w.write(2, `SizeLimit:\t${ed.sizeLimit ?? '<unset>'}\n`);
    } else if (v['configMap']) {
      const cm = v['configMap'] as { name?: string; optional?: boolean };
      w.write(2, 'Type:\tConfigMap (a volume populated by a ConfigMap)\n');
      w.write(2, `Name:\t${cm.name ?? ''}\n`);
      w.write(2, `Optional:\t${cm.optional === true}\n`);
    } else if (v['secret']) {
      const s = v['secret'] as { secretName?: string; optional?: boolean };
      w.write(2, 'Type:\tSecret (a volume populated by a Secret)\n');
      w.write(2, `SecretName:\t${s.secretName ?? ''}\n`);
      w.write(2, `Optional:\t${s.optional === true}\n`);
    } else if (v['hostPath']) {
      const hp = v['hostPath'] as { path?: string; type?: string };
      w.write(2, 'Type:\tHostPath (bare host directory volume)\n');
      w.write(2, `Path:\t${hp.path ?? ''}\n`);
      w.write(2, `HostPathType:\t${hp.type ?? ''}\n`);
    } else if (v['projected']) {
      w.write(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
    } else {
      w.write(1, '<unknown>\n');
    }
  }
}

interface TemplateLike {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: { containers?: Container[]; initContainers?: Container[]; volumes?: Volume[]; serviceAccountName?: string; priorityClassName?: string; nodeSelector?: Record<string, string>; tolerations?: unknown[] };
}

export function describePodTemplate(w: DescribeWriter, template: TemplateLike | undefined): void {
  w.write(0, 'Pod Template:\n');
  if (!template) {
    w.write(1, '<unset>');
    return;
  }
  labelsMultiline(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length > 0) annotationsMultiline(w, '  Annotations', template.metadata?.annotations);
  const spec = template.spec ?? {};
  if (spec.serviceAccountName) w.write(1, `Service Account:\t${spec.serviceAccountName}\n`);
  if ((spec.initContainers ?? []).length > 0) describeContainers(w, 'Init Containers', spec.initContainers!, undefined, '  ');
  describeContainers(w, 'Containers', spec.containers ?? [], undefined, '  ');
  describeVolumes(w, spec.volumes, '  ');
  if (spec.priorityClassName) w.write(1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  labelsMultiline(w, '  Node-Selectors', spec.nodeSelector);
  tolerationsMultiline(w, '  Tolerations', spec.tolerations);
}

export function describePod(pod: Pod, events: K8sEvent[] | undefined, now: number): string {
  const w = new DescribeWriter();
  const spec = pod.spec;
  const status = pod.status ?? ({} as Pod['status']);
  w.write(0, `Name:\t${pod.metadata.name}\n`);
  w.write(0, `Namespace:\t${pod.metadata.namespace ?? ''}\n`);
  if (typeof spec['priority'] === 'number') w.write(0, `Priority:\t${spec['priority']}\n`);
  if (spec['priorityClassName']) w.write(0, `Priority Class Name:\t${spec['priorityClassName']}\n`);
  if (spec['runtimeClassName']) w.write(0, `Runtime Class Name:\t${spec['runtimeClassName']}\n`);
  if (spec.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`);
  w.write(0, spec.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n');
  if (status.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
  labelsMultiline(w, 'Labels', pod.metadata.labels);
  annotationsMultiline(w, 'Annotations', pod.metadata.annotations);
  if (pod.metadata.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    w.write(0, `Status:\tTerminating (lasts ${sinceText(pod.metadata.deletionTimestamp, now)})\n`);
    w.write(0, `Termination Grace Period:\t${(pod.metadata as unknown as { deletionGracePeriodSeconds?: number }).deletionGracePeriodSeconds ?? 0}s\n`);
  } else {
    w.write(0, `Status:\t${status.phase ?? ''}\n`);
  }
  if (status.reason) w.write(0, `Reason:\t${status.reason}\n`);
  if (status.message) w.write(0, `Message:\t${status.message}\n`);
  w.write(0, `IP:\t${status.podIP ?? ''}\n`);
  if (!status.podIPs || status.podIPs.length === 0) w.write(0, 'IPs:\t<none>\n');
  else {
    w.write(0, 'IPs:\n');
    for (const ip of status.podIPs) w.write(1, `IP:\t${ip.ip}\n`);
  }
  const owner = pod.metadata.ownerReferences?.find((r) => r.controller);
  if (owner) w.write(0, `Controlled By:\t${owner.kind}/${owner.name}\n`);
  const nominated = (status as unknown as { nominatedNodeName?: string }).nominatedNodeName;
  if (nominated) w.write(0, `NominatedNodeName:\t${nominated}\n`);
  const init = (spec as unknown as { initContainers?: Container[] }).initContainers ?? [];
  if (init.length > 0) describeContainers(w, 'Init Containers', init, (status as unknown as { initContainerStatuses?: ContainerStatus[] }).initContainerStatuses ?? [], '', pod);
  describeContainers(w, 'Containers', spec.containers ?? [], status.containerStatuses ?? [], '', pod);
  const gates = (spec as unknown as { readinessGates?: { conditionType: string }[] }).readinessGates ?? [];
  if (gates.length > 0) {
    w.write(0, 'Readiness Gates:\n  Type\tStatus\n');
    for (const g of gates) w.write(1, `${g.conditionType} \t${status.conditions?.find((c) => c.type === g.conditionType)?.status ?? '<none>'} \n`);
  }
  if ((status.conditions ?? []).length > 0) {
    w.write(0, 'Conditions:\n  Type\tStatus\n');
    for (const c of status.conditions!) w.write(1, `${c.type} \t${c.status} \n`);
  }
  describeVolumes(w, spec['volumes'] as Volume[] | undefined, '');
  w.write(0, `QoS Class:\t${status.qosClass ?? 'BestEffort'}\n`);
  labelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
  tolerationsMultiline(w, 'Tolerations', spec.tolerations);
  describeEvents(w, events, now);
  return w.toString();
}
