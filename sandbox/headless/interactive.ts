// An interactive shell in a real terminal, using Node's readline for editing and history.
import * as readline from 'node:readline';
import type { SandboxApi } from '../api.ts';

export function runInteractive(sandbox: SandboxApi): Promise<number> {
  const rl = readline.createInterface({
    input: process.stdin,
    output: process.stdout,
    historySize: 500,
    completer: (line: string): [string[], string] => {
      const { from, candidates } = sandbox.complete(line, line.length);
      return [candidates, line.slice(from)];
    },
  });
  process.stdout.write(`${sandbox.info().title} (scenario ${sandbox.info().scenario}). Ctrl-D leaves.\n`);
  rl.setPrompt(sandbox.prompt());
  rl.prompt();
  rl.on('line', (line) => {
    const result = sandbox.exec(line);
    if (result.clearScreen) process.stdout.write('\x1b[2J\x1b[H');
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    rl.setPrompt(sandbox.prompt());
    rl.prompt();
  });
  rl.on('SIGINT', () => {
    sandbox.cancel();
    process.stdout.write('^C\n');
    rl.write(null, { ctrl: true, name: 'u' });
    rl.setPrompt(sandbox.prompt());
    rl.prompt();
  });
  return new Promise((resolve) => rl.on('close', () => {
    process.stdout.write('\n');
    resolve(0);
  }));
}
