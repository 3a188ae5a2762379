// kubectl config (pkg/cmd/config): view (merged, secrets shown as DATA+OMITTED / REDACTED unless
// --raw, --minify), get-contexts, get-clusters, get-users, current-context, use-context,
// set-context (--current, --namespace, --cluster, --user), delete-context, delete-cluster,
// delete-user, rename-context. Changes are written back to the file that holds the entry.
import { emptyKubeconfig, type Kubeconfig } from '../../../model/kubeconfig.ts';
import type { CommandResult } from '../../../shell/types.ts';
import type { Invocation, KubectlCommand, CompletionRequest } from '../cli/command.ts';
import { failure, ok } from '../cli/output.ts';
import { configView } from '../client/client.ts';
import { fileDefining, loadKubeconfig, readConfigFile, writeConfigFile, type LoadedConfig } from '../client/kubeconfig-files.ts';
import { parseOutputFormat, printObjects } from '../printers/output.ts';
import { GET_TABS, tabAlign } from '../printers/tabwriter.ts';
import { toYaml } from '../printers/yaml.ts';
import { goJson } from '../jsonpath/go-format.ts';
import type { K8sObject } from '../../../model/k8s/types.ts';

function load(inv: Invocation): LoadedConfig | CommandResult {
  const result = loadKubeconfig({
    fs: inv.env.fs,
    env: inv.env.env,
    cwd: inv.env.cwd,
    home: inv.env.env['HOME'] || inv.env.host.home,
    explicitPath: inv.flags.string('kubeconfig') || undefined,
    text: inv.env.kubeconfigText,
  });
  if (!result.ok) return failure(`error: ${result.message}`);
  return result.loaded;
}

function isLoaded(v: LoadedConfig | CommandResult): v is LoadedConfig {
  return 'config' in v;
}

/** Edits one kubeconfig file in place (the one holding the entry, or the first one). */
function edit(inv: Invocation, loaded: LoadedConfig, path: string, change: (c: Kubeconfig) => string | undefined): string | undefined {
  if (!path) return 'cannot modify a kubeconfig given as text';
  const current = readConfigFile(inv.env.fs, path);
  if (typeof current === 'string') return current;
  const error = change(current);
  if (error) return error;
  writeConfigFile(inv.env.fs, path, current);
  void loaded;
  return undefined;
}

function contextNames(req: CompletionRequest): string[] {
  const view = configView(req.env, req.flags);
  if ('exitCode' in view) return [];
  return view.config.contexts.map((c) => c?.name).filter((n): n is string => typeof n === 'string' && n.startsWith(req.partial));
}

function shortened(config: Kubeconfig, raw: boolean): Kubeconfig {
  const copy = JSON.parse(JSON.stringify(config)) as Kubeconfig;
  if (raw) return copy;
  for (const c of copy.clusters) if (c?.cluster?.['certificate-authority-data']) c.cluster['certificate-authority-data'] = 'DATA+OMITTED';
  for (const u of copy.users) {
    const user = u?.user;
    if (!user) continue;
    if (user['client-certificate-data']) user['client-certificate-data'] = 'DATA+OMITTED';
    if (user['client-key-data']) user['client-key-data'] = 'DATA+OMITTED';
    if (user.token) user.token = 'REDACTED';
    if (user['password']) user['password'] = 'REDACTED';
  }
  return copy;
}

