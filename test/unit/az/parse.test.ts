// The argparse emulation: value forms, lists, flags, conversions and every error text; a
// fast-check fuzz over random token lists; and the command lines emulator-facts §2 and the
// help examples show all parse.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { azTree } from '../../../sandbox/cli/az/index.ts';
import { parseCommandArgs } from '../../../sandbox/cli/az/parse.ts';
import { allCommands, locate } from '../../../sandbox/cli/az/tree.ts';
import { closeMatches } from '../../../sandbox/cli/az/difflib.ts';
import { completeAz } from '../../../sandbox/cli/az/complete.ts';
import { az, emptyHarness, labHarness } from './fixture.ts';

function spec(name: string) {
  const found = allCommands(azTree()).find((c) => c.name === name);
  if (!found) throw new Error(`no command ${name}`);
  return found;
}

function parse(name: string, line: string) {
  return parseCommandArgs(spec(name), line.split(' ').filter(Boolean));
}

describe('az argument parsing', () => {
  it('accepts --name value, --name=value, short aliases with attached values, and prefixes', () => {
    for (const line of ['-g rg -n aks1', '--resource-group=rg --name=aks1', '-grg -naks1', '--resource rg --nam aks1']) {
      const parsed = parse('aks show', line);
      expect(parsed.ok && parsed.args.resource_group_name).toBe('rg');
      expect(parsed.ok && parsed.args.name).toBe('aks1');
    }
  });

  it('collects nargs lists, flags, three-state booleans, ints and case-insensitive choices', () => {
    const vnet = parse('network vnet create', '-g rg -n v --address-prefixes 10.0.0.0/16 10.1.0.0/16 --dns-servers 10.0.0.4');
    expect(vnet.ok && vnet.args.address_prefixes).toEqual(['10.0.0.0/16', '10.1.0.0/16']);
    const aks = parse('aks create', '-g rg -n a --network-plugin KUBENET --enable-private-cluster -c 2 --api-server-authorized-ip-ranges 1.2.3.4/32,5.6.7.8');
    expect(aks.ok && aks.args.network_plugin).toBe('kubenet');
    expect(aks.ok && aks.args.enable_private_cluster).toBe(true);
    expect(aks.ok && aks.args.node_count).toBe(2);
    const link = parse('network private-dns link vnet create', '-g rg -z z -n l -v v -e False');
    expect(link.ok && link.args.registration_enabled).toBe(false);
    const tags = parse('group create', '-n rg -l eastus --tags env=lab owner');
    expect(tags.ok && tags.args.tags).toEqual(['env=lab', 'owner']);
  });

  it('reports argparse and azure-cli errors in their words', () => {
    const message = (name: string, line: string) => {
      const parsed = parse(name, line);
      return parsed.ok ? 'ok' : parsed.message;
    };
    expect(message('aks show', '-g rg -n a --foo bar')).toBe('unrecognized arguments: --foo bar');
    expect(message('aks show', '')).toBe('the following arguments are required: --resource-group/-g, --name/-n');
    expect(message('group create', '-l eastus')).toBe('the following arguments are required: --name/--resource-group/-n/-g');
    expect(message('aks show', '-g rg -n')).toBe('argument --name/-n: expected one argument');
    expect(message('network vnet create', '-g rg -n v --address-prefixes')).toBe('argument --address-prefixes: expected at least one argument');
    expect(message('aks create', '-g rg -n a -c x')).toBe("argument --node-count/-c: invalid int value: 'x'");
    expect(message('aks create', '-g rg -n a --network-plugin azur')).toBe("az aks create: 'azur' is not a valid value for '--network-plugin'. Allowed values: azure, kubenet, none.");
    expect(message('aks create', '-g rg -n a --enable-private-cluster=yes')).toBe("argument --enable-private-cluster: ignored explicit argument 'yes'");
    expect(message('aks show', '-g rg -n a --query [?')).toBe("argument --query: invalid jmespath_type value: '[?'");
    expect(message('network vnet show', '-g rg')).toBe('(--resource-group --name | --ids) are required');
    expect(message('aks create', '-g rg -n a --load-balancer')).toMatch(/^ambiguous option: --load-balancer could match --load-balancer-sku, /);
    const near = parse('aks create', '-g rg -n a --network-plugin azur');
    expect(!near.ok && near.recommendations).toEqual(["Did you mean 'azure' ?"]);
  });

  it('-h wins over later errors', () => {
    const parsed = parse('aks show', '-h --nope');
    expect(parsed.ok && parsed.help).toBe(true);
  });

  it('difflib matches Python for the hints az gives', () => {
    expect(closeMatches('shw', ['show', 'list', 'create'], 0.7)).toEqual(['show']);
    expect(closeMatches('ts', ['json', 'tsv', 'table'], 0.7)).toEqual(['tsv']);
    expect(closeMatches('tvs', ['tsv'], 0.7)).toEqual([]);
  });

  it('never throws on random token lists (fuzz)', () => {
    const commands = allCommands(azTree());
    const token = fc.oneof(
      fc.constantFrom('-g', '-n', '--name', '--query', '-o', '--tags', '--ids', '--', '-', '=', '--x=', '-gx', '--address-prefixes', '--network-plugin', '-h', 'true', '10.0.0.0/16', '[?', '*'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: commands.length - 1 }), fc.array(token, { maxLength: 10 }), (i, tokens) => {
        const result = parseCommandArgs(commands[i]!, tokens);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('whole command lines never crash the shell (fuzz through the terminal)', () => {
    const h = emptyHarness();
    const word = fc.constantFrom('aks', 'network', 'vnet', 'show', 'list', 'create', 'group', '-g', 'rg', '-n', 'x', '-o', 'table', '--query', 'name', '--ids', '/subscriptions/x', 'nsg', 'rule', 'delete', '--yes');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 8 }), (words) => {
        const run = az(h, `az ${words.join(' ')}`);
        expect([0, 1, 2, 3]).toContain(run.exitCode);
        expect(run.stderr).not.toMatch(/internal error|TypeError|undefined is not/);
      }),
      { numRuns: 150 },
    );
  });
});

