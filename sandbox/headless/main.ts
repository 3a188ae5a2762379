// Headless sandbox: `npm run sandbox -- [--scenario ID] [--json]`.
// Piped input: one command line per input line, printed as the terminal shows it (or as JSON).
// A TTY: an interactive shell with line editing, history and Tab completion.
import { createSandbox } from '../sandbox.ts';
import { parseArgs, usage } from './args.ts';
import { runInteractive } from './interactive.ts';
import { runScript } from './script.ts';

async function main(): Promise<number> {
  const parsed = parseArgs(process.argv.slice(2));
  if ('error' in parsed) {
    process.stderr.write(`sandbox: ${parsed.error}\n${usage()}`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(usage());
    return 0;
  }
  let sandbox;
  try {
    sandbox = createSandbox({ scenario: parsed.scenario });
  } catch (error) {
    process.stderr.write(`sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  if (process.stdin.isTTY && !parsed.json) return runInteractive(sandbox);
  return runScript(sandbox, process.stdin, process.stdout, { json: parsed.json });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`sandbox: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 70;
  },
);
