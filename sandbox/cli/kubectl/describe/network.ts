// kubectl describe service, endpoints, endpointslice and networkpolicy (describeService,
// describeEndpoints, describeEndpointSliceV1, describeNetworkPolicy): the Service's ports with
// their endpoints from EndpointSlices (ready ones only, 3 then `+ N more...`), LoadBalancer
// Ingress with ` (VIP)`, traffic policies and the health-check node port.
import type { EndpointSlice, Endpoints, K8sEvent, LabelSelector, NetworkPolicy, NetworkPolicyPeer, Service } from '../../../model/k8s/types.ts';
import { formatLabelSelector, formatLabels } from '../printers/labels.ts';
import { annotationsMultiline, describeEvents, DescribeWriter, goTimeString, labelsMultiline } from './writer.ts';

/** formatEndpointSlices: `ip:port` of ready endpoints for the port name, 3 then `+ N more...`. */
export function formatEndpointSlices(slices: readonly EndpointSlice[], portName: string | undefined): string {
  if (slices.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  let more = false;
  for (const slice of slices) {
    const ports = slice.ports ?? [];
    if (ports.length === 0) {
      for (const e of slice.endpoints ?? []) {
        if (list.length === 3) more = true;
        if (e.conditions?.ready === false) continue;
        if (!more) list.push(e.addresses[0]!);
        count++;
      }
      continue;
    }
    for (const port of ports) {
      if (portName !== undefined && (port.name ?? '') !== portName) continue;
      for (const e of slice.endpoints ?? []) {
        if (list.length === 3) more = true;
        if (e.conditions?.ready === false) continue;
        if (!more) list.push(`${e.addresses[0]}:${port.port}`);
        count++;
      }
    }
  }
  const text = list.join(',');
  return more ? `${text} + ${count - 3} more...` : text;
}

export function describeService(svc: Service, slices: readonly EndpointSlice[], events: K8sEvent[] | undefined, now: number): string {
  const w = new DescribeWriter();
  const spec = svc.spec;
  w.write(0, `Name:\t${svc.metadata.name}\n`);
  w.write(0, `Namespace:\t${svc.metadata.namespace ?? ''}\n`);
  labelsMultiline(w, 'Labels', svc.metadata.labels);
  annotationsMultiline(w, 'Annotations', svc.metadata.annotations);
  w.write(0, `Selector:\t${formatLabels(spec.selector)}\n`);
  w.write(0, `Type:\t${spec.type}\n`);
  if (spec.ipFamilyPolicy) w.write(0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
  w.write(0, `IP Families:\t${(spec.ipFamilies ?? []).join(',') || '<none>'}\n`);
  w.write(0, `IP:\t${spec.clusterIP ?? ''}\n`);
  w.write(0, `IPs:\t${(spec.clusterIPs ?? []).join(',') || '<none>'}\n`);
  if ((spec.externalIPs ?? []).length > 0) w.write(0, `External IPs:\t${spec.externalIPs!.join(',')}\n`);
  if (spec.loadBalancerIP) w.write(0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
  if (spec.externalName) w.write(0, `External Name:\t${spec.externalName}\n`);
  const ingress = svc.status?.loadBalancer?.ingress ?? [];
  if (ingress.length > 0) {
    const text = ingress.map((i) => (i.ip ? `${i.ip}${i.ipMode ? ` (${i.ipMode})` : ''}` : (i.hostname ?? ''))).join(', ');
    w.write(0, `LoadBalancer Ingress:\t${text}\n`);
  }
  for (const port of spec.ports ?? []) {
    const name = port.name || '<unset>';
    w.write(0, `Port:\t${name}\t${port.port}/${port.protocol}\n`);
    w.write(0, `TargetPort:\t${port.targetPort}/${port.protocol}\n`);
    if (port.nodePort) w.write(0, `NodePort:\t${name}\t${port.nodePort}/${port.protocol}\n`);
    w.write(0, `Endpoints:\t${formatEndpointSlices(slices, port.name ?? '')}\n`);
  }
  w.write(0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
  if (spec.externalTrafficPolicy) w.write(0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
  if (spec.internalTrafficPolicy) w.write(0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
  if (spec.healthCheckNodePort) w.write(0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
  if ((spec.loadBalancerSourceRanges ?? []).length > 0) w.write(0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges!.join(',')}\n`);
  const distribution = (spec as { trafficDistribution?: string }).trafficDistribution;
  if (distribution) w.write(0, `Traffic Distribution:\t${distribution}\n`);
  describeEvents(w, events, now);
  return w.toString();
}

export function describeEndpoints(ep: Endpoints, events: K8sEvent[] | undefined, now: number): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${ep.metadata.name}\n`);
  w.write(0, `Namespace:\t${ep.metadata.namespace ?? ''}\n`);
  labelsMultiline(w, 'Labels', ep.metadata.labels);
  annotationsMultiline(w, 'Annotations', ep.metadata.annotations);
  w.write(0, 'Subsets:\n');
  for (const subset of ep.subsets ?? []) {
    w.write(1, `Addresses:\t${(subset.addresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`);
    w.write(1, `NotReadyAddresses:\t${(subset.notReadyAddresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`);
    if ((subset.ports ?? []).length > 0) {
      w.write(1, 'Ports:\n');
      w.write(2, 'Name\tPort\tProtocol\n');
      w.write(2, '----\t----\t--------\n');
      for (const p of subset.ports!) w.write(2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol}\n`);
    }
    w.write(0, '\n');
  }
  describeEvents(w, events, now);
  return w.toString();
}

export function describeEndpointSlice(slice: EndpointSlice, events: K8sEvent[] | undefined, now: number): string {
  const w = new DescribeWriter();
  w.write(0, `Name:\t${slice.metadata.name}\n`);
  w.write(0, `Namespace:\t${slice.metadata.namespace ?? ''}\n`);
  labelsMultiline(w, 'Labels', slice.metadata.labels);
  annotationsMultiline(w, 'Annotations', slice.metadata.annotations);
  w.write(0, `AddressType:\t${slice.addressType}\n`);
  if ((slice.ports ?? []).length === 0) w.write(0, 'Ports: <unset>\n');
  else {
    w.write(0, 'Ports:\n');
    w.write(1, 'Name\tPort\tProtocol\n');
    w.write(1, '----\t----\t--------\n');
    for (const p of slice.ports) w.write(1, `${p.name || '<unset>'}\t${p.port ?? '<unset>'}\t${p.protocol}\n`);
  }
  if ((slice.endpoints ?? []).length === 0) w.write(0, 'Endpoints: <none>\n');
  else {
    w.write(0, 'Endpoints:\n');
    for (const e of slice.endpoints) {
      w.write(1, `- Addresses:\t${e.addresses.join(', ') || '<none>'}\n`);
      w.write(2, 'Conditions:\n');
      w.write(3, `Ready:\t${e.conditions?.ready ?? '<unset>'}\n`);
      w.write(2, `Hostname:\t${(e as { hostname?: string }).hostname ?? '<unset>'}\n`);
      if (e.targetRef) w.write(2, `TargetRef:\t${e.targetRef.kind}/${e.targetRef.name}\n`);
      w.write(2, `NodeName:\t${e.nodeName ?? '<unset>'}\n`);
      w.write(2, `Zone:\t${e.zone ?? '<unset>'}\n`);
    }
  }
  describeEvents(w, events, now);
  return w.toString();
}

function peerLines(w: DescribeWriter, title: string, peer: NetworkPolicyPeer, indent: string): void {
  w.write(0, `${indent}${title}:\n`);
  if (peer.podSelector && peer.namespaceSelector) {
    w.write(1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
    w.write(1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
  } else if (peer.podSelector) {
    w.write(1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
  } else if (peer.namespaceSelector) {
    w.write(1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
  } else if (peer.ipBlock) {
    w.write(1, `${indent}IPBlock:\n`);
    w.write(2, `${indent}CIDR: ${peer.ipBlock.cidr}\n`);
    w.write(2, `${indent}Except: ${(peer.ipBlock.except ?? []).join(', ')}\n`);
  }
}

type Rule = { from?: NetworkPolicyPeer[]; to?: NetworkPolicyPeer[]; ports?: { protocol?: string; port?: number | string; endPort?: number }[] };

function rules(w: DescribeWriter, list: Rule[] | undefined, direction: 'ingress' | 'egress'): void {
  const indent = '    ';
  if (!list || list.length === 0) {
    w.write(0, `${indent}<none> (Selected pods are isolated for ${direction} connectivity)\n`);
    return;
  }
  list.forEach((rule, i) => {
    if (!rule.ports || rule.ports.length === 0) w.write(0, `${indent}To Port: <any> (traffic allowed to all ports)\n`);
    else {
      for (const p of rule.ports) {
        const proto = p.protocol ?? 'TCP';
        const port = p.port === undefined ? '<nil>' : String(p.port);
        if (p.endPort === undefined) w.write(0, `${indent}To Port: ${port}/${proto}\n`);
        else w.write(0, `${indent}To Port Range: ${port}-${p.endPort}/${proto}\n`);
      }
    }
    const peers = direction === 'ingress' ? rule.from : rule.to;
    const title = direction === 'ingress' ? 'From' : 'To';
    if (!peers || peers.length === 0) w.write(0, `${indent}${title}: <any> (traffic not restricted by ${direction === 'ingress' ? 'source' : 'destination'})\n`);
    else for (const peer of peers) peerLines(w, title, peer, indent);
    if (i !== list.length - 1) w.write(0, `${indent}----------\n`);
  });
}

function emptySelector(sel: LabelSelector | undefined): boolean {
  return Object.keys(sel?.matchLabels ?? {}).length === 0 && (sel?.matchExpressions ?? []).length === 0;
}

export function describeNetworkPolicy(np: NetworkPolicy): string {
  const w = new DescribeWriter();
  const spec = np.spec ?? ({ podSelector: {} } as NetworkPolicy['spec']);
  w.write(0, `Name:\t${np.metadata.name}\n`);
  w.write(0, `Namespace:\t${np.metadata.namespace ?? ''}\n`);
  w.write(0, `Created on:\t${goTimeString(np.metadata.creationTimestamp)}\n`);
  labelsMultiline(w, 'Labels', np.metadata.labels);
  annotationsMultiline(w, 'Annotations', np.metadata.annotations);
  w.write(0, 'Spec:\n');
  w.write(1, 'PodSelector: ');
  if (emptySelector(spec.podSelector)) w.write(2, '<none> (Allowing the specific traffic to all pods in this namespace)\n');
  else w.write(2, `${formatLabelSelector(spec.podSelector)}\n`);
  const types = spec.policyTypes ?? [];
  if (types.includes('Ingress')) {
    w.write(1, 'Allowing ingress traffic:\n');
    rules(w, spec.ingress as Rule[] | undefined, 'ingress');
  } else w.write(1, 'Not affecting ingress traffic\n');
  if (types.includes('Egress')) {
    w.write(1, 'Allowing egress traffic:\n');
    rules(w, spec.egress as Rule[] | undefined, 'egress');
  } else w.write(1, 'Not affecting egress traffic\n');
  w.write(1, `Policy Types: ${types.join(', ') || '<none>'}\n`);
  return w.toString();
}
