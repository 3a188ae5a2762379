// BusyBox applets share one way of failing on bad options: libc getopt's complaint, then the
// applet's usage (bb_show_usage) under the multi-call banner, exit status 1.
export const BUSYBOX_BANNER = 'BusyBox v1.36.1 (2023-07-27 17:12:24 UTC) multi-call binary.';

export function busyboxUsage(applet: string, trivial: string, full: string): string {
  return `${BUSYBOX_BANNER}\n\nUsage: ${applet} ${trivial}\n\n${full}\n`;
}

export interface BusyboxOptions {
  /** Short flags without a value, e.g. 'cqS'. */
  flags: string;
  /** Short options taking a value, e.g. 'OoPYUT'. */
  values: string;
  /** Long name → short letter, or '=name' for a long-only option with a value, '+name' for a long-only flag. */
  long?: Record<string, string>;
}

export interface BusyboxParsed {
  flags: Set<string>;
  values: Map<string, string[]>;
  operands: string[];
}

export type BusyboxParse = { ok: true; args: BusyboxParsed } | { ok: false; message: string };

/** getopt32: bundled flags, glued or separate values, permuted operands, `--`. */
export function parseBusybox(applet: string, args: readonly string[], spec: BusyboxOptions): BusyboxParse {
  const flags = new Set<string>();
  const values = new Map<string, string[]>();
  const operands: string[] = [];
  const add = (k: string, v: string) => values.set(k, [...(values.get(k) ?? []), v]);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (arg.startsWith('--') && spec.long) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq === -1 ? undefined : eq);
      const matches = Object.keys(spec.long).filter((k) => k.startsWith(name));
      const key = spec.long[name] !== undefined ? name : matches.length === 1 ? matches[0]! : undefined;
      if (!key) return { ok: false, message: matches.length > 1 ? `${applet}: option '${arg}' is ambiguous` : `${applet}: unrecognized option '${arg}'` };
      const meaning = spec.long[key]!;
      const takes = meaning.startsWith('=') || spec.values.includes(meaning);
      if (meaning.startsWith('+')) {
        flags.add(meaning.slice(1));
        continue;
      }
      if (!takes) {
        flags.add(meaning);
        continue;
      }
      let value = eq === -1 ? undefined : arg.slice(eq + 1);
      if (value === undefined) {
        if (i + 1 >= args.length) return { ok: false, message: `${applet}: option '--${key}' requires an argument` };
        value = args[++i]!;
      }
      add(meaning.startsWith('=') ? meaning.slice(1) : meaning, value);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const c = arg[j]!;
        if (spec.values.includes(c)) {
          let value = arg.slice(j + 1);
          if (value === '') {
            if (i + 1 >= args.length) return { ok: false, message: `${applet}: option requires an argument -- '${c}'` };
            value = args[++i]!;
          }
          add(c, value);
          break;
        }
        if (!spec.flags.includes(c)) return { ok: false, message: `${applet}: invalid option -- '${c}'` };
        flags.add(c);
      }
      continue;
    }
    operands.push(arg);
  }
  return { ok: true, args: { flags, values, operands } };
}

export function last(values: Map<string, string[]>, key: string): string | undefined {
  const list = values.get(key);
  return list ? list[list.length - 1] : undefined;
}
