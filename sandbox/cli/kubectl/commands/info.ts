// kubectl version, cluster-info, api-resources, api-versions, options and completion.
// The client is kubectl v1.34 (Kustomize v5.7.1); the server reports the cluster's own version.
import { resourceTypes, type ResourceType } from '../../../apiserver/index.ts';
import type { Service } from '../../../model/k8s/types.ts';
import type { CommandResult } from '../../../shell/types.ts';
import type { KubectlCommand } from '../cli/command.ts';
import { GLOBAL_FLAGS } from '../cli/global-flags.ts';
import { flagUsages } from '../cli/help.ts';
import { failure, Output } from '../cli/output.ts';
import { connectClient, isResult } from '../client/client.ts';
import { listFor } from '../client/fetch.ts';
import { resolveType } from '../client/targets.ts';
import { serverMinor, serverVersion } from '../client/server-version.ts';
import { goJson } from '../jsonpath/go-format.ts';
import { GET_TABS, tabAlign } from '../printers/tabwriter.ts';
import { toYaml } from '../printers/yaml.ts';

export const CLIENT_VERSION = {
  major: '1',
  minor: '34',
  gitVersion: 'v1.34.1',
  gitCommit: '93248f9ae092f571eb870b7664c534bfc7d00f03',
  gitTreeState: 'clean',
  buildDate: '2025-09-09T19:44:50Z',
  goVersion: 'go1.24.6',
  compiler: 'gc',
  platform: 'linux/amd64',
};
export const KUSTOMIZE_VERSION = 'v5.7.1';

export const versionCommand: KubectlCommand = {
  name: 'version',
  use: '[flags]',
  short: 'Print the client and server version information',
  long: 'Print the client and server version information for the current context.',
  example: `  # Print the client and server versions for the current context
  kubectl version`,
  flags: [
    { name: 'client', type: 'bool', defValue: 'false', usage: 'If true, shows client version only (no server required).' },
    { name: 'output', shorthand: 'o', type: 'string', usage: "One of 'yaml' or 'json'.", values: ['yaml', 'json'] },
  ],
  run(inv) {
    const output = inv.flags.string('output');
    if (output && output !== 'yaml' && output !== 'json') return failure(`error: --output must be 'yaml' or 'json'`);
    if (inv.args.length > 0) return failure(`error: Unexpected args: [${inv.args.join(' ')}]\nSee 'kubectl version -h' for help and examples`);
    const info: Record<string, unknown> = { clientVersion: CLIENT_VERSION, kustomizeVersion: KUSTOMIZE_VERSION };
    let serverError: CommandResult | undefined;
    const out = new Output();
    if (!inv.flags.bool('client')) {
      const client = connectClient(inv, { discovery: false });
      if (isResult(client)) serverError = client;
      else {
        info['serverVersion'] = serverVersion(client.world, client.clusterId);
        const skew = Math.abs(serverMinor(client.world, client.clusterId) - Number(CLIENT_VERSION.minor));
        if (skew > 1) out.err(`Warning: version difference between client (${CLIENT_VERSION.major}.${CLIENT_VERSION.minor}) and server (${(info['serverVersion'] as { major: string }).major}.${serverMinor(client.world, client.clusterId)}) exceeds the supported minor version skew of +/-1\n`);
      }
    }
    if (output === 'json') out.out(`${JSON.stringify(info, null, 2)}\n`);
    else if (output === 'yaml') out.out(`${toYaml(info)}\n`);
    else {
      out.out(`Client Version: ${CLIENT_VERSION.gitVersion}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
      const server = info['serverVersion'] as { gitVersion: string } | undefined;
      if (server) out.out(`Server Version: ${server.gitVersion}\n`);
    }
    if (serverError) out.fail(serverError.stderr, serverError.exitCode);
    return out.result();
  },
};

export const clusterInfoCommand: KubectlCommand = {
  name: 'cluster-info',
  use: '[flags]',
  short: 'Display cluster information',
  long: `Display addresses of the control plane and services with label kubernetes.io/cluster-service=true. To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.`,
  example: `  # Print the address of the control plane and cluster services
  kubectl cluster-info`,
  subcommands: [
    {
      name: 'dump',
      use: '[flags]',
      short: 'Dump relevant information for debugging and diagnosis',
      run: () => failure('error: "kubectl cluster-info dump" is not available in this sandbox'),
    },
  ],
  run(inv) {
    const client = connectClient(inv);
    if (isResult(client)) return client;
    const namespace = inv.flags.string('namespace') || 'kube-system';
    const type = resolveType('services') as ResourceType;
    const listed = listFor(client, type, { namespace, labelSelector: 'kubernetes.io/cluster-service=true' });
    const host = client.server.url;
    let text = `Kubernetes control plane is running at ${host}\n`;
    for (const svc of (typeof listed === 'string' ? [] : listed) as Service[]) {
      let link: string;
      const ingress = svc.status?.loadBalancer?.ingress?.[0];
      if (ingress) link = svc.spec.ports.map((p) => `http://${ingress.ip || ingress.hostname}:${p.port} `).join('');
      else {
        let name = svc.metadata.name;
        const port = svc.spec.ports?.[0];
        if (port) {
          const scheme = port.name === 'https' || port.port === 443 ? 'https' : '';
          name = scheme ? `${scheme}:${name}:${port.name ?? ''}` : port.name ? `${name}:${port.name}` : name;
        }
        link = `${host}/api/v1/namespaces/${svc.metadata.namespace}/services/${name}/proxy`;
      }
      text += `${svc.metadata.labels?.['kubernetes.io/name'] || svc.metadata.name} is running at ${link}\n`;
    }
    text += "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";
    return { stdout: text, stderr: '', exitCode: 0 };
  },
};

function sortedResources(sortBy: string): ResourceType[] {
  const key = (t: ResourceType) => (sortBy === 'name' ? t.plural : sortBy === 'kind' ? t.kind : t.group);
  return [...resourceTypes()].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x !== y) return x < y ? -1 : 1;
    return a.plural < b.plural ? -1 : a.plural > b.plural ? 1 : 0;
  });
}

