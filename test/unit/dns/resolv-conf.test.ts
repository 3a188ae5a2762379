import { describe, expect, it } from 'vitest';
import { internalDomainNameSuffixFor } from '../../../sandbox/model/azure/factories.ts';
import type { Pod } from '../../../sandbox/model/k8s/types.ts';
import { machineResolvConf, nodeResolvConf, parseResolvConf, podResolvConf, renderUplinkFile, resolvConfFor, stubResolvConf } from '../../../sandbox/network/dns/index.ts';
import { locate } from '../../../sandbox/network/dns/locate.ts';
import { addCluster, addDnsServerVm, newWorld, podEndpoint, putPod, workstation } from './fixtures.ts';

const UPLINK_HEADER = `# This is /run/systemd/resolve/resolv.conf managed by man:systemd-resolved(8).
# Do not edit.
#
# This file might be symlinked as /etc/resolv.conf. If you're looking at
# /etc/resolv.conf and seeing this text, you have followed the symlink.
#
# This is a dynamic resolv.conf file for connecting local clients directly to
# all known uplink DNS servers. This file lists all configured search domains.
#
# Third party programs should typically not access this file directly, but only
# through the symlink at /etc/resolv.conf. To manage man:resolv.conf(5) in a
# different way, replace this symlink by a static file or a different symlink.
#
# See man:systemd-resolved.service(8) for details about the supported modes of
# operation for /etc/resolv.conf.
`;