function byName<T extends { name: string }>(list: T[]): T[] {
  return [...list].filter((e) => e && typeof e.name === 'string').sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function orNull<T>(list: T[]): T[] | null {
  return list.length > 0 ? list : null;
}

const view: KubectlCommand = {
  name: 'view',
  use: '[flags]',
  short: 'Display merged kubeconfig settings or a specified kubeconfig file',
  long: `Display merged kubeconfig settings or a specified kubeconfig file.

 You can use --output jsonpath={...} to extract specific values using a jsonpath expression.`,
  example: `  # Show merged kubeconfig settings
  kubectl config view

  # Show merged kubeconfig settings, raw certificate data, and exposed secrets
  kubectl config view --raw

  # Get the password for the e2e user
  kubectl config view -o jsonpath='{.users[?(@.name == "e2e")].user.password}'`,
  flags: [
    { name: 'allow-missing-template-keys', type: 'bool', defValue: 'true', usage: 'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.' },
    { name: 'flatten', type: 'bool', defValue: 'false', usage: 'Flatten the resulting kubeconfig file into self-contained output (useful for creating portable kubeconfig files)' },
    { name: 'merge', type: 'bool', defValue: 'true', usage: 'Merge the full hierarchy of kubeconfig files' },
    { name: 'minify', type: 'bool', defValue: 'false', usage: 'Remove all information not used by current-context from the output' },
    { name: 'output', shorthand: 'o', type: 'string', defValue: 'yaml', usage: 'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).' },
    { name: 'raw', type: 'bool', defValue: 'false', usage: 'Display raw byte data and sensitive data' },
    { name: 'show-managed-fields', type: 'bool', defValue: 'false', usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.' },
    { name: 'template', type: 'string', usage: 'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].' },
  ],
  run(inv) {
    if (inv.args.length > 0) return failure(`error: unexpected arguments: [${inv.args.join(' ')}]\nSee 'kubectl config view -h' for help and examples`);
    const loaded = load(inv);
    if (!isLoaded(loaded)) return loaded;
    let config = JSON.parse(JSON.stringify(loaded.config)) as Kubeconfig;
    if (inv.flags.bool('minify')) {
      const name = inv.flags.string('context') || config['current-context'];
      if (!name) return failure('error: current-context must exist in order to minify');
      const ctx = config.contexts.find((c) => c?.name === name);
      if (!ctx) return failure(`error: cannot locate context ${name}`);
      const cluster = config.clusters.filter((c) => c?.name === ctx.context.cluster);
      if (ctx.context.cluster && cluster.length === 0) return failure(`error: cannot locate cluster ${ctx.context.cluster}`);
      const user = config.users.filter((u) => u?.name === ctx.context.user);
      if (ctx.context.user && user.length === 0) return failure(`error: cannot locate user ${ctx.context.user}`);
      config = { ...config, 'current-context': name, contexts: [ctx], clusters: cluster, users: user };
    }
    const shown = shortened(config, inv.flags.bool('raw') || inv.flags.bool('flatten'));
    const ordered: Record<string, unknown> = {
      apiVersion: shown.apiVersion || 'v1',
      // The v1 conversion leaves a slice nil when the map is empty: `clusters: null`.
      clusters: orNull(byName(shown.clusters)),
      contexts: orNull(byName(shown.contexts)),
      'current-context': shown['current-context'] ?? '',
      kind: shown.kind || 'Config',
      preferences: shown.preferences ?? {},
      users: orNull(byName(shown.users)),
    };
    const output = inv.flags.string('output', 'yaml') || 'yaml';
    if (output === 'yaml') return ok(toYaml(ordered));
    if (output === 'json') return ok(`${goJson(ordered, '    ')}\n`);
    const format = parseOutputFormat(output, { forGet: false, fs: inv.env.fs, cwd: inv.env.cwd, template: inv.flags.string('template') || undefined, allowMissingKeys: inv.flags.bool('allow-missing-template-keys', true) });
    if (typeof format === 'string') return failure(`error: ${format}`);
    const printed = printObjects(format, [ordered as unknown as K8sObject], true);
    return printed.ok ? ok(printed.text) : failure(printed.error, printed.text);
  },
};

const getContexts: KubectlCommand = {
  name: 'get-contexts',
  use: '[(-o|--output=)name)]',
  short: 'Describe one or many contexts',
  long: 'Display one or many contexts from the kubeconfig file.',
  example: `  # List all the contexts in your kubeconfig file
  kubectl config get-contexts

  # Describe one context in your kubeconfig file
  kubectl config get-contexts my-context`,
  flags: [
    { name: 'no-headers', type: 'bool', defValue: 'false', usage: "When using the default or custom-column output format, don't print headers (default print headers)." },
    { name: 'output', shorthand: 'o', type: 'string', usage: 'Output format. One of: (name).', values: ['name'] },
  ],
  run(inv) {
    const output = inv.flags.string('output');
    if (output && output !== 'name') return failure(`error: --output ${output} is not available in kubectl config get-contexts; resetting to default output format`);
    const loaded = load(inv);
    if (!isLoaded(loaded)) return loaded;
    const config = loaded.config;
    const errors: string[] = [];
    let names = config.contexts.map((c) => c?.name).filter((n): n is string => typeof n === 'string');
    if (inv.args.length > 0) {
      for (const a of inv.args) if (!names.includes(a)) errors.push(`error: context ${a} not found`);
      names = inv.args.filter((a) => names.includes(a));
    }
    names.sort();
    let text: string;
    if (output === 'name') text = names.map((n) => `${n}\n`).join('');
    else {
      const rows: string[] = [];
      if (!inv.flags.bool('no-headers')) rows.push('CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE');
      for (const n of names) {
        const ctx = config.contexts.find((c) => c?.name === n)!.context ?? ({} as Kubeconfig['contexts'][number]['context']);
        rows.push(`${config['current-context'] === n ? '*' : ' '}\t${n}\t${ctx.cluster ?? ''}\t${ctx.user ?? ''}\t${ctx.namespace ?? ''}`);
      }
      text = rows.length > 0 ? tabAlign(`${rows.join('\n')}\n`, GET_TABS) : '';
    }
    if (errors.length > 0) return failure(errors.join('\n'), text);
    return ok(text);
  },
  completeArgs: contextNames,
};

function listNames(title: string, key: 'clusters' | 'users'): KubectlCommand {
  return {
    name: key === 'clusters' ? 'get-clusters' : 'get-users',
    use: '[flags]',
    short: key === 'clusters' ? 'Display clusters defined in the kubeconfig' : 'Display users defined in the kubeconfig',
    long: key === 'clusters' ? 'Display clusters defined in the kubeconfig.' : 'Display users defined in the kubeconfig.',
    example: `  # List the ${key} that kubectl knows about\n  kubectl config get-${key}`,
    run(inv) {
      const loaded = load(inv);
      if (!isLoaded(loaded)) return loaded;
      const names = (loaded.config[key] as { name: string }[]).map((e) => e?.name).filter((n): n is string => typeof n === 'string').sort();
      return ok(`${title}\n${names.map((n) => `${n}\n`).join('')}`);
    },
  };
}

const currentContext: KubectlCommand = {
  name: 'current-context',
  use: '[flags]',
  short: 'Display the current-context',
  long: 'Display the current-context.',
  example: '  # Display the current-context\n  kubectl config current-context',
  run(inv) {
    const loaded = load(inv);
    if (!isLoaded(loaded)) return loaded;
    const name = loaded.config['current-context'];
    if (!name) return failure('error: current-context is not set');
    return ok(`${name}\n`);
  },
};

const useContext: KubectlCommand = {
  name: 'use-context',
  aliases: ['use'],
  use: 'CONTEXT_NAME',
  short: 'Set the current-context in a kubeconfig file',
  long: 'Set the current-context in a kubeconfig file.',
  example: "  # Use the context for the minikube cluster\n  kubectl config use-context minikube",
  run(inv) {
    if (inv.args.length > 1) return failure(`error: Unexpected args: [${inv.args.slice(1).join(' ')}]\nSee 'kubectl config use-context -h' for help and examples`);
    const name = inv.args[0] ?? '';
    if (!name) return failure('error: empty context names are not allowed');
    const loaded = load(inv);
    if (!isLoaded(loaded)) return loaded;
    if (!loaded.config.contexts.some((c) => c?.name === name)) return failure(`error: no context exists with the name: "${name}"`);
    const error = edit(inv, loaded, loaded.writeTarget, (c) => {
      c['current-context'] = name;
      return undefined;
    });
    if (error) return failure(`error: ${error}`);
    return ok(`Switched to context "${name}".\n`);
  },
  completeArgs: (req) => (req.args.length === 0 ? contextNames(req) : []),
};

const setContext: KubectlCommand = {
  name: 'set-context',
  use: '[NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace]',
  short: 'Set a context entry in kubeconfig',
  long: `Set a context entry in kubeconfig.

 Specifying a name that already exists will merge new fields on top of existing values for those fields.`,
  example: `  # Set the user field on the gce context entry without touching other values
  kubectl config set-context gce --user=cluster-admin

  # Make the current context use another namespace
  kubectl config set-context --current --namespace=kube-system`,
  // Local --cluster, --user and --namespace shadow the global flags of those names, so in
  // kubectl 1.34 the global -n shorthand is not available here (1.35 adds -n to the local one).
  flags: [
    { name: 'cluster', type: 'string', usage: 'cluster for the context entry in kubeconfig' },
    { name: 'current', type: 'bool', defValue: 'false', usage: 'Modify the current context' },
    { name: 'namespace', type: 'string', usage: 'namespace for the context entry in kubeconfig' },
    { name: 'user', type: 'string', usage: 'user for the context entry in kubeconfig' },
  ],
  run(inv) {
    const current = inv.flags.bool('current');
    if (inv.args.length > 1) return failure(`error: Unexpected args: [${inv.args.join(' ')}]\nSee 'kubectl config set-context -h' for help and examples`);
    const given = inv.args[0] ?? '';
    if (!given && !current) return failure('error: you must specify a non-empty context name or --current');
    if (given && current) return failure('error: you cannot specify both a context name and --current');
    const loaded = load(inv);
    if (!isLoaded(loaded)) return loaded;
    const name = current ? loaded.config['current-context'] : given;
    if (!name) return failure('error: no current context is set');
    const existed = loaded.config.contexts.some((c) => c?.name === name);
    const path = existed ? fileDefining(inv.env.fs, loaded, 'contexts', name) : loaded.writeTarget;
    const error = edit(inv, loaded, path, (c) => {
      let entry = c.contexts.find((x) => x?.name === name);
      if (!entry) {
        entry = { name, context: { cluster: '', user: '' } };
        c.contexts.push(entry);
      }
      entry.context ??= { cluster: '', user: '' };
      if (inv.flags.changed('cluster')) entry.context.cluster = inv.flags.string('cluster');
      if (inv.flags.changed('user')) entry.context.user = inv.flags.string('user');
      if (inv.flags.changed('namespace')) {
        if (inv.flags.string('namespace')) entry.context.namespace = inv.flags.string('namespace');
        else delete entry.context.namespace;
      }
      return undefined;
    });
    if (error) return failure(`error: ${error}`);
    return ok(`Context "${name}" ${existed ? 'modified' : 'created'}.\n`);
  },
  completeArgs: (req) => (req.args.length === 0 ? contextNames(req) : []),
};

function deleteEntry(key: 'contexts' | 'clusters' | 'users'): KubectlCommand {
  const singular = key.slice(0, -1);
  return {
    name: `delete-${singular}`,
    use: 'NAME',
    short: `Delete the specified ${singular} from the kubeconfig`,
    long: `Delete the specified ${singular} from the kubeconfig.`,
    example: `  # Delete the ${singular} for the minikube cluster\n  kubectl config delete-${singular} minikube`,
    run(inv) {
      const name = inv.args[0];
      if (!name || inv.args.length !== 1) return failure(`error: Unexpected args: [${inv.args.join(' ')}]\nSee 'kubectl config delete-${singular} -h' for help and examples`);
      const loaded = load(inv);
      if (!isLoaded(loaded)) return loaded;
      const path = fileDefining(inv.env.fs, loaded, key, name);
      let warning = '';
      const error = edit(inv, loaded, path, (c) => {
        const list = c[key] as { name: string }[];
        const i = list.findIndex((e) => e?.name === name);
        if (i < 0) return `cannot delete ${singular} ${name}, not in ${path}`;
        list.splice(i, 1);
        if (key === 'contexts' && c['current-context'] === name) warning = `warning: this removed your active context, use "kubectl config use-context" to select a different one\n`;
        return undefined;
      });
      if (error) return failure(`error: ${error}`);
      return { stdout: `deleted ${singular} ${name} from ${path}\n`, stderr: warning, exitCode: 0 };
    },
    completeArgs: key === 'contexts' ? (req) => (req.args.length === 0 ? contextNames(req) : []) : undefined,
  };
}

const renameContext: KubectlCommand = {
  name: 'rename-context',
  use: 'CONTEXT_NAME NEW_NAME',
  short: 'Rename a context from the kubeconfig file',
  long: 'Renames a context from the kubeconfig file.',
  example: "  # Rename the context 'old-name' to 'new-name' in your kubeconfig file\n  kubectl config rename-context old-name new-name",
  run(inv) {
    if (inv.args.length !== 2) return failure(`error: Unexpected args: [${inv.args.join(' ')}]\nSee 'kubectl config rename-context -h' for help and examples`);
    const [from, to] = inv.args as [string, string];
    if (!to) return failure('error: You must specify a new non-empty context name');
    const loaded = load(inv);
    if (!isLoaded(loaded)) return loaded;
    const path = fileDefining(inv.env.fs, loaded, 'contexts', from);
    const error = edit(inv, loaded, path, (c) => {
      const entry = c.contexts.find((x) => x?.name === from);
      if (!entry) return `cannot rename the context "${from}", it's not in ${path}`;
      if (c.contexts.some((x) => x?.name === to)) return `cannot rename the context "${from}", the context "${to}" already exists in ${path}`;
      entry.name = to;
      if (c['current-context'] === from) c['current-context'] = to;
      return undefined;
    });
    if (error) return failure(`error: ${error}`);
    return ok(`Context "${from}" renamed to "${to}".\n`);
  },
  completeArgs: (req) => (req.args.length === 0 ? contextNames(req) : []),
};

export const configCommand: KubectlCommand = {
  name: 'config',
  use: 'SUBCOMMAND',
  short: 'Modify kubeconfig files',
  long: `Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".

 The loading order follows these rules:

  1.  If the --kubeconfig flag is set, then only that file is loaded. The flag may only be set once and no merging takes place.
  2.  If $KUBECONFIG environment variable is set, then it is used as a list of paths (normal path delimiting rules for your system). These paths are merged. When a value is modified, it is modified in the file that defines the stanza. When a value is created, it is created in the first file that exists. If no files in the chain exist, then it creates the last file in the list.
  3.  Otherwise, \${HOME}/.kube/config is used and no merging takes place.`,
  subcommands: [currentContext, deleteEntry('clusters'), deleteEntry('contexts'), deleteEntry('users'), listNames('NAME', 'clusters'), getContexts, listNames('NAME', 'users'), renameContext, setContext, useContext, view],
};

export { emptyKubeconfig };
