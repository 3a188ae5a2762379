// Failures on the Azure side as values: the error code and message the real service (or the az
// CLI's own validation) gives, and the exit code az ends with. Printers turn them into az's
// stderr shape; nothing here formats output.
//
// `source` says who refuses: 'arm' errors come back from the service and az prints them as
// `(Code) message` + `Code:`/`Message:` lines; 'cli' errors are az's own argument checks, printed
// as a bare message. Exit codes: 3 for not-found, 1 otherwise (azure-cli util.handle_exception;
// the 3 is listed as unverified in emulator-facts §8).

export interface AzureError {
  readonly kind: 'AzureError';
  readonly source: 'arm' | 'cli';
  readonly code: string;
  readonly message: string;
  readonly exitCode: number;
  /** The request property the service blames (ARM `target`), e.g. `networkProfile.serviceCIDR`. */
  readonly target?: string;
}

export function azureError(source: 'arm' | 'cli', code: string, message: string, exitCode = 1, target?: string): AzureError {
  return target === undefined
    ? { kind: 'AzureError', source, code, message, exitCode }
    : { kind: 'AzureError', source, code, message, exitCode, target };
}

export function isAzureError(value: unknown): value is AzureError {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'AzureError';
}

/** An az CLI validation failure (InvalidArgumentValueError and friends); the class name is the code. */
export function cliError(code: string, message: string): AzureError {
  return azureError('cli', code, message, 1);
}

// ---- ARM: lookups ----

/** emulator-facts §2.8. `type` like `Microsoft.ContainerService/managedClusters`. */
export function resourceNotFound(type: string, name: string, resourceGroup: string): AzureError {
  return azureError(
    'arm',
    'ResourceNotFound',
    `The Resource '${type}/${name}' under resource group '${resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
    3,
  );
}

export function resourceGroupNotFound(resourceGroup: string): AzureError {
  return azureError('arm', 'ResourceGroupNotFound', `Resource group '${resourceGroup}' could not be found.`, 3);
}

// ---- ARM: AKS networking checks ----

/**
 * AKS's subnet-capacity check. Shape from Azure/AKS#456/#1795/#3653 and, with the autoscaler
 * sentence current AKS adds, Azure/AKS-Construction#701 (2024).
 */
export function insufficientSubnetSize(required: number, available: number, cidr: string, subnetName: string): AzureError {
  return azureError(
    'arm',
    'InsufficientSubnetSize',
    `Pre-allocated IPs ${required} exceeds IPs available ${available} in Subnet Cidr ${cidr}, Subnet Name ${subnetName}. ` +
      'If Autoscaler is enabled, the max-count from each nodepool is counted towards this total (which means that ' +
      'pre-allocated IPs count represents a theoretical max value, not the actual number of IPs requested). ' +
      'http://aka.ms/aks/insufficientsubnetsize',
    1,
    subnetName === 'networkProfile.podCIDR' ? 'networkProfile.podCIDR' : undefined,
  );
}

/** MS troubleshooting article "ServiceCidrOverlapExistingSubnetsCidr". */
export function serviceCidrOverlapsSubnet(serviceCidr: string, subnetCidr: string): AzureError {
  return azureError(
    'arm',
    'ServiceCidrOverlapExistingSubnetsCidr',
    `The specified service CIDR ${serviceCidr} is conflicted with an existing subnet CIDR ${subnetCidr}`,
    1,
    'networkProfile.serviceCIDR',
  );
}

/** Seen in Azure/AKS-Construction#403 for a pod CIDR inside the VNet. */
export function networkProfileCidrOverlapsVnet(cidr: string, vnetCidr: string, target: string): AzureError {
  return azureError('arm', 'NetworkProfileCIDROverlapVNET', `NetworkProfile CIDR ${cidr} overlaps with reserved VNET CIDR ${vnetCidr}`, 1, target);
}

/** MS troubleshooting article "DnsServiceIpOutOfServiceCidr". */
export function dnsServiceIpOutOfServiceCidr(dnsServiceIp: string, serviceCidr: string): AzureError {
  return azureError(
    'arm',
    'DnsServiceIpOutOfServiceCidr',
    `The DNS service IP ${dnsServiceIp} is out of the range defined by service CIDR ${serviceCidr}.`,
    1,
    'networkProfile.dnsServiceIP',
  );
}

/**
 * AKS rejects 169.254.0.0/16, 172.30.0.0/16, 172.31.0.0/16 and 192.0.2.0/24 (AKS-docs
 * configure-kubenet.md). The code and wording are an assumption: no captured message was found.
 */
export function reservedRangeUsed(cidr: string, reserved: string, target: string): AzureError {
  return azureError(
    'arm',
    'InvalidParameter',
    `The CIDR ${cidr} of ${target} overlaps with the range ${reserved} that is reserved for use by AKS. ` +
      'The ranges 169.254.0.0/16, 172.30.0.0/16, 172.31.0.0/16 and 192.0.2.0/24 cannot be used.',
    1,
    target,
  );
}

/** A BYO zone whose name AKS does not accept (message captured in a public Terraform runbook). */
export function invalidPrivateDnsZoneId(zoneId: string): AzureError {
  return azureError(
    'arm',
    'InvalidPrivateDNSZoneResourceID',
    `Invalid private dns zone resource id '${zoneId}' for private cluster. It should be a valid resource id and the ` +
      "private dns zone name should be in either of these formats: 'private.<region>.azmk8s.io, privatelink.<region>.azmk8s.io, " +
      "[a-zA-Z0-9-]{1,32}.private.<region>.azmk8s.io, [a-zA-Z0-9-]{1,32}.privatelink.<region>.azmk8s.io'.",
  );
}

// ---- ARM: in-use and quota errors of the network resource provider ----

export function inUseSubnetCannotBeDeleted(subnetName: string, ipConfigurationId: string): AzureError {
  return azureError(
    'arm',
    'InUseSubnetCannotBeDeleted',
    `Subnet ${subnetName} is in use by ${ipConfigurationId} and cannot be deleted. In order to delete the subnet, ` +
      'delete all the resources within the subnet. See aka.ms/deletesubnet.',
  );
}

export function inUseNetworkSecurityGroupCannotBeDeleted(nsgId: string, users: string[]): AzureError {
  return azureError(
    'arm',
    'InUseNetworkSecurityGroupCannotBeDeleted',
    `Network security group ${nsgId} cannot be deleted because it is in use by the following resources: ${users.join(', ')}. ` +
      'In order to delete the Network security group, remove the association with the resource(s). To learn how to do this, see aka.ms/deletensg.',
  );
}

export function publicIpAddressCannotBeDeleted(publicIpId: string, attachedTo: string): AzureError {
  return azureError(
    'arm',
    'PublicIPAddressCannotBeDeleted',
    `Public IP address ${publicIpId} can not be deleted since it is still allocated to resource ${attachedTo}. ` +
      'In order to delete the public IP, disassociate/detach the Public IP address from the resource. To learn how to do this, see aka.ms/deletepublicip.',
  );
}

/**
 * A route table holds at most 400 routes (the limit kubenet's one-route-per-node design hits:
 * AKS-docs configure-kubenet.md; Azure raised the platform default in 2026, AKS docs still say
 * 400). The code and wording are an assumption: no captured message was found.
 */
export function routeTableLimitReached(routeTableId: string, limit: number): AzureError {
  return azureError(
    'arm',
    'RouteTableRoutesLimitReached',
    `Route table ${routeTableId} cannot have more than ${limit} routes.`,
  );
}
