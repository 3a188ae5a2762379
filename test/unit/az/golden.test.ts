// Every az printer and error shape against golden transcripts, on the kubenet-basic scenario.
import { describe, it } from 'vitest';
import { az, labHarness, transcript } from './fixture.ts';
import { expectGolden } from './golden.ts';

const CASES: Record<string, string[]> = {
  'aks-show': [
    'az aks show -g rg-lab -n aks1',
    'az aks show -g rg-lab -n aks1 -o table',
    'az aks show -g rg-lab -n aks1 -o yaml',
    'az aks show -g rg-lab -n aks1 -o tsv',
    'az aks show -g rg-lab -n aks1 --query networkProfile',
    'az aks show -g rg-lab -n aks1 --query networkProfile.podCidr -o tsv',
    'az aks show -g rg-lab -n aks1 --query "agentPoolProfiles[].{name:name,count:count}" -o table',
    'az aks show -g rg-lab -n aks1 --query "agentPoolProfiles[].{name:name,count:count}" -o tsv',
    'az aks show -g rg-lab -n aks1 --query apiServerAccessProfile',
  ],
  'aks-list': ['az aks get-versions -l eastus -o table', 'az aks list -o table', 'az aks list --query "[].name" -o tsv', 'az aks list -g nope -o json'],
  'aks-nodepool': [
    'az aks nodepool list -g rg-lab --cluster-name aks1 -o table',
    'az aks nodepool show -g rg-lab --cluster-name aks1 -n nodepool1 -o table',
    'az aks nodepool show -g rg-lab --cluster-name aks1 -n nope',
  ],
  'group': ['az group list -o table', 'az group show -n rg-lab', 'az group exists -n rg-lab', 'az group exists -n nope', 'az group show -n nope'],
  'account': ['az account show', 'az account list -o table', 'az account show --query user.name -o tsv'],
  'errors': [
    'az aks show -g rg-lab -n nope',
    'az aks show -g rg-lab',
    'az aks show -g rg-lab -n aks1 --foo bar',
    'az aks shw -g rg-lab -n aks1',
    'az akss list',
    'az aks create -g rg-lab -n aks2 --network-plugin foo',
    'az aks create -g rg-lab -n aks2 --node-count three',
    'az aks show -g rg-lab -n aks1 --query "[?"',
    'az aks show -g rg-lab -n aks1 -o xml',
    'az aks show -g rg-lab -n',
    'az aks create -g rg-lab -n aks2 --pod-cidr 10.244.0.0/16 --generate-ssh-keys',
    'az aks create -g rg-lab -n aks1 --generate-ssh-keys',
    'az network vnet show -g rg-lab',
    'az aks create -g rg-lab -n aks2 --network-plugin kubenet --enable-private-cluster=true',
  ],
  'network': [
    'az network nsg list -g MC_rg-lab_aks1_eastus -o table',
    'az network route-table list -g MC_rg-lab_aks1_eastus --query "[].routes[].{name:name,prefix:addressPrefix,hop:nextHopIpAddress}" -o table',
    'az network vnet list -g MC_rg-lab_aks1_eastus -o table',
    'az network lb frontend-ip list -g MC_rg-lab_aks1_eastus --lb-name kubernetes --query "[].name" -o tsv',
    'az network public-ip list -g MC_rg-lab_aks1_eastus --query "[].{ip:ipAddress,tags:tags}" -o yaml',
  ],
  'help': ['az aks show -h', 'az aks -h', 'az network vnet subnet update --help'],
};

