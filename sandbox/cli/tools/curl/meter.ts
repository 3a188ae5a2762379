// curl's default progress meter (lib/progress.c), shown on stderr when the body does not go to
// the terminal: the two header lines, then the final state of the one-line meter.

export const METER_HEADER =
  '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
  '                                 Dload  Upload   Total   Spent    Left  Speed\n';

const KB = 1024;
const MB = 1024 * 1024;

/** Five characters for a byte count or speed (max5data). */
export function max5(bytes: number): string {
  const b = Math.floor(bytes);
  if (b < 100000) return String(b).padStart(5);
  if (b < 10000 * KB) return `${String(Math.floor(b / KB)).padStart(4)}k`;
  if (b < 100 * MB) return `${String(Math.floor(b / MB)).padStart(2)}.${Math.floor((b % MB) / (MB / 10))}M`;
  return `${String(Math.floor(b / MB)).padStart(4)}M`;
}

/** `H:MM:SS` in eight characters, or `--:--:--` for nothing yet (time2str). */
export function time2str(seconds: number): string {
  const s = Math.floor(seconds);
  if (s <= 0) return '--:--:--';
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return `${String(h).padStart(2)}:${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** The meter line once the transfer ended (downloaded bytes, known size or not, elapsed ms). */
export function meterLine(downloaded: number, expected: number | undefined, elapsedMs: number): string {
  const total = expected ?? downloaded;
  const totalPct = total > 10000 ? Math.floor(downloaded / Math.floor(total / 100)) : total > 0 ? Math.floor((downloaded * 100) / total) : 0;
  const dlPct = expected !== undefined && expected > 0 ? (expected > 10000 ? Math.floor(downloaded / Math.floor(expected / 100)) : Math.floor((downloaded * 100) / expected)) : 0;
  const speed = elapsedMs > 0 ? Math.floor((downloaded * 1000) / elapsedMs) : downloaded;
  const spent = elapsedMs / 1000;
  return (
    `${String(totalPct).padStart(3)} ${max5(total)}  ` +
    `${String(dlPct).padStart(3)} ${max5(downloaded)}  ` +
    `${String(0).padStart(3)} ${max5(0)}  ` +
    `${max5(speed)}  ${max5(0)} ` +
    `${time2str(speed > 0 && total > 0 ? total / speed : 0)} ${time2str(spent)} ${time2str(0)} ${max5(speed)}`
  );
}

/** The meter's first state, printed before anything happened. */
export const METER_START = meterLine(0, undefined, 0);