describe('pod /etc/resolv.conf', () => {
  it('ClusterFirst: namespace search domains, the VNet suffix, the cluster DNS IP, ndots 5', () => {
    const world = newWorld();
    const h = addCluster(world, { name: 'aks1' });
    const suffix = internalDomainNameSuffixFor(h.vnet.id);
    expect(suffix).toMatch(/^[a-z]{26}\.bx\.internal\.cloudapp\.net$/);
    const conf = resolvConfFor(world, podEndpoint(h, 'client'))!;
    expect(conf.text).toBe(
      `search default.svc.cluster.local svc.cluster.local cluster.local ${suffix}\nnameserver 10.0.0.10\noptions ndots:5\n`,
    );
    expect(conf.nameservers).toEqual(['10.0.0.10']);
    expect(conf.options.ndots).toBe(5);
    expect(conf.options.timeout).toBe(5);
    expect(conf.options.attempts).toBe(2);
  });

  it('the first search domain is the pod\'s own namespace', () => {
    const world = newWorld();
    const h = addCluster(world, { name: 'aks1' });
    const conf = resolvConfFor(world, podEndpoint(h, 'coredns-789789675-a0x9q', 'kube-system'))!;
    // CoreDNS itself runs with dnsPolicy Default: the node's servers, not itself.
    expect(conf.text).toBe(`search ${internalDomainNameSuffixFor(h.vnet.id)}\nnameserver 168.63.129.16\n`);
    putPod(world, h.clusterId, 'kube-system', 'tool', h.nodeNames[0]!, '10.244.0.77');
    const tool = resolvConfFor(world, podEndpoint(h, 'tool', 'kube-system'))!;
    expect(tool.search.slice(0, 3)).toEqual(['kube-system.svc.cluster.local', 'svc.cluster.local', 'cluster.local']);
  });

  it('custom VNet DNS servers: the node search domain is the reddog.microsoft.com stub', () => {
    const world = newWorld();
    const h = addCluster(world, { name: 'aks1', dnsServers: ['10.224.10.4'] });
    expect(resolvConfFor(world, podEndpoint(h, 'client'))!.text).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local reddog.microsoft.com\nnameserver 10.0.0.10\noptions ndots:5\n',
    );
  });

  it('hostNetwork with ClusterFirst falls back to Default; ClusterFirstWithHostNet keeps cluster DNS', () => {
    const world = newWorld();
    const h = addCluster(world, { name: 'aks1' });
    const suffix = internalDomainNameSuffixFor(h.vnet.id);
    const host = putPod(world, h.clusterId, 'default', 'hostnet', h.nodeNames[0]!, '10.224.0.4', {}, { hostNetwork: true });
    expect(podResolvConf(world, h.clusterId, host).text).toBe(`search ${suffix}\nnameserver 168.63.129.16\n`);
    const withNet = putPod(world, h.clusterId, 'default', 'hostnet2', h.nodeNames[0]!, '10.224.0.4', {}, { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' });
    expect(podResolvConf(world, h.clusterId, withNet).nameservers).toEqual(['10.0.0.10']);
  });

  it('dnsPolicy None uses only dnsConfig; dnsConfig options override ndots', () => {
    const world = newWorld();
    const h = addCluster(world, { name: 'aks1' });
    const none = putPod(world, h.clusterId, 'default', 'custom', h.nodeNames[0]!, '10.244.0.50', {}, {
      dnsPolicy: 'None',
      dnsConfig: { nameservers: ['1.1.1.1'], searches: ['corp.example'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] },
    });
    expect(podResolvConf(world, h.clusterId, none).text).toBe('search corp.example\nnameserver 1.1.1.1\noptions ndots:2 edns0\n');
    const tuned: Pod = putPod(world, h.clusterId, 'default', 'tuned', h.nodeNames[0]!, '10.244.0.51', {}, { dnsConfig: { options: [{ name: 'ndots', value: '1' }] } });
    const conf = podResolvConf(world, h.clusterId, tuned);
    expect(conf.options.ndots).toBe(1);
    expect(conf.text.endsWith('options ndots:1\n')).toBe(true);
  });
});

describe('node and machine resolver files', () => {
  it('an AKS node points /etc/resolv.conf at systemd-resolved\'s uplink file: 168.63.129.16 directly', () => {
    const world = newWorld();
    const h = addCluster(world, { name: 'aks1' });
    const conf = nodeResolvConf(world, h.clusterId, h.nodeNames[0]!)!;
    expect(conf.text).toBe(`${UPLINK_HEADER}\nnameserver 168.63.129.16\nsearch ${internalDomainNameSuffixFor(h.vnet.id)}\n`);
    expect(conf.nameservers).toEqual(['168.63.129.16']);
    expect(conf.options.ndots).toBe(1);
  });

  it('custom DNS servers replace 168.63.129.16; systemd flags servers beyond the third', () => {
    const world = newWorld();
    const h = addCluster(world, { name: 'aks1', dnsServers: ['10.224.10.4', '10.224.10.5'] });
    expect(nodeResolvConf(world, h.clusterId, h.nodeNames[1]!)!.text).toBe(`${UPLINK_HEADER}\nnameserver 10.224.10.4\nnameserver 10.224.10.5\nsearch reddog.microsoft.com\n`);
    const four = renderUplinkFile(['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'], ['reddog.microsoft.com']);
    expect(four.split('\n').slice(-4)).toEqual([
      '# Too many DNS servers configured, the following entries may be ignored.',
      'nameserver 10.0.0.4',
      'search reddog.microsoft.com',
      '',
    ]);
    expect(parseResolvConf(four).nameservers).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3']);
  });

  it('an Azure VM keeps the 127.0.0.53 stub with edns0 trust-ad', () => {
    const world = newWorld();
    const h = addCluster(world, { name: 'aks1' });
    const vm = addDnsServerVm(world, h.vnet, 'jumpbox', '10.224.20.4', {});
    delete vm.dnsServer;
    const conf = machineResolvConf(world, vm);
    expect(conf.path).toBe('/run/systemd/resolve/stub-resolv.conf');
    expect(conf.text.split('\n').slice(-4)).toEqual(['nameserver 127.0.0.53', 'options edns0 trust-ad', `search ${internalDomainNameSuffixFor(h.vnet.id)}`, '']);
    expect(conf.text.startsWith('# This is /run/systemd/resolve/stub-resolv.conf managed by man:systemd-resolved(8).\n')).toBe(true);
    expect(stubResolvConf(world, locate(world, { kind: 'machine', id: 'jumpbox' })!).options).toMatchObject({ edns0: true, trustAd: true });
  });

  it('the workstation asks its home router', () => {
    const world = newWorld();
    expect(resolvConfFor(world, workstation)!.text).toBe('# Generated by NetworkManager\nnameserver 192.168.1.1\n');
  });

  it('parses options the way glibc does, with its limits', () => {
    const conf = parseResolvConf('nameserver 10.0.0.10\nsearch a.b c.d\noptions ndots:20 timeout:2 attempts:9 use-vc # comment\n');
    expect(conf.search).toEqual(['a.b', 'c.d']);
    expect(conf.options).toEqual({ ndots: 15, timeout: 2, attempts: 5, edns0: false, trustAd: false, useVc: true });
  });
});