// Command lines from emulator-facts §2 (output formats, aks networking flags, get-credentials,
// command invoke, update) with placeholder values.
const FACTS_LINES = [
  'az aks show -g rg1 -n aks1 -o table',
  'az aks list -o table',
  'az aks show -g rg1 -n aks1 --query networkProfile.podCidr',
  'az aks show -g rg1 -n aks1 --query "agentPoolProfiles[].{name:name,count:count}"',
  "az aks list --query \"[?provisioningState=='Succeeded'].name\"",
  'az aks show -g rg1 -n aks1 --query apiServerAccessProfile.authorizedIpRanges',
  'az aks nodepool list -g rg1 --cluster-name aks1 -o table',
  'az aks create -g rg1 -n aks1 --network-plugin azure --network-plugin-mode overlay --network-dataplane cilium --network-policy cilium --pod-cidr 192.168.0.0/16 --service-cidr 10.0.0.0/16 --dns-service-ip 10.0.0.10 --max-pods 50',
  'az aks create -g rg1 -n aks1 --network-plugin kubenet --vnet-subnet-id /subscriptions/s/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/v/subnets/s --outbound-type userDefinedRouting --load-balancer-sku standard',
  'az aks create -g rg1 -n aks1 --load-balancer-managed-outbound-ip-count 2 --load-balancer-outbound-ports 1024 --load-balancer-idle-timeout 10 --outbound-type managedNATGateway --nat-gateway-managed-outbound-ip-count 2 --nat-gateway-idle-timeout 4',
  'az aks create -g rg1 -n aks1 --api-server-authorized-ip-ranges 73.1.2.0/24,0.0.0.0/32',
  'az aks create -g rg1 -n aks1 --enable-private-cluster --private-dns-zone system --disable-public-fqdn',
  'az aks create -g rg1 -n aks1 --enable-private-cluster --private-dns-zone /subscriptions/s/resourceGroups/rg1/providers/Microsoft.Network/privateDnsZones/privatelink.eastus.azmk8s.io --fqdn-subdomain lab',
  'az aks create -g rg1 -n aks1 --enable-apiserver-vnet-integration --apiserver-subnet-id /subscriptions/s/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/v/subnets/api',
  'az aks create -g rg1 -n aks1 --pod-subnet-id /subscriptions/s/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/v/subnets/pods -m 110',
  'az aks update -g rg1 -n aks1 --api-server-authorized-ip-ranges ""',
  'az aks update -g rg1 -n aks1 --enable-public-fqdn',
  'az aks update -g rg1 -n aks1 --disable-public-fqdn',
  'az aks update -g rg1 -n aks1 --load-balancer-managed-outbound-ip-count 2 --load-balancer-outbound-ports 0 --load-balancer-idle-timeout 30 --outbound-type loadBalancer',
  'az aks update -g rg1 -n aks1 --enable-run-command',
  'az aks update -g rg1 -n aks1 --disable-run-command',
  'az aks get-credentials -g rg1 -n aks1',
  'az aks get-credentials -g rg1 -n aks1 --admin --file - --overwrite-existing --context lab --public-fqdn --format exec',
  'az aks command invoke -g rg1 -n aks1 --command "kubectl get pods -n kube-system"',
  'az aks command invoke -g rg1 -n aks1 --command "kubectl apply -f f.yaml" --file f.yaml',
  'az aks command invoke -g rg1 -n aks1 --command "kubectl apply -f ." --file .',
  'az aks get-versions --location eastus --query orchestrators[].orchestratorVersion -o tsv',
];

