// Frontend IP configurations of a Service: which ones it owns (its own, named after it, or a
// shared one whose IP it asks for), whether the one it has no longer matches what it asks for,
// and making a new one (CPA serviceOwnsFrontendIP, isFrontendIPChanged, reconcileFrontendIPConfigs).
import type { FrontendIPConfiguration, LoadBalancer, PublicIPAddress, Subnet } from '../../model/azure/types.ts';
import type { Service } from '../../model/k8s/types.ts';
import { inCidr } from '../../core/ip.ts';
import type { AzureTxn } from './azure-txn.ts';
import type { ClusterContext } from './context.ts';
import { internalSubnet, isInternal, pipResourceGroup, requestedIp, requestedPipName } from './annotations.ts';
import { CloudError } from './errors.ts';
import { frontendId } from './lb-resource.ts';
import { checkStaticAddress, nextFreeAddress } from './private-ip.ts';
import { determinePublicIpName, ensurePublicIpExists, findPipByIp, findPipByName } from './public-ip.ts';
import { baseName, frontendName, serviceKey } from './names.ts';

function sameId(a: string | undefined | null, b: string | undefined | null): boolean {
  return !!a && !!b && a.toLowerCase() === b.toLowerCase();
}

export interface Ownership {
  owns: boolean;
  /** The frontend is named after this Service (not one it shares). */
  primary: boolean;
}

/** serviceOwnsFrontendIP. */
export function ownsFrontend(txn: AzureTxn, ctx: ClusterContext, svc: Service, fip: FrontendIPConfiguration): Ownership {
  if (fip.name.startsWith(baseName(svc))) return { owns: true, primary: true };
  const ip = requestedIp(svc);
  const rg = pipResourceGroup(svc, ctx.nodeResourceGroup);
  if (!isInternal(svc)) {
    // A secondary Service must name the IP or the PIP of the frontend it shares.
    const pip = ip ? findPipByIp(txn, rg, ip) : requestedPipName(svc) ? findPipByName(txn, rg, requestedPipName(svc)) : undefined;
    return { owns: !!pip && sameId(pip.id, fip.publicIPAddress?.id), primary: false };
  }
  return { owns: !!ip && !!fip.privateIPAddress && fip.privateIPAddress === ip, primary: false };
}

/** The subnet internal frontends use: the annotation's subnet in the node VNet, else the node subnet. */
export function internalFrontendSubnet(ctx: ClusterContext, svc: Service, lbName: string): Subnet {
  const name = internalSubnet(svc);
  const subnet = name === undefined ? ctx.nodeSubnet : ctx.vnet?.subnets.find((s) => s.name === name);
  if (!subnet) {
    throw new CloudError(`ensure(${serviceKey(svc)}): lb(${lbName}) - failed to get subnet: ${ctx.vnet?.name ?? ''}/${name ?? ctx.nodeSubnet?.name ?? ''}`);
  }
  return subnet;
}

/** isFrontendIPChanged: true when the owned frontend must be dropped and made again. */
export function frontendChanged(txn: AzureTxn, ctx: ClusterContext, svc: Service, lb: LoadBalancer, fip: FrontendIPConfiguration, primary: boolean): boolean {
  const wantName = frontendName(svc, internalSubnet(svc));
  if (primary && fip.name.toLowerCase() !== wantName.toLowerCase()) return true;
  if (fip.name.toLowerCase() !== wantName.toLowerCase()) return false;
  const ip = requestedIp(svc);
  if (isInternal(svc)) {
    if (internalSubnet(svc) !== undefined) {
      const subnet = internalFrontendSubnet(ctx, svc, lb.name);
      if (fip.subnet && !sameId(subnet.id, fip.subnet.id)) return true;
    }
    return ip !== '' && ip !== fip.privateIPAddress;
  }
  const choice = determinePublicIpName(txn, ctx, svc);
  const pip = findPipByName(txn, pipResourceGroup(svc, ctx.nodeResourceGroup), choice.name);
  if (!pip) return true;
  return !!fip.publicIPAddress && !sameId(pip.id, fip.publicIPAddress.id);
}

/** A new frontend for the Service on this LB (creating its public IP when needed). */
export function newFrontend(txn: AzureTxn, ctx: ClusterContext, svc: Service, lb: LoadBalancer): FrontendIPConfiguration {
  const name = frontendName(svc, internalSubnet(svc));
  const id = frontendId(lb, name);
  const base = {
    id,
    name,
    type: 'Microsoft.Network/loadBalancers/frontendIPConfigurations' as const,
    resourceGroup: lb.resourceGroup,
    provisioningState: 'Succeeded',
  };
  if (isInternal(svc)) {
    const subnet = internalFrontendSubnet(ctx, svc, lb.name);
    const asked = requestedIp(svc);
    // Without a requested IP, an address the Service already shows (status) is kept, made static.
    const shown = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip ?? '').find((ip) => ip && inCidr(subnet.addressPrefix, ip));
    const fixed = asked || shown;
    if (fixed) checkStaticAddress(txn, subnet, fixed, id);
    return {
      ...base,
      privateIPAddress: fixed || nextFreeAddress(txn, subnet),
      privateIPAllocationMethod: fixed ? 'Static' : 'Dynamic',
      subnet: { id: subnet.id },
    };
  }
  const pip: PublicIPAddress = ensurePublicIpExists(txn, ctx, svc, determinePublicIpName(txn, ctx, svc));
  const holder = pip.ipConfiguration?.id;
  if (holder && !holder.toLowerCase().startsWith(`${lb.id.toLowerCase()}/`)) {
    // ARM refuses a public IP another resource holds (code PublicIPAddressInUse; message text assumed).
    throw new CloudError(
      `Code="PublicIPAddressInUse" Message="Public IP address ${pip.id} is in use by ${holder} and cannot be referenced by ${id}."`,
    );
  }
  // ARM reports a public frontend with privateIPAllocationMethod Dynamic.
  return { ...base, publicIPAddress: { id: pip.id }, privateIPAllocationMethod: 'Dynamic' };
}