export const apiResourcesCommand: KubectlCommand = {
  name: 'api-resources',
  use: '[flags]',
  short: 'Print the supported API resources on the server',
  long: 'Print the supported API resources on the server.',
  example: `  # Print the supported API resources
  kubectl api-resources

  # Print the supported API resources with more information
  kubectl api-resources -o wide

  # Print the supported namespaced resources
  kubectl api-resources --namespaced=true

  # Print the supported API resources with a specific APIGroup
  kubectl api-resources --api-group=apps`,
  flags: [
    { name: 'api-group', type: 'string', usage: 'Limit to resources in the specified API group.' },
    { name: 'cached', type: 'bool', defValue: 'false', usage: 'Use the cached list of resources if available.' },
    { name: 'categories', type: 'stringSlice', defValue: '[]', usage: 'Limit to resources that belong to the specified categories.' },
    { name: 'namespaced', type: 'bool', defValue: 'true', usage: 'If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.' },
    { name: 'no-headers', type: 'bool', defValue: 'false', usage: "When using the default or custom-column output format, don't print headers (default print headers)." },
    { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format. One of: (json, yaml, name, wide).', values: ['json', 'yaml', 'name', 'wide'] },
    { name: 'sort-by', type: 'string', usage: "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'." },
    { name: 'verbs', type: 'stringSlice', defValue: '[]', usage: 'Limit to resources that support the specified verbs.' },
  ],
  run(inv) {
    const { flags } = inv;
    const output = flags.string('output');
    if (output && !['wide', 'name', 'json', 'yaml'].includes(output)) return failure(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,yaml,name,wide`);
    const sortBy = flags.string('sort-by');
    if (sortBy && sortBy !== 'name' && sortBy !== 'kind') return failure(`error: --sort-by accepts only name or kind`);
    const client = connectClient(inv);
    if (isResult(client)) return client;
    let list = sortedResources(sortBy);
    if (flags.changed('api-group')) list = list.filter((t) => t.group === flags.string('api-group'));
    if (flags.changed('namespaced')) list = list.filter((t) => t.namespaced === flags.bool('namespaced', true));
    for (const verb of flags.list('verbs')) list = list.filter((t) => t.verbs.includes(verb));
    for (const cat of flags.list('categories')) list = list.filter((t) => t.categories.includes(cat));
    if (output === 'name') return { stdout: list.map((t) => `${t.plural}${t.group ? `.${t.group}` : ''}\n`).join(''), stderr: '', exitCode: 0 };
    if (output === 'json' || output === 'yaml') {
      const resources = list.map((t) => ({
        categories: t.categories.length > 0 ? t.categories : undefined,
        group: t.group || undefined,
        kind: t.kind,
        name: t.plural,
        namespaced: t.namespaced,
        shortNames: t.shortNames.length > 0 ? t.shortNames : undefined,
        singularName: t.singular,
        storageVersionHash: undefined,
        verbs: t.verbs,
        version: t.version,
      }));
      const body = { apiVersion: 'v1', groupVersion: '', kind: 'APIResourceList', resources };
      return { stdout: output === 'json' ? `${goJson(body, '    ')}\n` : toYaml(body), stderr: '', exitCode: 0 };
    }
    const wide = output === 'wide';
    const rows: string[] = [];
    if (!flags.bool('no-headers')) rows.push(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])].join('\t'));
    for (const t of list) {
      const cells = [t.plural, t.shortNames.join(','), t.apiVersion, String(t.namespaced), t.kind];
      if (wide) cells.push(t.verbs.join(','), t.categories.join(','));
      rows.push(cells.join('\t'));
    }
    return { stdout: tabAlign(`${rows.join('\n')}\n`, GET_TABS), stderr: '', exitCode: 0 };
  },
};

export const apiVersionsCommand: KubectlCommand = {
  name: 'api-versions',
  use: '',
  short: 'Print the supported API versions on the server, in the form of "group/version"',
  long: 'Print the supported API versions on the server, in the form of "group/version".',
  example: '  # Print the supported API versions\n  kubectl api-versions',
  run(inv) {
    const client = connectClient(inv);
    if (isResult(client)) return client;
    // The groups a 1.33 AKS API server serves (discovery), not only the kinds the sandbox models.
    const versions = [
      'admissionregistration.k8s.io/v1',
      'apiextensions.k8s.io/v1',
      'apiregistration.k8s.io/v1',
      'apps/v1',
      'authentication.k8s.io/v1',
      'authorization.k8s.io/v1',
      'autoscaling/v1',
      'autoscaling/v2',
      'batch/v1',
      'certificates.k8s.io/v1',
      'coordination.k8s.io/v1',
      'discovery.k8s.io/v1',
      'events.k8s.io/v1',
      'flowcontrol.apiserver.k8s.io/v1',
      'metrics.k8s.io/v1beta1',
      'networking.k8s.io/v1',
      'node.k8s.io/v1',
      'policy/v1',
      'rbac.authorization.k8s.io/v1',
      'resource.k8s.io/v1beta1',
      'resource.k8s.io/v1beta2',
      'scheduling.k8s.io/v1',
      'snapshot.storage.k8s.io/v1',
      'storage.k8s.io/v1',
      'v1',
    ];
    return { stdout: versions.map((v) => `${v}\n`).join(''), stderr: '', exitCode: 0 };
  },
};

export const optionsCommand: KubectlCommand = {
  name: 'options',
  use: '[flags]',
  short: 'Print the list of flags inherited by all commands',
  long: 'Print the list of flags inherited by all commands',
  example: '  # Print flags inherited by all commands\n  kubectl options',
  run: () => ({ stdout: `The following options can be passed to any command:\n\n${flagUsages(GLOBAL_FLAGS)}`, stderr: '', exitCode: 0 }),
};

const COMPLETION_SHELLS = ['bash', 'zsh', 'fish', 'powershell'];

export const completionCommand: KubectlCommand = {
  name: 'completion',
  use: 'SHELL',
  short: 'Output shell completion code for the specified shell (bash, zsh, fish, or powershell)',
  long: `Output shell completion code for the specified shell (bash, zsh, fish, or powershell). The shell code must be evaluated to provide interactive completion of kubectl commands.  This can be done by sourcing it from the .bash_profile.

 Note for zsh users: [1] zsh completions are only supported in versions of zsh >= 5.2.`,
  example: `  # Load the kubectl completion code for bash into the current shell
  source <(kubectl completion bash)`,
  run(inv) {
    if (inv.args.length === 0) return failure("error: Shell not specified.\nSee 'kubectl completion -h' for help and examples");
    if (inv.args.length > 1) return failure("error: Too many arguments. Expected only the shell type.\nSee 'kubectl completion -h' for help and examples");
    const shell = inv.args[0]!;
    if (!COMPLETION_SHELLS.includes(shell)) return failure(`error: Unsupported shell type "${shell}".\nSee 'kubectl completion -h' for help and examples`);
    // The sandbox's terminal completes kubectl itself; the script only needs to be harmless to source.
    return {
      stdout: `# ${shell} completion V2 for kubectl                                  -*- shell-script -*-\n# In this sandbox, Tab completion for kubectl is built into the terminal.\n`,
      stderr: '',
      exitCode: 0,
    };
  },
};
