// Variables: export, unset, env, read.
import { DEFAULT_IFS, splitForRead } from '../ifs.ts';
import { compareText } from '../registry.ts';
import type { CommandDefinition } from '../types.ts';
import { fail, ok } from './util.ts';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `declare -x` quoting: inside double quotes, escape " \ $ and `. */
function declareQuote(value: string): string {
  return `"${value.replace(/["\\$`]/g, '\\$&')}"`;
}

export const exportCommand: CommandDefinition = {
  name: 'export',
  summary: 'set a variable and pass it to the commands you run',
  run(ctx) {
    let args = ctx.argv.slice(1);
    let unexport = false;
    while (args.length > 0 && /^-[fnp]+$/.test(args[0])) {
      if (args[0].includes('n')) unexport = true;
      args = args.slice(1);
    }
    if (args[0] === '--') args = args.slice(1);
    if (args.length > 0 && args[0].startsWith('-') && args[0] !== '-') {
      return fail(`bash: export: ${args[0].slice(0, 2)}: invalid option\nexport: usage: export [-fn] [name[=value] ...] or export -p\n`, 2);
    }
    if (args.length === 0) {
      const lines = ctx.shell
        .variables()
        .filter((v) => v.exported)
        .map((v) => ({ name: v.name, text: `declare -x ${v.name}=${declareQuote(v.value)}` }))
        .concat(ctx.shell.exportedWithoutValue().map((name) => ({ name, text: `declare -x ${name}` })))
        .sort((a, b) => compareText(a.name, b.name))
        .map((l) => `${l.text}\n`);
      return ok(lines.join(''));
    }
    let stderr = '';
    for (const arg of args) {
      const eq = arg.indexOf('=');
      const append = eq > 0 && arg[eq - 1] === '+';
      const name = eq === -1 ? arg : arg.slice(0, append ? eq - 1 : eq);
      if (!NAME.test(name)) {
        stderr += `bash: export: \`${arg}': not a valid identifier\n`;
        continue;
      }
      if (eq !== -1) {
        const value = arg.slice(eq + 1);
        ctx.shell.setVar(name, append ? (ctx.shell.getVar(name) ?? '') + value : value, !unexport);
      }
      ctx.shell.markExported(name, !unexport);
    }
    return stderr ? fail(stderr) : ok();
  },
};

export const unset: CommandDefinition = {
  name: 'unset',
  summary: 'remove a variable (-f: a function)',
  run(ctx) {
    let args = ctx.argv.slice(1);
    let functions = false;
    while (args.length > 0 && /^-[vfn]+$/.test(args[0])) {
      if (args[0].includes('f')) functions = true;
      args = args.slice(1);
    }
    if (args[0] === '--') args = args.slice(1);
    let stderr = '';
    for (const name of args) {
      if (functions) ctx.shell.unsetFunction(name);
      else if (!NAME.test(name)) stderr += `bash: unset: \`${name}': not a valid identifier\n`;
      // like bash, plain `unset name` removes a function when no variable has that name
      else if (ctx.shell.getVar(name) === undefined && ctx.shell.functions().includes(name)) ctx.shell.unsetFunction(name);
      else ctx.shell.unsetVar(name);
    }
    return stderr ? fail(stderr) : ok();
  },
};

export const env: CommandDefinition = {
  name: 'env',
  summary: 'print the environment, or run a command with extra variables',
  run(ctx) {
    const args = ctx.argv.slice(1);
    const extra: Record<string, string> = {};
    let clear = false;
    const removed = new Set<string>();
    let i = 0;
    for (; i < args.length; i++) {
      const arg = args[i];
      if (arg === '-i' || arg === '-' || arg === '--ignore-environment') clear = true;
      else if (arg === '-u' && i + 1 < args.length) removed.add(args[++i]);
      else if (arg === '--') {
        i++;
        break;
      } else if (arg.startsWith('-') && arg.length > 1) {
        return fail(`env: invalid option -- '${arg[1]}'\nTry 'env --help' for more information.\n`, 125);
      } else if (/^[^=]+=/.test(arg)) {
        const eq = arg.indexOf('=');
        Object.defineProperty(extra, arg.slice(0, eq), { value: arg.slice(eq + 1), enumerable: true, configurable: true, writable: true });
      } else break;
    }
    const command = args.slice(i);
    if (command.length === 0) {
      const all = clear ? { ...extra } : { ...ctx.env, ...extra };
      return ok(Object.entries(all).filter(([k]) => !removed.has(k)).map(([k, v]) => `${k}=${v}\n`).join(''));
    }
    if (!ctx.host.commands.get(command[0]) && !command[0].includes('/')) {
      return fail(`env: ‘${command[0]}’: No such file or directory\n`, 127);
    }
    return ctx.shell.run(command, ctx.stdin, extra);
  },
};

export const read: CommandDefinition = {
  name: 'read',
  summary: 'read a line of input into variables',
  run(ctx) {
    const args = ctx.argv.slice(1);
    let raw = false;
    const names: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (names.length === 0 && arg.startsWith('-') && arg.length > 1) {
        if (arg === '-r') raw = true;
        else if (arg === '-p' || arg === '-t' || arg === '-u' || arg === '-d' || arg === '-n') i++;
        else if (arg !== '-s' && arg !== '-e') {
          return fail(`bash: read: ${arg.slice(0, 2)}: invalid option\nread: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]\n`, 2);
        }
        continue;
      }
      if (!NAME.test(arg)) return fail(`bash: read: \`${arg}': not a valid identifier\n`);
      names.push(arg);
    }
    if (names.length === 0) names.push('REPLY');
    let line = ctx.shell.readLine();
    const found = line !== null;
    // Without -r a backslash escapes the next character and one at the end joins the next line.
    while (!raw && line !== null && /(^|[^\\])(\\\\)*\\$/.test(line)) {
      const next = ctx.shell.readLine();
      line = line.slice(0, -1) + (next ?? '');
      if (next === null) break;
    }
    let text = line ?? '';
    if (!raw) text = text.replace(/\\(.)/g, '$1');
    if (names.length === 1 && names[0] === 'REPLY') {
      ctx.shell.setVar('REPLY', text);
    } else {
      const ifs = ctx.env.IFS ?? ctx.shell.getVar('IFS') ?? DEFAULT_IFS;
      const values = splitForRead(text, ifs, names.length);
      names.forEach((name, i) => ctx.shell.setVar(name, values[i]));
    }
    return found ? ok() : fail('');
  },
};
