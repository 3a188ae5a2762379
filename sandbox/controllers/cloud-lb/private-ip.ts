// Private frontend addresses of internal load balancers: Azure's dynamic allocation hands out the
// lowest free address of the subnet (after the 4 it reserves), and a static request must be free
// and inside the subnet.
// TODO: replace with the dataplane's subnet address index (sandbox/network/) once it exists.
import type { LoadBalancer, NetworkInterface, PrivateEndpoint, Subnet } from '../../model/azure/types.ts';
import { azureFirstUsable, cidrContains, cidrSize, intToIp, ipToInt, isIPv4, parseCidr } from '../../core/ip.ts';
import type { AzureTxn } from './azure-txn.ts';
import { CloudError } from './errors.ts';

function sameId(a: string | undefined, b: string): boolean {
  return a !== undefined && a.toLowerCase() === b.toLowerCase();
}

/** Every address taken in the subnet: NIC IP configurations, LB frontends, private endpoints. */
export function usedAddresses(txn: AzureTxn, subnet: Subnet, ignoreFrontendId?: string): Set<string> {
  const used = new Set<string>();
  for (const nic of txn.list<NetworkInterface>('Microsoft.Network/networkInterfaces')) {
    for (const c of nic.ipConfigurations) if (sameId(c.subnet?.id, subnet.id)) used.add(c.privateIPAddress);
  }
  for (const lb of txn.list<LoadBalancer>('Microsoft.Network/loadBalancers')) {
    for (const f of lb.frontendIPConfigurations) {
      if (f.privateIPAddress && sameId(f.subnet?.id, subnet.id) && !sameId(ignoreFrontendId, f.id)) used.add(f.privateIPAddress);
    }
  }
  for (const pe of txn.list<PrivateEndpoint>('Microsoft.Network/privateEndpoints')) {
    if (sameId(pe.subnet?.id, subnet.id)) used.add(pe.privateIPAddress);
  }
  return used;
}

/** Azure's dynamic pick: the lowest free usable address. */
export function nextFreeAddress(txn: AzureTxn, subnet: Subnet): string {
  const cidr = parseCidr(subnet.addressPrefix);
  const used = usedAddresses(txn, subnet);
  const last = cidr.base + cidrSize(cidr) - 2; // the broadcast address is reserved too
  for (let n = azureFirstUsable(cidr); n <= last; n++) {
    const ip = intToIp(n >>> 0);
    if (!used.has(ip)) return ip;
  }
  // ARM's answer when a subnet is full (code SubnetIsFull).
  throw new CloudError(`Subnet ${subnet.name} with address prefix ${subnet.addressPrefix} does not have enough capacity for 1 IP addresses.`);
}

/** A static request: inside the subnet, not one of Azure's reserved addresses, not taken. Assumed ARM messages. */
export function checkStaticAddress(txn: AzureTxn, subnet: Subnet, ip: string, frontendId: string): void {
  const cidr = parseCidr(subnet.addressPrefix);
  if (!isIPv4(ip) || !cidrContains(cidr, ipToInt(ip))) {
    throw new CloudError(`Private static IP address ${ip} does not belong to the range of subnet prefix ${subnet.addressPrefix}.`);
  }
  const n = ipToInt(ip);
  if (n < azureFirstUsable(cidr) || n === cidr.base + cidrSize(cidr) - 1) {
    throw new CloudError(`IP address ${ip} is reserved for Azure use in subnet ${subnet.name}.`);
  }
  if (usedAddresses(txn, subnet, frontendId).has(ip)) {
    throw new CloudError(`Private IP address ${ip} is in use and cannot be used by ${frontendId}.`);
  }
}
