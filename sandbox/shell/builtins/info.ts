// About the shell itself: help, clear, history, which, type, whoami, hostname.
import type { CommandDefinition } from '../types.ts';
import { fail, ok, pad } from './util.ts';

/** Names bash itself implements (for `type`). */
const SHELL_BUILTINS = new Set([
  ':', '.', 'alias', 'break', 'cd', 'continue', 'echo', 'eval', 'exit', 'export', 'false', 'help', 'history',
  'local', 'printf', 'pwd', 'read', 'return', 'set', 'source', 'test', '[', 'true', 'type', 'unalias', 'unset',
]);
const KEYWORDS = new Set([
  'if', 'then', 'else', 'elif', 'fi', 'for', 'while', 'until', 'do', 'done', '{', '}', '!', 'in', 'case', 'esac',
  'function', '[[', ']]',
]);

export const help: CommandDefinition = {
  name: 'help',
  summary: 'list the commands you can use here',
  run(ctx) {
    const registry = ctx.host.commands;
    const topics = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
    if (topics.length > 0) {
      let stdout = '';
      let missing = '';
      for (const topic of topics) {
        const def = registry.get(topic);
        if (def) stdout += `${def.name}: ${def.summary}\n`;
        else missing = topic;
      }
      if (!stdout) {
        return fail(`bash: help: no help topics match \`${missing}'.  Try \`help help' or \`man -k ${missing}' or \`info ${missing}'.\n`);
      }
      return ok(stdout);
    }
    const names = registry.names();
    const width = Math.max(0, ...names.map((n) => n.length)) + 2;
    return ok(names.map((n) => `${n.padEnd(width)}${registry.get(n)!.summary}\n`).join(''));
  },
};

export const clear: CommandDefinition = {
  name: 'clear',
  summary: 'clear the terminal screen',
  run: () => ({ stdout: '', stderr: '', exitCode: 0, clearScreen: true }),
};

export const history: CommandDefinition = {
  name: 'history',
  summary: 'list the commands you ran',
  run(ctx) {
    const args = ctx.argv.slice(1);
    if (args[0] === '-c') {
      ctx.shell.clearHistory();
      return ok();
    }
    if (args[0] !== undefined && args[0].startsWith('-') && args[0] !== '--') {
      return fail(`bash: history: ${args[0].slice(0, 2)}: invalid option\nhistory: usage: history [-c] [-d offset] [n] or history -anrw [filename] or history -ps arg [arg...]\n`, 2);
    }
    const all = ctx.shell.history();
    let from = 0;
    if (args.length > 0) {
      if (args.length > 1) return fail('bash: history: too many arguments\n');
      if (!/^\d+$/.test(args[0])) return fail(`bash: history: ${args[0]}: numeric argument required\n`);
      from = Math.max(0, all.length - Number(args[0]));
    }
    let stdout = '';
    for (let i = from; i < all.length; i++) stdout += `${pad(i + 1, 5)}  ${all[i]}\n`;
    return ok(stdout);
  },
};

export const which: CommandDefinition = {
  name: 'which',
  summary: 'show where a command lives',
  run(ctx) {
    const names = ctx.argv.slice(1).filter((a) => !/^-[as]+$/.test(a));
    let stdout = '';
    let status = names.length === 0 ? 1 : 0;
    for (const name of names) {
      if (name.includes('/')) {
        const path = ctx.fs.resolve(ctx.cwd, name);
        if (ctx.fs.isFile(path) && (ctx.fs.stat(path).mode & 0o111) !== 0) stdout += `${name}\n`;
        else status = 1;
      } else if (ctx.host.commands.get(name)) {
        stdout += `/usr/bin/${name}\n`;
      } else {
        status = 1;
      }
    }
    return { stdout, stderr: '', exitCode: status };
  },
};

export const type: CommandDefinition = {
  name: 'type',
  summary: 'tell whether a name is a builtin, a keyword or a program',
  run(ctx) {
    let stdout = '';
    let stderr = '';
    for (const name of ctx.argv.slice(1)) {
      const aliasValue = ctx.shell.aliases().find(([n]) => n === name)?.[1];
      if (aliasValue !== undefined) stdout += `${name} is aliased to \`${aliasValue}'\n`;
      else if (ctx.shell.functions().includes(name)) stdout += `${name} is a function\n`;
      else if (KEYWORDS.has(name)) stdout += `${name} is a shell keyword\n`;
      else if (SHELL_BUILTINS.has(name) && ctx.host.commands.get(name)) stdout += `${name} is a shell builtin\n`;
      else if (ctx.host.commands.get(name)) stdout += `${name} is /usr/bin/${name}\n`;
      else stderr += `bash: type: ${name}: not found\n`;
    }
    return { stdout, stderr, exitCode: stderr ? 1 : 0 };
  },
};

export const whoami: CommandDefinition = {
  name: 'whoami',
  summary: 'print your user name',
  run: (ctx) => ok(`${ctx.host.user}\n`),
};

export const hostname: CommandDefinition = {
  name: 'hostname',
  summary: 'print the name of this machine',
  run: (ctx) => ok(`${ctx.host.hostname}\n`),
};
