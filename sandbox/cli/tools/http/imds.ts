// Azure Instance Metadata Service (169.254.169.254): answers only requests carrying
// `Metadata: true` and an api-version, about the VM the request comes from (a pod asks for its
// node). /metadata/instance and any path below it; `format=text` for a single value.
import type { NetworkInterface, VirtualMachineScaleSet } from '../../../model/azure/types.ts';
import type { Node, Pod } from '../../../model/k8s/types.ts';
import type { World } from '../../../model/world.ts';
import { ownerOf, subnetInfo } from '../../../network/addressing.ts';
import type { Endpoint } from '../../../network/flow.ts';
import { intToIp } from '../../../core/ip.ts';
import { header, httpDate, queryParams, response, type Server, type ServerReply } from './types.ts';

type J = null | boolean | number | string | J[] | { [k: string]: J };

function nodeOf(world: World, from: Endpoint | undefined): { clusterId: string; node: Node } | undefined {
  if (!from) return undefined;
  if (from.kind === 'node') {
    const node = world.k8sGet<Node>(from.clusterId, 'Node', undefined, from.name);
    return node ? { clusterId: from.clusterId, node } : undefined;
  }
  if (from.kind === 'pod') {
    const pod = world.k8sGet<Pod>(from.clusterId, 'Pod', from.namespace, from.name);
    const node = pod?.spec.nodeName ? world.k8sGet<Node>(from.clusterId, 'Node', undefined, pod.spec.nodeName) : undefined;
    return node ? { clusterId: from.clusterId, node } : undefined;
  }
  return undefined;
}

/** The instance document for an AKS node (a VMSS instance). */
export function instanceDocument(world: World, from: Endpoint | undefined): J | undefined {
  const found = nodeOf(world, from);
  if (!found) return undefined;
  const { node } = found;
  const m = /virtualMachineScaleSets\/([^/]+)\/virtualMachines\/(\d+)/i.exec(node.spec.providerID ?? '');
  const sub = /subscriptions\/([^/]+)/i.exec(node.spec.providerID ?? '')?.[1] ?? world.state.subscription.id;
  const rg = /resourceGroups\/([^/]+)/i.exec(node.spec.providerID ?? '')?.[1] ?? '';
  const vmss = m ? world.resourcesOfType<VirtualMachineScaleSet>('Microsoft.Compute/virtualMachineScaleSets').find((v) => v.name === m[1]) : undefined;
  const ip = node.status.addresses.find((a) => a.type === 'InternalIP')?.address ?? '';
  const owner = ownerOf(world, ip);
  const nic = owner?.kind === 'nic' ? (owner.nic as NetworkInterface) : undefined;
  const subnet = owner?.kind === 'nic' ? subnetInfo(world, owner.subnetId) : undefined;
  const labels = node.metadata.labels ?? {};
  return {
    compute: {
      azEnvironment: 'AzurePublicCloud',
      location: labels['topology.kubernetes.io/region'] ?? vmss?.location ?? 'eastus',
      name: m ? `${m[1]}_${m[2]}` : node.metadata.name,
      osType: 'Linux',
      provider: 'Microsoft.Compute',
      resourceGroupName: vmss?.resourceGroup ?? rg,
      resourceId: node.spec.providerID?.replace(/^azure:\/\//, '') ?? '',
      subscriptionId: sub,
      vmScaleSetName: m?.[1] ?? '',
      vmSize: vmss?.sku.name ?? labels['node.kubernetes.io/instance-type'] ?? '',
      zone: labels['topology.kubernetes.io/zone']?.replace(/^.*-/, '') === '0' ? '' : (labels['topology.kubernetes.io/zone']?.replace(/^.*-/, '') ?? ''),
    },
    network: {
      interface: [
        {
          ipv4: {
            ipAddress: [{ privateIpAddress: ip, publicIpAddress: '' }],
            subnet: subnet ? [{ address: intToIp(subnet.cidr.base), prefix: String(subnet.cidr.prefix) }] : [],
          },
          ipv6: { ipAddress: [] },
          macAddress: (nic?.macAddress ?? '').replace(/-/g, '').toUpperCase(),
        },
      ],
    },
  };
}

function walk(doc: J, segments: string[]): J | undefined {
  let cur: J | undefined = doc;
  for (const s of segments) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
    cur = Array.isArray(cur) ? cur[Number(s)] : cur[s];
  }
  return cur;
}

export function imds(world: World): Server {
  return {
    name: 'IMDS',
    serve(req, ctx): ServerReply {
      const send = (status: number, body: string, type = 'application/json; charset=utf-8'): ServerReply =>
        response(status, [['Content-Type', type], ['Server', 'IMDS/150.870.65.1544'], ['Date', httpDate(ctx.world.now())], ['Content-Length', String(body.length)]], req.method === 'HEAD' ? '' : body);
      if ((header(req.headers, 'metadata') ?? '').toLowerCase() !== 'true') return send(400, JSON.stringify({ error: 'Bad request. Required metadata header not specified' }));
      const [path = '/', query = ''] = req.target.split('?');
      const params = queryParams(query);
      if (!params.get('api-version')) {
        return send(400, JSON.stringify({ error: 'Bad request. api-version was not specified in the request. For more information refer to aka.ms/azureimds', 'newest-versions': ['2023-07-01', '2023-05-01', '2023-01-01'] }));
      }
      const segments = path.split('/').filter(Boolean);
      if (segments[0] !== 'metadata' || segments[1] !== 'instance') return send(404, JSON.stringify({ error: 'Not found' }));
      const doc = instanceDocument(world, ctx.from);
      const value = doc === undefined ? undefined : walk(doc, segments.slice(2));
      if (value === undefined) return send(404, JSON.stringify({ error: 'Not found' }));
      if (params.get('format') === 'text') {
        if (value !== null && typeof value === 'object') return send(400, JSON.stringify({ error: 'Bad request. Text format is only supported for leaf nodes' }));
        return send(200, String(value), 'text/plain; charset=utf-8');
      }
      return send(200, JSON.stringify(value));
    },
  };
}
