// Virtual time: every age, timestamp and timeout in the sandbox reads this clock, never the
// machine's, so outputs are reproducible. Commands advance it as they would take time for real.

export class VirtualClock {
  private ms: number;

  constructor(startMs: number) {
    this.ms = startMs;
  }

  now(): number {
    return this.ms;
  }

  advance(ms: number): void {
    if (ms > 0) this.ms += Math.round(ms);
  }

  toJSON(): number {
    return this.ms;
  }
}

/** 2026-11-26T09:00:00Z: where every scenario's clock starts unless it says otherwise. */
export const DEFAULT_EPOCH_MS = Date.UTC(2026, 10, 26, 9, 0, 0);

/** RFC 3339 with seconds, as Kubernetes writes timestamps. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
