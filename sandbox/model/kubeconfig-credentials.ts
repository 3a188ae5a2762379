// What AKS's listClusterUserCredential / listClusterAdminCredential return for a cluster with
// local accounts: a kubeconfig whose cluster, context and user carry the names of emulator-facts
// §1.7 (cluster and context `<cluster>`, user `clusterUser_<rg>_<cluster>` or
// `clusterAdmin_<rg>_<cluster>`), the server `https://<fqdn>:443` (a private cluster's private
// FQDN unless the public one is asked for, az `--public-fqdn`), and credentials: base64 of
// PEM text around DER-shaped bytes (so the data starts `LS0tLS1CRUdJTi...` and the PEM body
// `MIIE6DCCAtCg...` as real ones do), deterministic per world seed and cluster, never a real key.
import { generator } from '../core/hash.ts';
import { encodeBytes, encodeText } from '../apiserver/base64.ts';
import { azureError, resourceNotFound, type AzureError } from './azure/errors.ts';
import { parseArmId } from './azure/ids.ts';
import type { ManagedCluster } from './azure/types.ts';
import type { Kubeconfig } from './kubeconfig.ts';
import type { World } from './world.ts';

export interface CredentialRequest {
  /** `--admin`: the cluster-admin credential. */
  admin?: boolean;
  /** `--public-fqdn`: a private cluster's public FQDN instead of its private one. */
  publicFqdn?: boolean;
}

/**
 * DER-shaped bytes: a real header (SEQUENCE lengths of a 4096-bit CA certificate, a client
 * certificate, an RSA key, as in public AKS kubeconfigs), then seeded filler.
 */
function derLike(seed: string, header: number[], total: number): number[] {
  const next = generator(seed);
  const bytes = [...header];
  while (bytes.length < total) bytes.push(Math.floor(next() * 256));
  return bytes;
}

function pem(label: string, der: number[]): string {
  const body = encodeBytes(der);
  const lines: string[] = [];
  for (let i = 0; i < body.length; i += 64) lines.push(body.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

const CA_HEADER = [0x30, 0x82, 0x04, 0xe8, 0x30, 0x82, 0x02, 0xd0, 0xa0, 0x03, 0x02, 0x01, 0x02, 0x02, 0x10];
const CLIENT_HEADER = [0x30, 0x82, 0x05, 0x1e, 0x30, 0x82, 0x03, 0x06, 0xa0, 0x03, 0x02, 0x01, 0x02, 0x02, 0x11];
const KEY_HEADER = [0x30, 0x82, 0x09, 0x28, 0x02, 0x01, 0x00, 0x02, 0x82, 0x02, 0x01, 0x00];

function hex(seed: string, length: number): string {
  const next = generator(seed);
  let out = '';
  for (let i = 0; i < length; i++) out += '0123456789abcdef'[Math.floor(next() * 16)];
  return out;
}

/** The API server URL the credential points at, or the refusal. */
export function credentialServer(cluster: ManagedCluster, request: CredentialRequest): string | AzureError {
  const privateCluster = cluster.apiServerAccessProfile?.enablePrivateCluster === true;
  let host: string | null;
  if (privateCluster && request.publicFqdn) {
    host = cluster.fqdn;
    // [assumption] the resource provider's refusal when the public FQDN was disabled.
    if (!host) return azureError('arm', 'BadRequest', 'Public FQDN is not enabled for this private cluster.');
  } else {
    // Private DNS zone `none` has no private FQDN: the public one (resolving privately) is used.
    host = privateCluster ? (cluster.privateFqdn ?? cluster.fqdn) : cluster.fqdn;
  }
  if (!host) return azureError('arm', 'BadRequest', 'The cluster has no API server FQDN.');
  return `https://${host}:443`;
}

/** The kubeconfig the resource provider returns (before az merges and renames it). */
export function clusterCredentials(world: World, clusterId: string, request: CredentialRequest = {}): Kubeconfig | AzureError {
  const cluster = world.resource<ManagedCluster>(clusterId);
  if (!cluster) {
    const parts = parseArmId(clusterId);
    return resourceNotFound('Microsoft.ContainerService/managedClusters', parts?.names[0] ?? clusterId, parts?.resourceGroup ?? '');
  }
  const server = credentialServer(cluster, request);
  if (typeof server !== 'string') return server;
  const seed = `${world.state.seed}/kubeconfig/${cluster.id.toLowerCase()}`;
  const who = request.admin ? 'admin' : 'user';
  const userName = `${request.admin ? 'clusterAdmin' : 'clusterUser'}_${cluster.resourceGroup}_${cluster.name}`;
  return {
    apiVersion: 'v1',
    clusters: [
      {
        cluster: { 'certificate-authority-data': encodeText(pem('CERTIFICATE', derLike(`${seed}/ca`, CA_HEADER, 1260))), server },
        name: cluster.name,
      },
    ],
    contexts: [{ context: { cluster: cluster.name, user: userName }, name: cluster.name }],
    'current-context': cluster.name,
    kind: 'Config',
    preferences: {},
    users: [
      {
        name: userName,
        user: {
          'client-certificate-data': encodeText(pem('CERTIFICATE', derLike(`${seed}/${who}/cert`, CLIENT_HEADER, 1314))),
          'client-key-data': encodeText(pem('RSA PRIVATE KEY', derLike(`${seed}/${who}/key`, KEY_HEADER, 2348))),
          // [assumption] a 128-hex-digit static token, as local-account kubeconfigs carry.
          token: hex(`${seed}/${who}/token`, 128),
        },
      },
    ],
  };
}
