// Exact texts of nslookup, dig and resolv.conf as the sandbox prints them, compared byte for byte
// with the files next to this test. Regenerate with `UPDATE_GOLDEN=1 npx vitest run test/golden/dns`
// and review the diff.
import { describe, it } from 'vitest';
import { goldenIn } from '../../support/golden.ts';
import type { Endpoint, ReachFn } from '../../../sandbox/network/dns/index.ts';
import { digLookup, formatDig, formatNslookup, nslookupLookups, resolvConfFor, type DigOptions } from '../../../sandbox/network/dns/index.ts';
import { addCluster, newWorld, nodeEndpoint, openReach, podEndpoint, workstation } from '../../unit/dns/fixtures.ts';

const expectGolden = goldenIn('dns');
const golden = (name: string, actual: string): void => expectGolden(`${name}.txt`, actual);

const world = newWorld('dns-golden');
const h = addCluster(world, { name: 'aks1', dbReplicas: 30 });
const priv = addCluster(world, { name: 'aks2', resourceGroup: 'rg-priv', private: 'system', vnetPrefix: '10.225' });
const client = podEndpoint(h, 'client');

// The bumpy-DNS path: this client's queries land on the CoreDNS pod of the other node and die at the NSG.
const dropToCoredns: ReachFn = (from, ip) =>
  ip === '10.0.0.10'
    ? { ok: false, verdict: 'dropped', hops: [{ at: 'NSG aks-agentpool-nsg', action: 'nsg', decision: 'drop', reason: 'DenyAllInbound' }], via: { podName: 'coredns-789789675-b1x9q' } }
    : { ok: true, hops: [], verdict: 'delivered' };

function nslookup(from: Endpoint, name: string, opts: { server?: string; type?: 'A' | 'SRV' | 'PTR'; reach?: ReachFn } = {}): string {
  return formatNslookup(nslookupLookups(world, from, name, { reach: opts.reach ?? openReach, server: opts.server, type: opts.type })).stdout;
}

function dig(from: Endpoint, args: string[], opts: Partial<DigOptions> & { short?: boolean } = {}): string {
  const name = args.find((a) => !a.startsWith('@') && !a.startsWith('+') && !a.startsWith('-') && !['A', 'SRV', 'PTR', 'AAAA'].includes(a))!;
  const result = digLookup(world, from, name, { reach: opts.reach ?? openReach, ...opts });
  return formatDig({ result, args, serverArg: opts.server, short: opts.short, nowMs: world.now() }).stdout;
}

describe('nslookup golden texts', () => {
  it.each([
    ['nslookup-service', () => nslookup(client, 'web')],
    ['nslookup-headless', () => nslookup(client, 'db-1.db')],
    ['nslookup-external', () => nslookup(client, 'mcr.microsoft.com')],
    ['nslookup-nxdomain', () => nslookup(client, 'nosuch')],
    ['nslookup-timeout', () => nslookup(client, 'web', { reach: dropToCoredns })],
    ['nslookup-reverse-cluster', () => nslookup(client, '10.0.0.10')],
    ['nslookup-reverse-public', () => nslookup(workstation, '8.8.8.8')],
    ['nslookup-srv', () => nslookup(client, '_http._tcp.web.default.svc.cluster.local', { type: 'SRV' })],
    ['nslookup-node-external', () => nslookup(nodeEndpoint(h), 'login.microsoftonline.com')],
    ['nslookup-private-fqdn-from-workstation', () => nslookup(workstation, priv.privateFqdn!)],
    ['nslookup-private-fqdn-from-node', () => nslookup(nodeEndpoint(priv), priv.privateFqdn!)],
    ['nslookup-at-server', () => nslookup(client, 'bing.com', { server: '8.8.8.8' })],
  ])('%s', (name, run) => golden(name, run()));
});

describe('dig golden texts', () => {
  it.each([
    ['dig-service', () => dig(client, ['web.default.svc.cluster.local'])],
    ['dig-external', () => dig(client, ['mcr.microsoft.com'])],
    ['dig-nxdomain', () => dig(client, ['nosuch.default.svc.cluster.local'])],
    ['dig-short-search', () => dig(client, ['+short', '+search', 'web'], { short: true, search: true })],
    ['dig-timeout', () => dig(client, ['web.default.svc.cluster.local'], { reach: dropToCoredns })],
    ['dig-timeout-short', () => dig(client, ['+short', 'web.default.svc.cluster.local'], { reach: dropToCoredns, short: true })],
    ['dig-truncated-tcp-retry', () => dig(client, ['db.default.svc.cluster.local'])],
    ['dig-at-public-resolver', () => dig(workstation, ['@8.8.8.8', 'www.microsoft.com'], { server: '8.8.8.8' })],
    ['dig-srv-headless', () => dig(client, ['SRV', '_pg._tcp.db.default.svc.cluster.local'], { type: 'SRV' })],
    ['dig-reverse', () => dig(client, ['-x', '10.0.0.10'])],
  ])('%s', (name, run) => golden(name, run()));
});

describe('resolv.conf golden texts', () => {
  it.each([
    ['resolv-conf-pod', () => resolvConfFor(world, client)!.text],
    ['resolv-conf-node', () => resolvConfFor(world, nodeEndpoint(h))!.text],
    ['resolv-conf-workstation', () => resolvConfFor(world, workstation)!.text],
  ])('%s', (name, run) => golden(name, run()));
});
