// Flow and shells: true, false, :, exit, break, continue, sleep, source / ., bash / sh.
import type { CommandDefinition, CommandResult } from '../types.ts';
import { fail, ok, q, readFileText, tryHelp } from './util.ts';

export const trueCommand: CommandDefinition = {
  name: 'true',
  summary: 'do nothing, successfully',
  run: () => ok(),
};

export const falseCommand: CommandDefinition = {
  name: 'false',
  summary: 'do nothing, unsuccessfully',
  run: () => fail(''),
};

export const colon: CommandDefinition = {
  name: ':',
  summary: 'do nothing, successfully (expanding its arguments)',
  run: () => ok(),
};

export const exit: CommandDefinition = {
  name: 'exit',
  summary: 'leave the current shell (back to the previous host)',
  run(ctx) {
    const args = ctx.argv.slice(1);
    let code = Number(ctx.shell.getVar('?') ?? '0');
    let stderr = '';
    if (args.length > 0) {
      if (!/^[+-]?\d+$/.test(args[0])) {
        stderr = `bash: exit: ${args[0]}: numeric argument required\n`;
        code = 2;
      } else if (args.length > 1) {
        return fail('bash: exit: too many arguments\n');
      } else {
        code = ((Number(args[0]) % 256) + 256) % 256;
      }
    }
    ctx.shell.exit();
    return { stdout: '', stderr, exitCode: code };
  },
};

function loopCommand(kind: 'break' | 'continue'): CommandDefinition {
  return {
    name: kind,
    summary: kind === 'break' ? 'leave a for, while or until loop' : 'go to the next iteration of a loop',
    run(ctx) {
      const arg = ctx.argv[1];
      let levels = 1;
      if (arg !== undefined) {
        if (!/^\d+$/.test(arg)) return fail(`bash: ${kind}: ${arg}: numeric argument required\n`, 128);
        levels = Number(arg);
        if (levels < 1) return fail(`bash: ${kind}: ${arg}: loop count out of range\n`);
      }
      if (!ctx.shell.loopControl(kind, levels)) {
        return ok('', `bash: ${kind}: only meaningful in a \`for', \`while', or \`until' loop\n`);
      }
      return ok();
    },
  };
}

export const breakCommand = loopCommand('break');
export const continueCommand = loopCommand('continue');

export const sleep: CommandDefinition = {
  name: 'sleep',
  summary: 'pause for a number of seconds (returns at once here)',
  run(ctx) {
    const args = ctx.argv.slice(1).filter((a) => a !== '--');
    if (args.length === 0) return fail(`sleep: missing operand\n${tryHelp('sleep')}`);
    for (const arg of args) {
      if (!/^(\d+\.?\d*|\.\d+)[smhd]?$/.test(arg) && arg !== 'infinity') {
        if (arg.startsWith('-')) return fail(`sleep: invalid option -- '${arg[1] ?? ''}'\n${tryHelp('sleep')}`);
        return fail(`sleep: invalid time interval ${q(arg)}\n${tryHelp('sleep')}`);
      }
    }
    return ok();
  },
};

function sourceCommand(name: 'source' | '.'): CommandDefinition {
  return {
    name,
    summary: 'run a file of commands in the current shell',
    run(ctx) {
      const file = ctx.argv[1];
      if (file === undefined) {
        return fail(`bash: ${name}: filename argument required\n${name}: usage: ${name} filename [arguments]\n`, 2);
      }
      const text = readFileText(ctx, file);
      if (typeof text !== 'string') return fail(`bash: ${file}: ${text.error}\n`);
      return ctx.shell.runScript(text, { subshell: false, stdin: '' });
    },
  };
}

export const source = sourceCommand('source');
export const dot = sourceCommand('.');

function shellCommand(name: 'bash' | 'sh'): CommandDefinition {
  return {
    name,
    summary: name === 'bash' ? 'run a shell: bash -c COMMAND, bash FILE, or a nested shell' : 'run a POSIX shell (same as bash here)',
    run(ctx): CommandResult {
      const args = ctx.argv.slice(1);
      let i = 0;
      let command: string | null = null;
      for (; i < args.length; i++) {
        const arg = args[i];
        if (arg === '-c') {
          if (i + 1 >= args.length) return fail(`${name}: -c: option requires an argument\n`, 2);
          command = args[++i];
          i++;
          break;
        }
        if (arg === '--') {
          i++;
          break;
        }
        if (/^-[eluxvi]+$/.test(arg) || arg === '--login' || arg === '--norc' || arg === '--noprofile') continue;
        if (arg.startsWith('-') && arg !== '-') return fail(`${name}: ${arg}: invalid option\n`, 2);
        break;
      }
      const rest = args.slice(i);
      if (command !== null) {
        // bash -c 'cmd' arg0 arg1...: $0 is the first word after the command
        return ctx.shell.runScript(command, { stdin: ctx.stdin, arg0: rest[0] ?? name, args: rest.slice(1) });
      }
      if (rest.length > 0) {
        const text = readFileText(ctx, rest[0]);
        if (typeof text !== 'string') return fail(`${name}: ${rest[0]}: ${text.error}\n`, 127);
        return ctx.shell.runScript(text, { stdin: ctx.stdin, arg0: rest[0], args: rest.slice(1) });
      }
      const piped = ctx.stdin;
      if (piped !== '') return ctx.shell.runScript(piped, { stdin: '' });
      // An interactive shell on the same host: `exit` comes back here.
      ctx.shell.enter(ctx.host);
      return ok();
    },
  };
}

export const bash = shellCommand('bash');
export const sh = shellCommand('sh');

export const local: CommandDefinition = {
  name: 'local',
  summary: 'declare variables that belong to the running function',
  run(ctx) {
    let stderr = '';
    for (const arg of ctx.argv.slice(1)) {
      if (/^-[a-zA-Z]+$/.test(arg)) continue;
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg : arg.slice(0, eq);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
        stderr += `bash: local: \`${arg}': not a valid identifier\n`;
        continue;
      }
      if (!ctx.shell.declareLocal(name)) return fail('bash: local: can only be used in a function\n');
      if (eq !== -1) ctx.shell.setVar(name, arg.slice(eq + 1));
    }
    return stderr ? fail(stderr) : ok();
  },
};

export const returnCommand: CommandDefinition = {
  name: 'return',
  summary: 'leave the running function with a status',
  run(ctx) {
    const arg = ctx.argv[1];
    let status = Number(ctx.shell.getVar('?') ?? '0');
    if (arg !== undefined) {
      if (!/^[+-]?\d+$/.test(arg)) return fail(`bash: return: ${arg}: numeric argument required\n`, 2);
      status = ((Number(arg) % 256) + 256) % 256;
    }
    if (!ctx.shell.returnFromFunction(status)) {
      return fail("bash: return: can only `return' from a function or sourced script\n");
    }
    return { stdout: '', stderr: '', exitCode: status };
  },
};