/** A tiny shell-words split: double quotes only, as the lines above use. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

describe('real command lines parse', () => {
  const skipped = new Set<string>();
  for (const line of FACTS_LINES) {
    it(line, () => {
      const all = words(line).slice(1);
      const located = locate(azTree(), all);
      if ([...skipped].some((s) => line.startsWith(s))) return;
      expect(located.kind).toBe('command');
      if (located.kind !== 'command') return;
      const parsed = parseCommandArgs(located.spec, located.rest);
      expect(parsed.ok ? 'ok' : parsed.message).toBe('ok');
    });
  }

  it('every help example parses', () => {
    const failures: string[] = [];
    for (const command of allCommands(azTree())) {
      for (const example of command.examples ?? []) {
        const all = words(example.text).slice(1);
        const located = locate(azTree(), all);
        if (located.kind !== 'command') failures.push(`${example.text}: not a command`);
        else {
          const parsed = parseCommandArgs(located.spec, located.rest);
          if (!parsed.ok) failures.push(`${example.text}: ${parsed.message}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('az completion', () => {
  it('completes groups, commands, options, enum values and resource names', () => {
    const h = labHarness();
    const world = h.sim.world;
    expect(completeAz(azTree(), ['a'], world)).toEqual(['account', 'aks']);
    expect(completeAz(azTree(), ['aks', 'nodepool', ''], world)).toEqual(['add', 'delete', 'list', 'scale', 'show']);
    expect(completeAz(azTree(), ['aks', 'create', '--network-plugin', ''], world)).toEqual(['azure', 'kubenet', 'none']);
    expect(completeAz(azTree(), ['aks', 'show', '-g', ''], world)).toEqual(['MC_rg-lab_aks1_eastus', 'rg-lab']);
    expect(completeAz(azTree(), ['aks', 'show', '-n', 'a'], world)).toEqual(['aks1']);
    expect(completeAz(azTree(), ['aks', 'show', '--res'], world)).toEqual(['--resource-group']);
  });
});
