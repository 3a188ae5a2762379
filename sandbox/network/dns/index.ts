// The DNS engine's public surface: resolver configurations, the resolver, the tool lookups and
// the printers. Everything else in this folder is internal.
export type {
  ClientKind,
  DnsExchange,
  DnsRecord,
  DnsStatus,
  DnsStep,
  Endpoint,
  Hop,
  QueryType,
  Question,
  ReachFn,
  ReachResult,
  RecordType,
  ResolveOptions,
  ResolveResult,
  Transport,
} from './types.ts';
export { resolveName } from './resolve.ts';
export {
  CLUSTER_DOMAIN,
  HOME_ROUTER_IP,
  SYSTEMD_STUB_IP,
  clusterDnsIp,
  hostUplink,
  machineResolvConf,
  nodeResolvConf,
  podResolvConf,
  resolvConfFor,
  stubResolvConf,
  uplinkResolvConf,
  type ResolvConf,
} from './resolv-conf.ts';
export { parseResolvConf, renderKubeletFile, renderStubFile, renderUplinkFile } from './resolv-conf-text.ts';
export { searchCandidates } from './search.ts';
export { corednsConfig, buildConfig, type CorednsConfig } from './corefile.ts';
export { AZURE_DNS_IP, CUSTOM_DNS_SEARCH_STUB, dhcpSearchDomain, internalSuffix, vnetDnsServers } from './vnet-dns.ts';
export { nslookupLookups, digLookup, type LookupOptions, type DigOptions } from './lookups.ts';
export { formatNslookup, formatDig, DIG_VERSION, questionLine, recordLine, whenText, type DigInput, type NslookupInput, type ToolOutput } from './format.ts';
export { reverseName, normalizeName } from './names.ts';
