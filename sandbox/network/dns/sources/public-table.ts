// The small slice of the public internet's DNS that lessons touch. Addresses are plausible for
// their owners (Microsoft, Akamai, Google ranges; the mcr chain as seen from AKS nodes) but fixed
// here so outputs never change; anything not listed (and not a cluster or public IP label) is
// NXDOMAIN on the public internet.

export interface PublicEntry {
  /** A CNAME this name points to, resolved further by the same table. */
  cname?: string;
  a?: string[];
  ttl: number;
}

export const PUBLIC_NAMES: Readonly<Record<string, PublicEntry>> = {
  'mcr.microsoft.com': { cname: 'mcr-0001.mcr-msedge.net', ttl: 3600 },
  'mcr-0001.mcr-msedge.net': { a: ['150.171.69.10'], ttl: 60 },
  'login.microsoftonline.com': { cname: 'login.mso.msidentity.com', ttl: 300 },
  'login.mso.msidentity.com': { a: ['20.190.160.67', '20.190.160.131'], ttl: 60 },
  'management.azure.com': { cname: 'arm-frontdoor-prod.trafficmanager.net', ttl: 300 },
  'arm-frontdoor-prod.trafficmanager.net': { a: ['4.150.240.10'], ttl: 60 },
  'packages.aks.azure.com': { a: ['13.107.246.40'], ttl: 300 },
  'packages.microsoft.com': { a: ['13.107.246.41'], ttl: 300 },
  'azure.archive.ubuntu.com': { a: ['52.147.219.192'], ttl: 300 },
  'ifconfig.me': { a: ['34.160.111.145'], ttl: 300 },
  // Other "what is my IP" services learners reach for; the tools answer them like ifconfig.me.
  'ifconfig.co': { a: ['104.21.54.91'], ttl: 300 },
  'api.ipify.org': { a: ['104.26.12.205'], ttl: 300 },
  'icanhazip.com': { a: ['104.16.184.241'], ttl: 300 },
  'www.microsoft.com': { cname: 'www.microsoft.com-c-3.edgekey.net', ttl: 3600 },
  'www.microsoft.com-c-3.edgekey.net': { cname: 'e13678.dscb.akamaiedge.net', ttl: 900 },
  'e13678.dscb.akamaiedge.net': { a: ['23.55.124.7'], ttl: 20 },
  'bing.com': { a: ['13.107.21.200', '204.79.197.200'], ttl: 1800 },
  'www.bing.com': { cname: 'www-www.bing.com.trafficmanager.net', ttl: 3600 },
  'www-www.bing.com.trafficmanager.net': { a: ['13.107.21.200', '204.79.197.200'], ttl: 60 },
  'example.com': { a: ['23.192.228.80', '23.215.0.136'], ttl: 300 },
  'www.example.com': { a: ['23.192.228.80', '23.215.0.136'], ttl: 300 },
  'google.com': { a: ['142.250.74.174'], ttl: 300 },
  'www.google.com': { a: ['142.250.74.164'], ttl: 300 },
  'github.com': { a: ['140.82.121.3'], ttl: 60 },
};

/** Reverse records that exist publicly (PTR), by address. */
export const PUBLIC_PTR: Readonly<Record<string, string>> = {
  '8.8.8.8': 'dns.google',
  '8.8.4.4': 'dns.google',
  '1.1.1.1': 'one.one.one.one',
  '1.0.0.1': 'one.one.one.one',
  '9.9.9.9': 'dns9.quad9.net',
};

/** Zones run by Azure DNS whose negative answers carry Azure's SOA. */
export const AZURE_PUBLIC_ZONES = ['azmk8s.io', 'cloudapp.azure.com', 'azure.com', 'microsoft.com', 'microsoftonline.com', 'windows.net'];
