// kubectl create (pkg/cmd/create): -f manifests, and the generators `create deployment`,
// `create service clusterip|nodeport|loadbalancer|externalname`, `create namespace`,
// `create configmap`, `create secret generic` and `create serviceaccount`, building the same
// objects kubectl builds.
import { createObject, isK8sApiError } from '../../../apiserver/index.ts';
import type { CommandResult } from '../../../shell/types.ts';
import { DRY_RUN_FLAG, dryRunMode, FIELD_MANAGER, filenameFlags, printFlags, SELECTOR_FLAG, VALIDATE_FLAG } from '../cli/common-flags.ts';
import type { Invocation, KubectlCommand } from '../cli/command.ts';
import { failure, Output } from '../cli/output.ts';
import { connectClient, isResult } from '../client/client.ts';
import { readManifestArgs } from '../client/manifests.ts';
import { operationText, sourcedError, withLastApplied } from '../client/writes.ts';
import { base64Encode } from '../../../apiserver/index.ts';
import { parseOutputFormat, type OutputFormat } from '../printers/output.ts';
import { namespaceMismatch } from './apply.ts';
import { finish, generatorFlags, isPrepared, nameFromArgs, prepare, SAVE_CONFIG_FLAG, submit } from './generated.ts';

function meta(name: string, prep: { explicitNamespace: boolean; namespace: string }, labels?: Record<string, string>): Record<string, unknown> {
  const m: Record<string, unknown> = {};
  if (labels) m['labels'] = labels;
  m['name'] = name;
  if (prep.explicitNamespace) m['namespace'] = prep.namespace;
  return m;
}

/** The container name kubectl derives from an image (`nginx:1.27` → `nginx`). */
export function containerNameFor(image: string, unique: () => string): string {
  let name = image.split('/').pop() ?? image;
  if (name.includes(':')) name = name.split(':')[0]!;
  if (name.includes('@')) name = name.split('@')[0]!;
  if (/[_.]/.test(name)) name = `${name.replace(/[_.]/g, '-')}-${unique()}`;
  return name;
}

const ALPHANUM = 'bcdfghjklmnpqrstvwxz2456789';

function randomSuffix(inv: Invocation): () => string {
  return () => {
    const n = inv.env.sim.world.hash(`kubectl-name:${inv.env.sim.world.next('kubectl-name')}`);
    let out = '';
    let v = n;
    for (let i = 0; i < 5; i++) {
      out += ALPHANUM[v % ALPHANUM.length];
      v = Math.floor(v / ALPHANUM.length) + 7919 * (i + 1);
    }
    return out;
  };
}

const createDeployment: KubectlCommand = {
  name: 'deployment',
  aliases: ['deploy'],
  use: 'NAME --image=image -- [COMMAND] [args...]',
  short: 'Create a deployment with the specified name',
  long: 'Create a deployment with the specified name.',
  example: `  # Create a deployment named my-dep that runs the busybox image
  kubectl create deployment my-dep --image=busybox

  # Create a deployment with a command
  kubectl create deployment my-dep --image=busybox -- date

  # Create a deployment named my-dep that runs the nginx image with 3 replicas
  kubectl create deployment my-dep --image=nginx --replicas=3

  # Create a deployment named my-dep that runs the busybox image and expose port 5701
  kubectl create deployment my-dep --image=busybox --port=5701`,
  flags: [
    ...generatorFlags(),
    { name: 'image', type: 'stringSlice', defValue: '[]', usage: 'Image names to run. A deployment can have multiple images set for multi-container pod.' },
    { name: 'port', type: 'int', defValue: '-1', usage: 'The containerPort that this deployment exposes.' },
    { name: 'replicas', shorthand: 'r', type: 'int', defValue: '1', usage: 'Number of replicas to create. Default is 1.' },
  ],
  required: ['image'],
  run(inv) {
    const name = nameFromArgs(inv);
    if (typeof name !== 'string') return name;
    const command = inv.argsLenAtDash >= 0 ? inv.args.slice(inv.argsLenAtDash) : inv.args.slice(1);
    const images = inv.flags.list('image');
    if (images.length > 1 && command.length > 0) return failure('error: cannot specify multiple --image options and command');
    const prep = prepare(inv);
    if (!isPrepared(prep)) return prep;
    const labels = { app: name };
    const unique = randomSuffix(inv);
    const containers = images.map((image) => {
      const c: Record<string, unknown> = { image, name: containerNameFor(image, unique) };
      if (command.length > 0) c['command'] = command;
      c['resources'] = {};
      return c;
    });
    const port = inv.flags.int('port', -1);
    if (port >= 0 && containers.length > 0) containers[0]!['ports'] = [{ containerPort: port }];
    const deploy = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: meta(name, prep, labels),
      spec: {
        replicas: inv.flags.int('replicas', 1),
        selector: { matchLabels: labels },
        strategy: {},
        template: { metadata: { labels }, spec: { containers } },
      },
      status: {},
    };
    return finish(submit(inv, prep, deploy, { wrapError: (e) => `error: failed to create deployment: ${e.message}` }));
  },
};

