// Public IPs of external Services: which one a Service uses (determinePublicIPName,
// findMatchedPIP), creating `kubernetes-<base>` when the Service names none
// (ensurePublicIPExists), and releasing the ones the cluster created (reconcilePublicIP).
// A public IP the user made carries no k8s-azure-service tag and is never deleted.
import type { PublicIPAddress } from '../../model/azure/types.ts';
import type { Service } from '../../model/k8s/types.ts';
import { ipToInt, isIPv4 } from '../../core/ip.ts';
import { newPublicIp, regionHasZones } from '../../model/azure/factories.ts';
import { allocatePublicIp } from '../aks/public-ips.ts';
import type { AzureTxn } from './azure-txn.ts';
import type { ClusterContext } from './context.ts';
import { pipResourceGroup, requestedIp, requestedPipName } from './annotations.ts';
import { CloudError } from './errors.ts';
import { CLUSTER_NAME, PIP_TAG_CLUSTER, PIP_TAG_SERVICE, publicIpId, publicIpName, serviceKey } from './names.ts';

const PIP_TYPE = 'Microsoft.Network/publicIPAddresses';

export function listPips(txn: AzureTxn, resourceGroup: string): PublicIPAddress[] {
  return txn.list<PublicIPAddress>(PIP_TYPE, resourceGroup);
}