describe('az golden transcripts', () => {
  for (const [name, lines] of Object.entries(CASES)) {
    it(name, () => {
      const h = labHarness();
      const text = lines.map((line) => transcript(line, az(h, line))).join('\n');
      expectGolden(name, text);
    });
  }

  it('network mutations and in-use errors', () => {
    const h = labHarness();
    const lines = [
      'az network vnet create -g rg-lab -n vnet1 --address-prefixes 10.10.0.0/16 --subnet-name s1 --subnet-prefixes 10.10.1.0/24 --query newVNet.subnets[0].addressPrefix -o tsv',
      'az network vnet subnet create -g rg-lab --vnet-name vnet1 -n s2 --address-prefixes 10.11.0.0/24',
      'az network nsg create -g rg-lab -n nsg1 --query NewNSG.name -o tsv',
      'az network nsg rule create -g rg-lab --nsg-name nsg1 -n deny-ssh --priority 100 --access Deny --protocol Tcp --destination-port-ranges 22 -o table',
      'az network nsg rule create -g rg-lab --nsg-name nsg1 -n bad --priority 50',
      'az network vnet subnet update -g rg-lab --vnet-name vnet1 -n s1 --nsg nsg1 --query networkSecurityGroup.id -o tsv',
      'az network nsg delete -g rg-lab -n nsg1',
      'az network route-table create -g rg-lab -n rt1 --query name -o tsv',
      'az network route-table route create -g rg-lab --route-table-name rt1 -n default --address-prefix 0.0.0.0/0 --next-hop-type VirtualAppliance --next-hop-ip-address 10.10.2.4',
      'az network route-table route list -g rg-lab --route-table-name rt1 -o table',
      'az network public-ip create -g rg-lab -n pip1 --query publicIp.ipAddress -o tsv',
      'az network private-dns zone create -g rg-lab -n privatelink.eastus.azmk8s.io -o table',
      'az network private-dns link vnet create -g rg-lab -z privatelink.eastus.azmk8s.io -n link1 -v vnet1 -e false --query virtualNetworkLinkState -o tsv',
      'az network private-dns record-set a add-record -g rg-lab -z privatelink.eastus.azmk8s.io -n api -a 10.10.1.10 -o json',
    ];
    expectGolden('network-mutations', lines.map((line) => transcript(line, az(h, line))).join('\n'));
  });

  it('effective routes and NSGs of a node NIC, network watcher', () => {
    const h = labHarness();
    const vmss = az(h, 'az vmss list -g MC_rg-lab_aks1_eastus --query "[0].name" -o tsv').stdout.trim();
    const nic = az(h, `az vmss nic list -g MC_rg-lab_aks1_eastus --vmss-name ${vmss} --query "[0].id" -o tsv`).stdout.trim();
    const node = az(h, `az vmss list-instances -g MC_rg-lab_aks1_eastus -n ${vmss} --query "[0].osProfile.computerName" -o tsv`).stdout.trim();
    const lines = [
      `az vmss list -g MC_rg-lab_aks1_eastus -o table`,
      `az network nic show-effective-route-table --ids ${nic} -o table`,
      `az network nic list-effective-nsg --ids ${nic} -o table`,
      `az network watcher show-next-hop -g MC_rg-lab_aks1_eastus --vm ${node} --source-ip 10.224.0.4 --dest-ip 10.244.1.5`,
      `az network watcher test-ip-flow -g MC_rg-lab_aks1_eastus --vm ${node} --direction Inbound --protocol TCP --local 10.224.0.4:22 --remote 8.8.8.8:50000`,
    ];
    expectGolden('nic-diagnostics', lines.map((line) => transcript(line, az(h, line))).join('\n'));
  });

  it('aks lifecycle: credentials, update, scale, nodepool, command invoke, delete', () => {
    const h = labHarness();
    const lines = [
      'az aks get-credentials -g rg-lab -n aks1 --overwrite-existing',
      'az aks get-credentials -g rg-lab -n aks1 --admin -f /tmp/admin.yaml',
      'az aks get-credentials -g rg-lab -n aks1 -f - --context lab',
      'az aks update -g rg-lab -n aks1 --api-server-authorized-ip-ranges 10.0.0.0/8',
      'az aks update -g rg-lab -n aks1 --api-server-authorized-ip-ranges 73.162.10.0/24 --query apiServerAccessProfile.authorizedIpRanges -o tsv',
      'az aks update -g rg-lab -n aks1 --load-balancer-managed-outbound-ip-count 2 --query networkProfile.loadBalancerProfile.managedOutboundIPs',
      'az aks update -g rg-lab -n aks1 --enable-public-fqdn',
      'az aks scale -g rg-lab -n aks1 -c 4 --query "agentPoolProfiles[0].count"',
      'az aks nodepool add -g rg-lab --cluster-name aks1 -n user1 -c 1 -o table',
      'az aks nodepool delete -g rg-lab --cluster-name aks1 -n user1',
      'az aks command invoke -g rg-lab -n aks1 --command "kubectl get svc web"',
      'az aks command invoke -g rg-lab -n aks1 --command "kubectl get svc web" -o table',
      'az aks delete -g rg-lab -n aks1 --yes',
      'az aks list -o table',
      'az group list -o table',
    ];
    expectGolden('aks-lifecycle', lines.map((line) => transcript(line, az(h, line))).join('\n'));
  });
});