function serviceCommand(type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName'): KubectlCommand {
  const sub = type.toLowerCase();
  const flags = [...generatorFlags()];
  if (type !== 'ExternalName') flags.push({ name: 'tcp', type: 'stringSlice', defValue: '[]', usage: 'Port pairs can be specified as \'<port>:<targetPort>\'.' });
  if (type === 'ClusterIP') flags.push({ name: 'clusterip', type: 'string', usage: 'Assign your own ClusterIP or set to \'None\' for a \'headless\' service (no loadbalancing).' });
  if (type === 'NodePort') flags.push({ name: 'node-port', type: 'int', defValue: '0', usage: 'Port used to expose the service on each node in a cluster.' });
  if (type === 'ExternalName') flags.push({ name: 'external-name', type: 'string', usage: 'External name of service' });
  return {
    name: sub,
    use: type === 'ExternalName' ? 'NAME --external-name external.name [--dry-run=server|client|none]' : type === 'ClusterIP' ? 'NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none]' : 'NAME [--tcp=port:targetPort] [--dry-run=server|client|none]',
    short: `Create a ${type} service`,
    long: `Create a ${type} service with the specified name.`,
    example: `  # Create a new ${type} service named my-cs\n  kubectl create service ${sub} my-cs${type === 'ExternalName' ? ' --external-name bar.com' : ' --tcp=5678:8080'}`,
    flags,
    required: type === 'ExternalName' ? ['external-name'] : undefined,
    run(inv) {
      const name = nameFromArgs(inv);
      if (typeof name !== 'string') return name;
      const clusterIp = inv.flags.string('clusterip');
      if (clusterIp === 'None' && type !== 'ClusterIP') return failure('error: ClusterIP=None can only be used with ClusterIP service type');
      const tcp = inv.flags.list('tcp');
      if (clusterIp !== 'None' && type !== 'ExternalName' && tcp.length === 0) return failure('error: at least one tcp port specifier must be provided');
      const prep = prepare(inv);
      if (!isPrepared(prep)) return prep;
      const ports: Record<string, unknown>[] = [];
      for (const spec of tcp) {
        const [p, t] = spec.split(':');
        const port = Number(p);
        if (!/^\d+$/.test(p ?? '') || port < 1 || port > 65535) return failure(`error: invalid port: ${JSON.stringify(p ?? '')}`);
        const entry: Record<string, unknown> = { name: spec.replace(/:/g, '-'), port, protocol: 'TCP' };
        if (t === undefined) entry['targetPort'] = port;
        else if (/^\d+$/.test(t)) {
          const n = Number(t);
          if (n < 1 || n > 65535) return failure('error: must be between 1 and 65535, inclusive');
          entry['targetPort'] = n;
        } else entry['targetPort'] = t;
        const nodePort = inv.flags.int('node-port', 0);
        if (nodePort) entry['nodePort'] = nodePort;
        ports.push(entry);
      }
      const spec: Record<string, unknown> = {};
      if (clusterIp) spec['clusterIP'] = clusterIp;
      if (type === 'ExternalName') spec['externalName'] = inv.flags.string('external-name');
      if (ports.length > 0) spec['ports'] = ports;
      spec['selector'] = { app: name };
      spec['type'] = type;
      const svc = { apiVersion: 'v1', kind: 'Service', metadata: meta(name, prep, { app: name }), spec, status: { loadBalancer: {} } };
      return finish(submit(inv, prep, svc, { wrapError: (e) => `error: failed to create ${type} service: ${e.message}` }));
    },
  };
}