export function servicesOnPip(pip: PublicIPAddress): string[] {
  const value = pip.tags?.[PIP_TAG_SERVICE] ?? '';
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** serviceOwnsPublicIP: [owns, userAssigned]. A PIP without the service tag is the user's. */
export function serviceOwnsPip(svc: Service, pip: PublicIPAddress): { owns: boolean; userAssigned: boolean } {
  const tag = pip.tags?.[PIP_TAG_SERVICE];
  const selects = (requestedIp(svc) !== '' && pip.ipAddress === requestedIp(svc)) || (requestedPipName(svc) !== '' && pip.name === requestedPipName(svc));
  if (!tag) return { owns: pip.ipAddress ? selects : false, userAssigned: true };
  if (servicesOnPip(pip).some((s) => s.toLowerCase() === serviceKey(svc).toLowerCase())) {
    const cluster = pip.tags?.[PIP_TAG_CLUSTER];
    return { owns: !cluster || cluster.toLowerCase() === CLUSTER_NAME, userAssigned: false };
  }
  return { owns: selects, userAssigned: false };
}

// validatePublicIPCandidate: a global-unicast, non-private, non-Azure-reserved IPv4.
function publicCandidateProblem(svc: Service, ip: string): string | undefined {
  if (!isIPv4(ip)) return `external Service "${serviceKey(svc)}" has invalid LoadBalancer IP "${ip}"`;
  const n = ipToInt(ip);
  const inRange = (base: string, bits: number) => ((n ^ ipToInt(base)) >>> (32 - bits)) === 0;
  const nonPublic =
    inRange('10.0.0.0', 8) ||
    inRange('172.16.0.0', 12) ||
    inRange('192.168.0.0', 16) ||
    inRange('127.0.0.0', 8) ||
    inRange('169.254.0.0', 16) ||
    inRange('224.0.0.0', 4) ||
    inRange('240.0.0.0', 4) ||
    inRange('0.0.0.0', 8) ||
    inRange('100.64.0.0', 10) ||
    ip === '168.63.129.16';
  return nonPublic
    ? `external Service "${serviceKey(svc)}" cannot use non-public LoadBalancer IP "${ip}"; use an internal LoadBalancer annotation or a valid Azure Public IP address`
    : undefined;
}

export function findPipByIp(txn: AzureTxn, resourceGroup: string, ip: string): PublicIPAddress | undefined {
  return listPips(txn, resourceGroup).find((p) => p.ipAddress === ip);
}

export function findPipByName(txn: AzureTxn, resourceGroup: string, name: string): PublicIPAddress | undefined {
  const want = name.toLowerCase();
  return listPips(txn, resourceGroup).find((p) => p.name.toLowerCase() === want);
}

export interface PipChoice {
  name: string;
  /** Named by annotation: it must already exist. */
  mustExist: boolean;
}

/** determinePublicIPName: the annotation's name, the PIP holding the requested IP, or kubernetes-<base>. */
export function determinePublicIpName(txn: AzureTxn, ctx: ClusterContext, svc: Service): PipChoice {
  const named = requestedPipName(svc);
  if (named) return { name: named, mustExist: true };
  const ip = requestedIp(svc);
  if (!ip) return { name: publicIpName(svc), mustExist: false };
  const rg = pipResourceGroup(svc, ctx.nodeResourceGroup);
  const problem = publicCandidateProblem(svc, ip);
  if (problem) throw new CloudError(problem);
  const pip = findPipByIp(txn, rg, ip);
  if (!pip) {
    throw new CloudError(
      `findMatchedPIPByLoadBalancerIP: cannot find public IP with IP address ${ip} in resource group ${rg}: ` +
        `getExpectedPIPFromListByIPAddress: cannot find public IP with IP address ${ip}`,
    );
  }
  return { name: pip.name, mustExist: false };
}

/** ensurePublicIPExists: returns the PIP the frontend should use, creating or tagging it. */
export function ensurePublicIpExists(txn: AzureTxn, ctx: ClusterContext, svc: Service, choice: PipChoice): PublicIPAddress {
  const rg = pipResourceGroup(svc, ctx.nodeResourceGroup);
  const existing = findPipByName(txn, rg, choice.name);
  if (existing) {
    const { owns, userAssigned } = serviceOwnsPip(svc, existing);
    if (owns && !userAssigned && !servicesOnPip(existing).some((s) => s.toLowerCase() === serviceKey(svc).toLowerCase())) {
      // A second Service sharing a cluster-made IP is bound to it in the tag.
      const pip = txn.edit<PublicIPAddress>(existing.id)!;
      const names = servicesOnPip(pip).concat(serviceKey(svc));
      pip.tags = { ...(pip.tags ?? {}), [PIP_TAG_SERVICE]: names.join(',') };
      return pip;
    }
    return existing;
  }
  if (choice.mustExist) {
    throw new CloudError(`PublicIP from annotation azure-pip-name(-IPv6)=${choice.name} for service ${serviceKey(svc)} doesn't exist`);
  }
  const id = publicIpId(ctx.subscriptionId, rg, choice.name);
  const pip = newPublicIp({
    subscriptionId: ctx.subscriptionId,
    resourceGroup: rg,
    name: choice.name,
    location: ctx.location,
    ipAddress: allocatePublicIp(txn.world, ctx.location, `service-lb:${id.toLowerCase()}`),
    tags: { [PIP_TAG_CLUSTER]: CLUSTER_NAME, [PIP_TAG_SERVICE]: serviceKey(svc) },
    // CPA gives new Standard public IPs every zone of a zonal region.
    zones: regionHasZones(ctx.location) ? ['1', '2', '3'] : undefined,
  });
  txn.put(pip);
  return pip;
}

/**
 * reconcilePublicIP: unbinds the Service from the cluster-made PIPs it no longer uses (all of
 * them when it goes away) and deletes those no Service refers to any more. `keepName` is the
 * PIP the Service still wants (undefined when it wants none).
 */
export function releasePublicIps(txn: AzureTxn, ctx: ClusterContext, svc: Service, keepName: string | undefined): void {
  const rgs = new Set([pipResourceGroup(svc, ctx.nodeResourceGroup).toLowerCase(), ctx.nodeResourceGroup.toLowerCase()]);
  const me = serviceKey(svc).toLowerCase();
  for (const rg of rgs) {
    for (const pip of listPips(txn, rg)) {
      if (!pip.tags?.[PIP_TAG_SERVICE]) continue;
      const bound = servicesOnPip(pip);
      if (!bound.some((s) => s.toLowerCase() === me)) continue;
      const cluster = pip.tags[PIP_TAG_CLUSTER];
      if (cluster && cluster.toLowerCase() !== CLUSTER_NAME) continue;
      if (keepName !== undefined && pip.name.toLowerCase() === keepName.toLowerCase()) continue;
      const rest = bound.filter((s) => s.toLowerCase() !== me);
      if (rest.length === 0) {
        txn.remove(pip.id);
      } else {
        const copy = txn.edit<PublicIPAddress>(pip.id)!;
        copy.tags = { ...(copy.tags ?? {}), [PIP_TAG_SERVICE]: rest.join(',') };
      }
    }
  }
}
