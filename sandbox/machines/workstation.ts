// The learner's own computer: where the terminal starts, with the Azure CLI and kubectl installed.
import { registerBuiltins } from '../shell/builtins/index.ts';
import { MemFS } from '../shell/memfs.ts';
import { CommandRegistry } from '../shell/registry.ts';
import type { Host } from '../shell/types.ts';

export const WORKSTATION_ID = 'workstation';
const USER = 'learner';
const HOME = `/home/${USER}`;

export function createWorkstation(files: Record<string, string> = {}): Host {
  const fs = new MemFS();
  fs.mkdir(HOME, { recursive: true });
  fs.mkdir('/tmp', { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    const path = `${HOME}/${name}`;
    fs.mkdir(path.slice(0, path.lastIndexOf('/')), { recursive: true });
    fs.writeFile(path, text);
  }

  const commands = new CommandRegistry();
  registerBuiltins(commands);

  return {
    id: WORKSTATION_ID,
    kind: 'workstation',
    user: USER,
    hostname: 'workstation',
    home: HOME,
    fs,
    commands,
    env: {
      HOME,
      USER,
      SHELL: '/bin/bash',
      PATH: '/usr/local/bin:/usr/bin:/bin',
      TERM: 'xterm-256color',
      LANG: 'C.UTF-8',
    },
  };
}
