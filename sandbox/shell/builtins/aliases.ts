// alias, unalias, set and eval: shell builtins about how input is read.
import { compareText } from '../registry.ts';
import { ALIAS_NAME } from '../session.ts';
import type { CommandDefinition } from '../types.ts';
import { fail, ok } from './util.ts';

/** bash's single-quoting for `alias` and `set` output. */
export function singleQuote(value: string): string {
  return `'${value.replace(/'/g, "'\\''")}'`;
}

export const alias: CommandDefinition = {
  name: 'alias',
  summary: 'define a short name for a command (alias k=kubectl)',
  run(ctx) {
    let args = ctx.argv.slice(1);
    if (args[0] === '-p') args = args.slice(1);
    if (args[0] === '--') args = args.slice(1);
    if (args.length === 0) {
      return ok(ctx.shell.aliases().map(([n, v]) => `alias ${n}=${singleQuote(v)}\n`).join(''));
    }
    let stdout = '';
    let stderr = '';
    for (const arg of args) {
      const eq = arg.indexOf('=');
      if (eq === -1) {
        const found = ctx.shell.aliases().find(([n]) => n === arg);
        if (found) stdout += `alias ${found[0]}=${singleQuote(found[1])}\n`;
        else stderr += `bash: alias: ${arg}: not found\n`;
        continue;
      }
      const name = arg.slice(0, eq);
      if (!ALIAS_NAME.test(name)) {
        stderr += `bash: alias: \`${name}': invalid alias name\n`;
        continue;
      }
      ctx.shell.setAlias(name, arg.slice(eq + 1));
    }
    return { stdout, stderr, exitCode: stderr ? 1 : 0 };
  },
};

export const unalias: CommandDefinition = {
  name: 'unalias',
  summary: 'remove aliases (-a: all of them)',
  run(ctx) {
    const args = ctx.argv.slice(1);
    if (args.length === 0) return fail('unalias: usage: unalias [-a] name [name ...]\n'.replace(/^/, 'bash: '), 2);
    if (args[0] === '-a') {
      for (const [name] of ctx.shell.aliases()) ctx.shell.setAlias(name, null);
      return ok();
    }
    let stderr = '';
    const known = new Set(ctx.shell.aliases().map(([n]) => n));
    for (const name of args) {
      if (known.has(name)) ctx.shell.setAlias(name, null);
      else stderr += `bash: unalias: ${name}: not found\n`;
    }
    return stderr ? fail(stderr) : ok();
  },
};

export const set: CommandDefinition = {
  name: 'set',
  summary: 'list shell variables (options like -e are accepted but have no effect here)',
  run(ctx) {
    const args = ctx.argv.slice(1);
    if (args.length === 0) {
      const lines = ctx.shell
        .variables()
        .sort((a, b) => compareText(a.name, b.name))
        .map((v) => `${v.name}=${/^[A-Za-z0-9_./:,@%+=-]*$/.test(v.value) ? v.value : singleQuote(v.value)}\n`);
      return ok(lines.join(''));
    }
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (arg === '--') break;
      const m = /^[-+]([abefhkmnptuvxBCEHPT]*)(o?)$/.exec(arg);
      if (!m || arg.length < 2) {
        const bad = [...arg.slice(1)].find((c) => !'abefhkmnptuvxBCEHPTo'.includes(c)) ?? '';
        return fail(`bash: set: ${arg[0]}${bad}: invalid option\nset: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n`, 2);
      }
      if (m[2]) i++; // -o takes an option name (pipefail, errexit, ...)
    }
    return ok();
  },
};

export const evalCommand: CommandDefinition = {
  name: 'eval',
  summary: 'run its arguments as a shell command',
  run(ctx) {
    const source = ctx.argv.slice(1).join(' ');
    if (source.trim() === '') return ok();
    return ctx.shell.runScript(source, { subshell: false, stdin: ctx.stdin });
  },
};