const createService: KubectlCommand = {
  name: 'service',
  aliases: ['svc'],
  use: '[flags]',
  short: 'Create a service using a specified subcommand',
  long: 'Create a service using a specified subcommand.',
  subcommands: [serviceCommand('ClusterIP'), serviceCommand('ExternalName'), serviceCommand('LoadBalancer'), serviceCommand('NodePort')],
};

const createNamespace: KubectlCommand = {
  name: 'namespace',
  aliases: ['ns'],
  use: 'NAME [--dry-run=server|client|none]',
  short: 'Create a namespace with the specified name',
  long: 'Create a namespace with the specified name.',
  example: '  # Create a new namespace named my-namespace\n  kubectl create namespace my-namespace',
  flags: generatorFlags(),
  run(inv) {
    const name = nameFromArgs(inv);
    if (typeof name !== 'string') return name;
    const prep = prepare(inv);
    if (!isPrepared(prep)) return prep;
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name }, spec: {}, status: {} };
    return finish(submit(inv, prep, ns));
  },
};

function literal(source: string): [string, string] | string {
  const eq = source.indexOf('=');
  if (eq <= 0) return `invalid literal source ${source}, expected key=value`;
  return [source.slice(0, eq), source.slice(eq + 1)];
}

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

function fileSources(inv: Invocation, sources: string[], into: Record<string, string>, what: string): string | undefined {
  for (const source of sources) {
    const eq = source.indexOf('=');
    const key = eq >= 0 ? source.slice(0, eq) : undefined;
    const path = eq >= 0 ? source.slice(eq + 1) : source;
    const abs = inv.env.fs.resolve(inv.env.cwd, path);
    if (!inv.env.fs.exists(abs)) return `error reading ${path}: no such file or directory`;
    const files = inv.env.fs.isDir(abs) ? inv.env.fs.list(abs).filter((f) => inv.env.fs.isFile(`${abs}/${f}`)).map((f) => [f, `${abs}/${f}`] as const) : [[key ?? path.split('/').pop()!, abs] as const];
    if (inv.env.fs.isDir(abs) && key) return 'cannot give a key name for a directory path';
    for (const [name, file] of files) {
      if (name in into) return `cannot add key "${name}", another key by that name already exists in Data for ${what}`;
      into[name] = inv.env.fs.readFile(file);
    }
  }
  return undefined;
}

