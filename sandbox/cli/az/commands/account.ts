// az login / logout / account show|list|set|clear / configure --defaults.
import { azureError, cliError } from '../../../model/azure/errors.ts';
import { knownRegions } from '../../../model/azure/regions.ts';
import type { CommandSpec } from '../spec.ts';
import { readConfigDefaults, readProfile, worldSubscription, writeConfigDefaults, writeProfile, type ProfileSubscription } from '../profile.ts';
import { flag, list, str } from './common.ts';

function listed(sub: ProfileSubscription): Record<string, unknown> {
  const { environmentName, ...rest } = sub;
  return { cloudName: environmentName, ...rest };
}

function accountTable(result: unknown): unknown {
  return (result as Record<string, unknown>[]).map((r) => ({
    Name: r.name,
    CloudName: r.cloudName,
    SubscriptionId: r.id,
    TenantId: r.tenantId,
    State: r.state,
    IsDefault: r.isDefault,
  }));
}

const SUBSCRIPTION_OPT = {
  dest: 'subscription',
  options: ['--subscription', '-s', '--name', '-n'],
  help: 'Name or ID of subscription.',
};

export const accountCommands: CommandSpec[] = [
  {
    name: 'login',
    summary: 'Log in to Azure.',
    long:
      'By default, this command logs in with a user account. Azure CLI will try to launch a web browser to log in interactively. If a web browser is not available, Azure CLI will fall back to device code login.',
    args: [
      { dest: 'use_device_code', options: ['--use-device-code'], kind: 'flag', help: 'Use CLI\'s old authentication flow based on device code. CLI will also use this if it can\'t launch a browser in your system, e.g. in remote SSH or Cloud Shell.' },
      { dest: 'tenant', options: ['--tenant', '-t'], help: 'The Microsoft Entra tenant, must be provided when using a service principal.' },
      { dest: 'username', options: ['--username', '-u'], help: 'User name, service principal client ID, or managed identity ID.' },
      { dest: 'identity', options: ['--identity'], kind: 'flag', help: 'Log in using managed identity.' },
      { dest: 'allow_no_subscriptions', options: ['--allow-no-subscriptions'], kind: 'flag', help: "Support accessing tenants without subscriptions. It's useful to run tenant-level commands, such as 'az ad'." },
    ],
    examples: [
      { name: 'Log in interactively.', text: 'az login' },
      { name: 'Log in with device code.', text: 'az login --use-device-code' },
    ],
    run(inv) {
      const sub = worldSubscription(inv.world);
      writeProfile(inv.ctx.fs, inv.ctx.host.home, [sub]);
      if (flag(inv, 'use_device_code')) {
        const code = inv.world.hex(`device-code:${inv.world.next('device-code')}`, 9).toUpperCase();
        inv.warn(`To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code ${code} to authenticate.`);
      } else if (!flag(inv, 'identity')) {
        inv.warn(
          'A web browser has been opened at https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize. Please continue the login in the web browser. If no web browser is available or if the web browser fails to open, use device code flow with `az login --use-device-code`.',
        );
      }
      return { result: [listed(sub)] };
    },
  },
  {
    name: 'logout',
    summary: 'Log out to remove access to Azure subscriptions.',
    args: [{ dest: 'username', options: ['--username'], help: 'Account user, if missing, logout the current active account.' }],
    run(inv) {
      const subs = readProfile(inv.ctx.fs, inv.ctx.host.home, inv.world);
      if (subs.length === 0) return cliError('CLIError', "There are no active accounts.");
      writeProfile(inv.ctx.fs, inv.ctx.host.home, []);
      return { result: undefined };
    },
  },
  {
    name: 'account show',
    summary: 'Get the details of a subscription.',
    long: "If the subscription isn't specified, shows the details of the default subscription.",
    args: [{ ...SUBSCRIPTION_OPT, help: 'Name or ID of subscription.' }],
    examples: [{ name: 'Get the details of the default subscription.', text: 'az account show' }],
    run(inv) {
      const subs = readProfile(inv.ctx.fs, inv.ctx.host.home, inv.world);
      const wanted = str(inv, 'subscription');
      const sub = wanted ? subs.find((s) => s.id === wanted || s.name.toLowerCase() === wanted.toLowerCase()) : (subs.find((s) => s.isDefault) ?? subs[0]);
      if (!sub) return cliError('CLIError', `Subscription '${wanted}' not found. Check the spelling and casing and try again.`);
      return { result: sub };
    },
  },
  {
    name: 'account list',
    summary: 'Get a list of subscriptions for the logged in account. By default, only \'Enabled\' subscriptions from the current cloud is shown.',
    args: [
      { dest: 'all', options: ['--all'], kind: 'flag', help: "List all subscriptions from all clouds, rather than just 'Enabled' ones." },
      { dest: 'refresh', options: ['--refresh'], kind: 'flag', help: 'Retrieve up-to-date subscriptions from server.' },
    ],
    table: accountTable,
    run(inv) {
      return { result: readProfile(inv.ctx.fs, inv.ctx.host.home, inv.world).map(listed) };
    },
  },
  {
    name: 'account set',
    summary: 'Set a subscription to be the current active subscription.',
    args: [{ ...SUBSCRIPTION_OPT, required: true, help: 'Name or ID of subscription.' }],
    run(inv) {
      const subs = readProfile(inv.ctx.fs, inv.ctx.host.home, inv.world);
      const wanted = str(inv, 'subscription')!;
      const sub = subs.find((s) => s.id === wanted || s.name.toLowerCase() === wanted.toLowerCase());
      if (!sub) return cliError('CLIError', `The subscription of '${wanted}' doesn't exist in cloud 'AzureCloud'.`);
      writeProfile(inv.ctx.fs, inv.ctx.host.home, subs.map((s) => ({ ...s, isDefault: s.id === sub.id })));
      return { result: undefined };
    },
  },
  {
    name: 'account clear',
    summary: 'Clear all subscriptions from the CLI\'s local cache.',
    args: [],
    run(inv) {
      writeProfile(inv.ctx.fs, inv.ctx.host.home, []);
      return { result: undefined };
    },
  },
  {
    name: 'account list-locations',
    summary: 'List supported regions for the current subscription.',
    args: [],
    table: (result) => (result as Record<string, unknown>[]).map((r) => ({ DisplayName: r.displayName, Name: r.name, RegionalDisplayName: r.regionalDisplayName })),
    run() {
      return {
        result: knownRegions().map((name) => ({
          displayName: name,
          id: `/subscriptions/locations/${name}`,
          metadata: null,
          name,
          regionalDisplayName: name,
          type: 'Region',
        })),
      };
    },
  },
  {
    name: 'configure',
    summary: 'Manage Azure CLI configuration. This command is interactive.',
    args: [
      { dest: 'defaults', options: ['--defaults', '-d'], kind: 'list', help: "Space-separated 'name=value' pairs for common argument defaults." },
      { dest: 'scope', options: ['--scope'], choices: ['global', 'local'], default: 'global', help: 'Scope of defaults. Using "local" for settings only effective under current folder.' },
    ],
    examples: [{ name: 'Set default resource group, webapp and VM names.', text: 'az configure --defaults group=myRG web=myweb vm=myvm' }],
    run(inv) {
      const pairs = list(inv, 'defaults');
      if (!pairs) return azureError('cli', 'CLIError', 'This command is interactive and no tty is available.', 1);
      const current = readConfigDefaults(inv.ctx.fs, inv.ctx.host.home);
      for (const pair of pairs) {
        const at = pair.indexOf('=');
        if (at < 0) return cliError('CLIError', `usage error: --defaults STRING=STRING STRING=STRING ...`);
        const key = pair.slice(0, at);
        const value = pair.slice(at + 1);
        if (value === '') delete current[key];
        else current[key] = value;
      }
      writeConfigDefaults(inv.ctx.fs, inv.ctx.host.home, current);
      return { result: undefined };
    },
  },
];
