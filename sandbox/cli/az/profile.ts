// Who az is signed in as: ~/.azure/azureProfile.json, as az keeps it. A sandbox starts signed
// in (no file yet means "the subscription of the world"); `az logout` empties the list and
// `az login` fills it again.
import type { MemFS } from '../../shell/memfs.ts';
import type { World } from '../../model/world.ts';

export const PROFILE_PATH = '.azure/azureProfile.json';
export const CONFIG_PATH = '.azure/config';

export interface ProfileSubscription {
  id: string;
  name: string;
  state: 'Enabled';
  user: { name: string; type: 'user' };
  isDefault: boolean;
  tenantId: string;
  environmentName: 'AzureCloud';
  homeTenantId: string;
  tenantDefaultDomain: string;
  tenantDisplayName: string;
  managedByTenants: unknown[];
}

export function tenantDomain(world: World): string {
  const user = world.state.subscription.user;
  const domain = user.includes('@') ? user.slice(user.indexOf('@') + 1) : 'contoso.com';
  return `${domain.split('.')[0]}.onmicrosoft.com`;
}

export function tenantName(world: World): string {
  const label = tenantDomain(world).split('.')[0]!;
  return label[0]!.toUpperCase() + label.slice(1);
}

export function worldSubscription(world: World): ProfileSubscription {
  const sub = world.state.subscription;
  return {
    id: sub.id,
    name: sub.name,
    state: 'Enabled',
    user: { name: sub.user, type: 'user' },
    isDefault: true,
    tenantId: sub.tenantId,
    environmentName: 'AzureCloud',
    homeTenantId: sub.tenantId,
    tenantDefaultDomain: tenantDomain(world),
    tenantDisplayName: tenantName(world),
    managedByTenants: [],
  };
}

function path(home: string, file: string): string {
  return `${home.replace(/\/$/, '')}/${file}`;
}

/** The subscriptions az knows; the world's one when no profile was written yet. */
export function readProfile(fs: MemFS, home: string, world: World): ProfileSubscription[] {
  const file = path(home, PROFILE_PATH);
  if (!fs.exists(file)) return [worldSubscription(world)];
  try {
    const parsed = JSON.parse(fs.readFile(file)) as { subscriptions?: ProfileSubscription[] };
    return Array.isArray(parsed.subscriptions) ? parsed.subscriptions : [];
  } catch {
    return [];
  }
}

export function writeProfile(fs: MemFS, home: string, subscriptions: ProfileSubscription[]): void {
  const dir = path(home, '.azure');
  if (!fs.exists(dir)) fs.mkdir(dir, { recursive: true });
  fs.writeFile(path(home, PROFILE_PATH), `${JSON.stringify({ subscriptions }, null, 2)}\n`);
}

/** `[defaults]` of ~/.azure/config (`az configure --defaults group=rg1`). */
export function readConfigDefaults(fs: MemFS, home: string): Record<string, string> {
  const file = path(home, CONFIG_PATH);
  if (!fs.exists(file)) return {};
  const out: Record<string, string> = {};
  let section = '';
  for (const line of fs.readFile(file).split('\n')) {
    const header = /^\s*\[(.+)\]\s*$/.exec(line);
    if (header) section = header[1]!.trim();
    else if (section === 'defaults') {
      const kv = /^\s*([^=#;]+?)\s*=\s*(.*?)\s*$/.exec(line);
      if (kv) out[kv[1]!] = kv[2]!;
    }
  }
  return out;
}

export function writeConfigDefaults(fs: MemFS, home: string, defaults: Record<string, string>): void {
  const dir = path(home, '.azure');
  if (!fs.exists(dir)) fs.mkdir(dir, { recursive: true });
  const lines = ['[defaults]', ...Object.entries(defaults).map(([k, v]) => `${k} = ${v}`), ''];
  fs.writeFile(path(home, CONFIG_PATH), lines.join('\n'));
}
