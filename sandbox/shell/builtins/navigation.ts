// cd and pwd: bash builtins, so their errors start with "bash: cd:".
import type { CommandDefinition } from '../types.ts';
import { fail, ok } from './util.ts';

export const cd: CommandDefinition = {
  name: 'cd',
  summary: 'change the working directory',
  run(ctx) {
    let args = ctx.argv.slice(1);
    while (args.length > 0 && /^-[LPe@]+$/.test(args[0])) args = args.slice(1);
    if (args[0] === '--') args = args.slice(1);
    if (args.length > 1) return fail('bash: cd: too many arguments\n');
    let target: string | undefined = args[0];
    let announce = false;
    if (target === undefined) {
      target = ctx.shell.getVar('HOME');
      if (target === undefined) return fail('bash: cd: HOME not set\n');
    } else if (target === '-') {
      target = ctx.shell.getVar('OLDPWD');
      if (target === undefined) return fail('bash: cd: OLDPWD not set\n');
      announce = true;
    } else if (target.startsWith('-') && target.length > 1) {
      return fail(`bash: cd: ${target}: invalid option\ncd: usage: cd [-L|[-P [-e]] [-@]] [dir]\n`, 2);
    }
    if (target === '') return ok();
    const path = ctx.fs.resolve(ctx.cwd, target);
    if (!ctx.fs.exists(path)) return fail(`bash: cd: ${target}: No such file or directory\n`);
    if (!ctx.fs.isDir(path)) return fail(`bash: cd: ${target}: Not a directory\n`);
    ctx.shell.setCwd(path);
    return ok(announce ? `${path}\n` : '');
  },
  complete(words, ctx) {
    // Only directories make sense here.
    const partial = words[words.length - 1] ?? '';
    const slash = partial.lastIndexOf('/');
    const dirPart = slash >= 0 ? partial.slice(0, slash + 1) : '';
    const base = partial.slice(dirPart.length);
    const home = ctx.env.HOME ?? ctx.host.home;
    const dir = ctx.fs.resolve(ctx.cwd, dirPart.startsWith('~/') ? home + dirPart.slice(1) : dirPart || '.');
    if (!ctx.fs.isDir(dir)) return [];
    return ctx.fs
      .list(dir)
      .filter((n) => n.startsWith(base) && (base.startsWith('.') || !n.startsWith('.')))
      .filter((n) => ctx.fs.isDir(ctx.fs.resolve(dir, n)))
      .map((n) => `${dirPart}${n}/`);
  },
};

export const pwd: CommandDefinition = {
  name: 'pwd',
  summary: 'print the working directory',
  run(ctx) {
    for (const arg of ctx.argv.slice(1)) {
      if (arg === '--') break;
      if (/^-[LP]+$/.test(arg)) continue;
      if (arg.startsWith('-') && arg !== '-') {
        return fail(`bash: pwd: ${arg.slice(0, 2)}: invalid option\npwd: usage: pwd [-LP]\n`, 2);
      }
    }
    return ok(`${ctx.cwd}\n`);
  },
};