const createConfigMap: KubectlCommand = {
  name: 'configmap',
  aliases: ['cm'],
  use: 'NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none]',
  short: 'Create a config map from a local file, directory or literal value',
  long: 'Create a config map based on a file, directory, or specified literal value.',
  example: `  # Create a new config map named my-config based on folder bar
  kubectl create configmap my-config --from-file=path/to/bar

  # Create a new config map named my-config with key1=config1 and key2=config2
  kubectl create configmap my-config --from-literal=key1=config1 --from-literal=key2=config2`,
  flags: [
    ...generatorFlags(),
    { name: 'append-hash', type: 'bool', defValue: 'false', usage: 'Append a hash of the configmap to its name.' },
    { name: 'from-env-file', type: 'stringSlice', defValue: '[]', usage: 'Specify the path to a file to read lines of key=val pairs to create a configmap.' },
    { name: 'from-file', type: 'stringSlice', defValue: '[]', usage: 'Key file can be specified using its file path, in which case file basename will be used as configmap key, or optionally with a key and file path, in which case the given key will be used.  Specifying a directory will iterate each named file in the directory whose basename is a valid configmap key.' },
    { name: 'from-literal', type: 'stringArray', defValue: '[]', usage: 'Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)' },
  ],
  run(inv) {
    const name = nameFromArgs(inv);
    if (typeof name !== 'string') return name;
    const prep = prepare(inv);
    if (!isPrepared(prep)) return prep;
    const data: Record<string, string> = {};
    const fromFile = fileSources(inv, inv.flags.list('from-file'), data, `ConfigMap "${name}"`);
    if (fromFile) return failure(`error: ${fromFile}`);
    for (const source of inv.flags.list('from-literal')) {
      const kv = literal(source);
      if (typeof kv === 'string') return failure(`error: ${kv}`);
      if (!CONFIG_KEY.test(kv[0])) return failure(`error: "${kv[0]}" is not a valid key name for a ConfigMap: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`);
      if (kv[0] in data) return failure(`error: cannot add key "${kv[0]}", another key by that name already exists in Data for ConfigMap "${name}"`);
      data[kv[0]] = kv[1];
    }
    const cm: Record<string, unknown> = { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(name, prep) };
    if (Object.keys(data).length > 0) cm['data'] = data;
    return finish(submit(inv, prep, cm, { wrapError: (e) => `error: failed to create configmap: ${e.message}` }));
  },
};

const createSecretGeneric: KubectlCommand = {
  name: 'generic',
  use: 'NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none]',
  short: 'Create a secret from a local file, directory, or literal value',
  long: 'Create a secret based on a file, directory, or specified literal value.',
  example: '  # Create a new secret named my-secret with key1=supersecret and key2=topsecret\n  kubectl create secret generic my-secret --from-literal=key1=supersecret --from-literal=key2=topsecret',
  flags: [
    ...generatorFlags(),
    { name: 'from-file', type: 'stringSlice', defValue: '[]', usage: 'Key files can be specified using their file path, in which case a default name will be given to them, or optionally with a name and file path, in which case the given name will be used.' },
    { name: 'from-literal', type: 'stringArray', defValue: '[]', usage: 'Specify a key and literal value to insert in secret (i.e. mykey=somevalue)' },
    { name: 'type', type: 'string', usage: 'The type of secret to create' },
  ],
  run(inv) {
    const name = nameFromArgs(inv);
    if (typeof name !== 'string') return name;
    const prep = prepare(inv);
    if (!isPrepared(prep)) return prep;
    const plain: Record<string, string> = {};
    const fromFile = fileSources(inv, inv.flags.list('from-file'), plain, `Secret "${name}"`);
    if (fromFile) return failure(`error: ${fromFile}`);
    for (const source of inv.flags.list('from-literal')) {
      const kv = literal(source);
      if (typeof kv === 'string') return failure(`error: ${kv}`);
      if (kv[0] in plain) return failure(`error: cannot add key ${kv[0]}, another key by that name already exists in data: map[]`);
      plain[kv[0]] = kv[1];
    }
    const data = Object.fromEntries(Object.entries(plain).map(([k, v]) => [k, base64Encode(v)]));
    const secret: Record<string, unknown> = { apiVersion: 'v1', kind: 'Secret', metadata: meta(name, prep) };
    if (Object.keys(data).length > 0) secret['data'] = data;
    if (inv.flags.string('type')) secret['type'] = inv.flags.string('type');
    return finish(submit(inv, prep, secret, { wrapError: (e) => `error: failed to create secret ${e.message}` }));
  },
};

const createSecret: KubectlCommand = {
  name: 'secret',
  use: '(docker-registry | generic | tls)',
  short: 'Create a secret using a specified subcommand',
  long: 'Create a secret with specified type.',
  subcommands: [createSecretGeneric],
};

const createServiceAccount: KubectlCommand = {
  name: 'serviceaccount',
  aliases: ['sa'],
  use: 'NAME [--dry-run=server|client|none]',
  short: 'Create a service account with the specified name',
  long: 'Create a service account with the specified name.',
  example: '  # Create a new service account named my-service-account\n  kubectl create serviceaccount my-service-account',
  flags: generatorFlags(),
  run(inv) {
    const name = nameFromArgs(inv);
    if (typeof name !== 'string') return name;
    const prep = prepare(inv);
    if (!isPrepared(prep)) return prep;
    return finish(submit(inv, prep, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(name, prep) }, { wrapError: (e) => `error: failed to create serviceaccount: ${e.message}` }));
  },
};

