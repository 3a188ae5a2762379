// Kubeconfig as az aks get-credentials writes it: names, servers per access mode, credential
// shapes, the file layout, parsing, and az's merge rules.
import { describe, expect, it } from 'vitest';
import { base64Decode } from '../../../sandbox/apiserver/index.ts';
import { isAzureError } from '../../../sandbox/model/azure/errors.ts';
import type { ManagedCluster } from '../../../sandbox/model/azure/types.ts';
import { clusterCredentials } from '../../../sandbox/model/kubeconfig-credentials.ts';
import { emptyKubeconfig, mergeKubeconfig, parseKubeconfig, renderKubeconfig, resolveContext, type Kubeconfig } from '../../../sandbox/model/kubeconfig.ts';
import { buildScenario } from '../../../sandbox/scenarios/build.ts';
import type { ScenarioStep } from '../../../sandbox/scenarios/types.ts';

function cluster(seed: string, request: Record<string, unknown> = {}) {
  const steps: ScenarioStep[] = [
    { kind: 'group', name: 'rg-lab', location: 'eastus' },
    { kind: 'aks', request: { resourceGroup: 'rg-lab', name: 'aks1', nodeCount: 1, ...request } },
  ];
  const { world } = buildScenario({ id: seed, title: seed, description: seed, seed, steps });
  const mc = world.resourcesOfType<ManagedCluster>('Microsoft.ContainerService/ManagedClusters')[0]!;
  return { world, mc };
}

function creds(world: ReturnType<typeof cluster>['world'], id: string, request: { admin?: boolean; publicFqdn?: boolean } = {}): Kubeconfig {
  const result = clusterCredentials(world, id, request);
  if (isAzureError(result)) throw new Error(result.message);
  return result;
}

describe('clusterCredentials', () => {
  const { world, mc } = cluster('kubeconfig-public');
  const user = creds(world, mc.id);

  it('names cluster, context and user as AKS does, pointing at the public FQDN', () => {
    expect(user.clusters.map((c) => [c.name, c.cluster.server])).toEqual([['aks1', `https://${mc.fqdn}:443`]]);
    expect(user.contexts).toEqual([{ context: { cluster: 'aks1', user: 'clusterUser_rg-lab_aks1' }, name: 'aks1' }]);
    expect(user.users.map((u) => u.name)).toEqual(['clusterUser_rg-lab_aks1']);
    expect(user['current-context']).toBe('aks1');
    expect(creds(world, mc.id, { admin: true }).users[0]!.name).toBe('clusterAdmin_rg-lab_aks1');
  });

  it('carries PEM-shaped certificates and key, base64-encoded, and a hex token', () => {
    const ca = base64Decode(user.clusters[0]!.cluster['certificate-authority-data']!)!;
    expect(ca.startsWith('-----BEGIN CERTIFICATE-----\nMIIE6DCCAtCgAwIBAgIQ')).toBe(true);
    expect(ca.endsWith('\n-----END CERTIFICATE-----\n')).toBe(true);
    expect(ca.split('\n').slice(1, -3).every((line) => line.length === 64)).toBe(true);
    const u = user.users[0]!.user;
    expect(base64Decode(u['client-certificate-data']!)!.startsWith('-----BEGIN CERTIFICATE-----\nMIIFHjCCAwagAwIBAgIR')).toBe(true);
    expect(base64Decode(u['client-key-data']!)!.startsWith('-----BEGIN RSA PRIVATE KEY-----\nMIIJKAIBAAKCAgEA')).toBe(true);
    expect(u.token).toMatch(/^[0-9a-f]{128}$/);
  });

  it('is the same on every call, differs between user and admin and between worlds', () => {
    expect(creds(world, mc.id)).toEqual(user);
    const admin = creds(world, mc.id, { admin: true });
    expect(admin.clusters).toEqual(user.clusters);
    expect(admin.users[0]!.user.token).not.toBe(user.users[0]!.user.token);
    const other = cluster('kubeconfig-other');
    expect(creds(other.world, other.mc.id).clusters[0]!.cluster['certificate-authority-data']).not.toBe(user.clusters[0]!.cluster['certificate-authority-data']);
  });

  it('a private cluster: the private FQDN, or the public one with --public-fqdn', () => {
    const p = cluster('kubeconfig-private', { enablePrivateCluster: true });
    expect(creds(p.world, p.mc.id).clusters[0]!.cluster.server).toBe(`https://${p.mc.privateFqdn}:443`);
    expect(p.mc.privateFqdn).toMatch(/\.privatelink\.eastus\.azmk8s\.io$/);
    expect(creds(p.world, p.mc.id, { publicFqdn: true }).clusters[0]!.cluster.server).toBe(`https://${p.mc.fqdn}:443`);
    const none = cluster('kubeconfig-none', { enablePrivateCluster: true, privateDnsZone: 'none' });
    expect(none.mc.privateFqdn).toBeNull();
    expect(creds(none.world, none.mc.id).clusters[0]!.cluster.server).toBe(`https://${none.mc.fqdn}:443`);
    const hidden = cluster('kubeconfig-nofqdn', { enablePrivateCluster: true, disablePublicFqdn: true });
    const refused = clusterCredentials(hidden.world, hidden.mc.id, { publicFqdn: true });
    expect(isAzureError(refused) && refused.code).toBe('BadRequest');
  });

  it('a missing cluster is ARM not-found', () => {
    const missing = clusterCredentials(world, mc.id.replace(/aks1$/, 'aks9'));
    expect(isAzureError(missing) && missing.message).toBe(
      "The Resource 'Microsoft.ContainerService/managedClusters/aks9' under resource group 'rg-lab' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix",
    );
  });
});

