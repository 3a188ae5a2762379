// Commands whose meaning is "time passes": in the sandbox that is virtual time, so waiting
// lets controllers act (a node turns NotReady after its grace period, retries fire).
import type { CommandDefinition, Host } from '../shell/types.ts';
import type { Sim } from './sim.ts';

const DURATION = /^(\d+(?:\.\d+)?)([smhd]?)$/;
const UNIT_SECONDS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400 };

export function timeCommands(sim: Sim, _host: Host): CommandDefinition[] {
  const sleep: CommandDefinition = {
    name: 'sleep',
    summary: 'wait for an amount of (simulated) time, e.g. sleep 30 or sleep 2m',
    run(ctx) {
      const args = ctx.argv.slice(1);
      if (args.length === 0) {
        return { stdout: '', stderr: "sleep: missing operand\nTry 'sleep --help' for more information.\n", exitCode: 1 };
      }
      let seconds = 0;
      for (const arg of args) {
        const match = DURATION.exec(arg);
        if (!match) {
          return { stdout: '', stderr: `sleep: invalid time interval '${arg}'\nTry 'sleep --help' for more information.\n`, exitCode: 1 };
        }
        seconds += Number(match[1]) * UNIT_SECONDS[match[2]!]!;
      }
      sim.advance(seconds);
      return { stdout: '', stderr: '', exitCode: 0 };
    },
  };
  const date: CommandDefinition = {
    name: 'date',
    summary: 'print the (simulated) date and time',
    // The sandbox's clock is UTC, so -u/--utc change nothing and are simply accepted.
    run() {
      const d = new Date(sim.world.now());
      const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
      const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
      const pad = (n: number) => String(n).padStart(2, '0');
      const text = `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
      return { stdout: `${text}\n`, stderr: '', exitCode: 0 };
    },
  };
  return [sleep, date];
}
