// One import point for every Azure resource constructor; each family lives in its own file.
export {
  newDelegation,
  newNatGateway,
  newNetworkSecurityGroup,
  newPublicIp,
  newResourceGroup,
  newRoute,
  newRouteTable,
  newSubnet,
  newVirtualNetwork,
  resourceGuidOf,
  type Tags,
} from './network-factories.ts';
export { newBackendPool, newFrontendIpConfig, newLoadBalancer, newOutboundRule } from './lb-factories.ts';
export {
  internalDomainNameSuffixFor,
  macAddressFor,
  newNetworkInterface,
  newNicIpConfig,
  newVirtualMachineScaleSet,
} from './compute-factories.ts';
export {
  newARecordSet,
  newPrivateDnsZone,
  newPrivateDnsZoneVnetLink,
  newPrivateEndpoint,
  withZoneCounts,
} from './private-link-factories.ts';
export { defaultSecurityRules } from './nsg-default-rules.ts';
export { regionalPublicIp, regionHasZones } from './regions.ts';