const small = (name: string, server: string, user: string, token = 'abc'): Kubeconfig => ({
  ...emptyKubeconfig(),
  clusters: [{ cluster: { 'certificate-authority-data': 'Q0E=', server }, name }],
  contexts: [{ context: { cluster: name, user }, name }],
  'current-context': name,
  users: [{ name: user, user: { token } }],
});

describe('renderKubeconfig and parseKubeconfig', () => {
  it('writes keys sorted, list items unindented and empty maps as {}, like PyYAML safe_dump', () => {
    expect(renderKubeconfig(small('aks1', 'https://a.hcp.eastus.azmk8s.io:443', 'clusterUser_rg_aks1'))).toBe(
      [
        'apiVersion: v1',
        'clusters:',
        '- cluster:',
        '    certificate-authority-data: Q0E=',
        '    server: https://a.hcp.eastus.azmk8s.io:443',
        '  name: aks1',
        'contexts:',
        '- context:',
        '    cluster: aks1',
        '    user: clusterUser_rg_aks1',
        '  name: aks1',
        'current-context: aks1',
        'kind: Config',
        'preferences: {}',
        'users:',
        '- name: clusterUser_rg_aks1',
        '  user:',
        '    token: abc',
        '',
      ].join('\n'),
    );
  });

  it('reads back what it wrote, reads an empty file as an empty config, and refuses garbage', () => {
    const config = small('aks1', 'https://x:443', 'u');
    const parsed = parseKubeconfig(renderKubeconfig(config));
    expect(parsed).toEqual({ ok: true, config });
    expect(parseKubeconfig('')).toEqual({ ok: true, config: emptyKubeconfig() });
    expect(parseKubeconfig('clusters: 3\n')).toEqual({ ok: false, message: 'clusters is not a list' });
    expect(parseKubeconfig('a: [\n').ok).toBe(false);
  });

  it('resolves the current context to its cluster and user', () => {
    const resolved = resolveContext(small('aks1', 'https://x:443', 'u'))!;
    expect(resolved).toEqual({ name: 'aks1', context: { cluster: 'aks1', user: 'u' }, cluster: { 'certificate-authority-data': 'Q0E=', server: 'https://x:443' }, user: { token: 'abc' } });
    expect(resolveContext(emptyKubeconfig())).toBeUndefined();
  });
});

describe('mergeKubeconfig (az get-credentials)', () => {
  const existing = small('dev', 'https://dev:443', 'clusterUser_rg_dev');
  const aks1 = small('aks1', 'https://aks1:443', 'clusterUser_rg_aks1');

  it('appends new entries and makes the new context current', () => {
    const merged = mergeKubeconfig(existing, aks1);
    expect(merged.ok && merged.currentContext).toBe('aks1');
    expect(merged.ok && merged.config.contexts.map((c) => c.name)).toEqual(['dev', 'aks1']);
    expect(merged.ok && merged.config.users.map((u) => u.name)).toEqual(['clusterUser_rg_dev', 'clusterUser_rg_aks1']);
    expect(merged.ok && merged.config['current-context']).toBe('aks1');
  });

  it('without an existing file the credentials are the file', () => {
    expect(mergeKubeconfig(undefined, aks1)).toEqual({ ok: true, config: aks1, currentContext: 'aks1' });
  });

  it('the same credentials again replace themselves; different ones need --overwrite-existing', () => {
    const once = mergeKubeconfig(existing, aks1);
    const twice = once.ok ? mergeKubeconfig(once.config, aks1) : once;
    expect(twice.ok && twice.config).toEqual(once.ok && once.config);
    const rotated = small('aks1', 'https://aks1:443', 'clusterUser_rg_aks1', 'new');
    const clash = once.ok ? mergeKubeconfig(once.config, rotated) : once;
    expect(clash).toEqual({ ok: false, message: 'A different object named clusterUser_rg_aks1 already exists in users in your kubeconfig file.' });
    const forced = once.ok ? mergeKubeconfig(once.config, rotated, { overwriteExisting: true }) : once;
    expect(forced.ok && forced.config.users.find((u) => u.name === 'clusterUser_rg_aks1')!.user.token).toBe('new');
  });

  it('an admin context gets -admin; --context renames context and cluster', () => {
    const admin = small('aks1', 'https://aks1:443', 'clusterAdmin_rg_aks1');
    const merged = mergeKubeconfig(existing, admin);
    expect(merged.ok && merged.config.contexts.map((c) => c.name)).toEqual(['dev', 'aks1-admin']);
    expect(merged.ok && merged.currentContext).toBe('aks1-admin');
    const renamed = mergeKubeconfig(existing, aks1, { contextName: 'prod' });
    expect(renamed.ok && renamed.config.contexts[1]).toEqual({ context: { cluster: 'prod', user: 'clusterUser_rg_aks1' }, name: 'prod' });
    expect(renamed.ok && renamed.config.clusters[1]!.name).toBe('prod');
  });
});
