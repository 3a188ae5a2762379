// Resource quantities (apimachinery resource.Quantity) as far as describe needs them: parse
// `100m`, `70Mi`, `5175083Ki`, `2`, add them, and print the canonical form Quantity.String()
// gives (`200m`, `198Mi`, `1Gi`, `0`), keeping binary or decimal suffixes as the input used.

export interface Quantity {
  /** Value in milli-units, exact for the magnitudes Kubernetes objects hold. */
  milli: number;
  format: 'BinarySI' | 'DecimalSI' | 'DecimalExponent';
}

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

export function parseQuantity(text: string | undefined): Quantity | undefined {
  if (text === undefined) return undefined;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/.exec(String(text).trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const suffix = m[2] ?? '';
  if (suffix in BINARY) return { milli: Math.round(n * BINARY[suffix]! * 1000), format: 'BinarySI' };
  if (/^[eE]/.test(suffix)) return { milli: Math.round(n * 10 ** Number(suffix.slice(1)) * 1000), format: 'DecimalExponent' };
  return { milli: Math.round(n * DECIMAL[suffix]! * 1000), format: 'DecimalSI' };
}

export function addQuantities(a: Quantity | undefined, b: Quantity | undefined): Quantity | undefined {
  if (!a) return b;
  if (!b) return a;
  return { milli: a.milli + b.milli, format: a.format };
}

/** Quantity.String(): the largest suffix that keeps the value whole. */
export function formatQuantity(q: Quantity | undefined): string {
  if (!q || q.milli === 0) return '0';
  const sign = q.milli < 0 ? '-' : '';
  const milli = Math.abs(q.milli);
  if (milli % 1000 !== 0) return `${sign}${milli}m`;
  const value = milli / 1000;
  if (q.format === 'BinarySI' && value >= 1024) {
    for (const suffix of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki']) {
      const unit = BINARY[suffix]!;
      if (value % unit === 0) return `${sign}${value / unit}${suffix}`;
    }
    return `${sign}${value}`;
  }
  if (q.format !== 'BinarySI') {
    for (const suffix of ['E', 'P', 'T', 'G', 'M', 'k']) {
      const unit = DECIMAL[suffix]!;
      if (value >= unit && value % unit === 0) return `${sign}${value / unit}${suffix}`;
    }
  }
  return `${sign}${value}`;
}