function runCreateFromFiles(inv: Invocation): CommandResult {
  const { flags } = inv;
  if (inv.args.length > 0) return failure(`error: Unexpected args: [${inv.args.join(' ')}]\nSee 'kubectl create -h' for help and examples`);
  const filenames = flags.list('filename');
  if (filenames.length === 0 && !flags.string('kustomize')) return failure('error: must specify one of -f and -k');
  if (flags.string('kustomize')) return failure('error: kustomize (-k) is not available in this sandbox');
  if (flags.bool('edit')) return failure('error: "kubectl create --edit" needs an editor, which this sandbox does not have; edit the file, then run kubectl create -f again');
  const dryRun = dryRunMode(flags.string('dry-run'));
  if (typeof dryRun !== 'string') return failure(`error: ${dryRun.error}`);
  let format: OutputFormat | undefined;
  if (flags.string('output')) {
    const parsed = parseOutputFormat(flags.string('output'), { forGet: false, fs: inv.env.fs, cwd: inv.env.cwd });
    if (typeof parsed === 'string') return failure(`error: ${parsed}`);
    format = parsed;
  }
  const read = readManifestArgs(inv.env, filenames, flags.bool('recursive'));
  if (!read.ok) return failure(read.error);
  const client = connectClient(inv);
  if (isResult(client)) return client;
  if (read.docs.length === 0) return failure('error: no objects passed to create');
  const out = new Output();
  const errors: string[] = [];
  for (const doc of read.docs) {
    if (!doc.type) {
      errors.push(doc.error ?? 'error: unknown kind');
      continue;
    }
    const mismatch = namespaceMismatch(doc, client);
    if (mismatch) return failure(mismatch, out.stdout);
    const manifest = flags.bool('save-config') ? withLastApplied(doc.raw) : doc.raw;
    if (dryRun === 'client') {
      out.out(operationText(manifest as never, 'created', dryRun, format));
      continue;
    }
    const created = createObject(client.world, client.clusterId, manifest, { namespace: client.namespace, dryRun: dryRun === 'server' });
    if (isK8sApiError(created)) {
      errors.push(sourcedError(created, 'creating', doc.source));
      continue;
    }
    out.out(operationText(created, 'created', dryRun, format));
  }
  client.sim.settle();
  for (const e of errors) out.fail(e);
  return out.result();
}

export const createCommand: KubectlCommand = {
  name: 'create',
  use: '-f FILENAME',
  short: 'Create a resource from a file or from stdin',
  long: `Create a resource from a file or from stdin.

 JSON and YAML formats are accepted.`,
  example: `  # Create a pod using the data in pod.json
  kubectl create -f ./pod.json

  # Create a pod based on the JSON passed into stdin
  cat pod.json | kubectl create -f -

  # Edit the data in registry.yaml in JSON then create the resource using the edited data
  kubectl create -f registry.yaml --edit -o json`,
  flags: [
    ...printFlags(false),
    DRY_RUN_FLAG,
    { name: 'edit', type: 'bool', defValue: 'false', usage: 'Edit the API resource before creating' },
    FIELD_MANAGER('kubectl-create'),
    ...filenameFlags('to use to create the resource'),
    { name: 'raw', type: 'string', usage: 'Raw URI to POST to the server.  Uses the transport specified by the kubeconfig file.' },
    SAVE_CONFIG_FLAG,
    SELECTOR_FLAG,
    VALIDATE_FLAG,
    { name: 'windows-line-endings', type: 'bool', defValue: 'false', usage: 'Only relevant if --edit=true. Defaults to the line ending native to your platform.' },
  ],
  subcommands: [createConfigMap, createDeployment, createNamespace, createSecret, createService, createServiceAccount],
  run: runCreateFromFiles,
};
