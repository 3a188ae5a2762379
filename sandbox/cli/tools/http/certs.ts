// Certificates the far ends present, with dates relative to the world clock so they are always
// valid (a public CA's 90-day certificate, a cluster CA's two-year serving certificate).
import type { Certificate } from './types.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = 86_400_000;

/** OpenSSL's ASN1_TIME_print: `Nov 26 09:00:00 2024 GMT` (day padded with a space). */
export function certDate(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} ${d.getUTCFullYear()} GMT`;
}

/** A certificate from a public CA (Let's Encrypt, DigiCert, Google Trust Services, Microsoft). */
export function publicCert(nowMs: number, names: string[], issuer: string): Certificate {
  const start = Math.floor((nowMs - 37 * DAY) / DAY) * DAY + 3_600_000 * 7;
  return {
    subject: `CN=${names[0]}`,
    issuer,
    altNames: names,
    startDate: certDate(start),
    expireDate: certDate(start + 90 * DAY - 1000),
    publiclyTrusted: true,
  };
}

/** A serving certificate signed by a cluster's own CA (kube-apiserver, kubelet). */
export function clusterCert(nowMs: number, subject: string, altNames: string[], issuer = 'CN=ca'): Certificate {
  const start = Math.floor((nowMs - 2 * DAY) / DAY) * DAY + 3_600_000 * 8;
  return {
    subject,
    issuer,
    altNames,
    startDate: certDate(start),
    expireDate: certDate(start + 730 * DAY),
    publiclyTrusted: false,
  };
}

/** Whether a certificate is valid for the host name or address the client asked for. */
export function certMatches(cert: Certificate, host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return cert.altNames.some((n) => {
    const name = n.toLowerCase();
    if (name === h) return true;
    if (name.startsWith('*.')) {
      const rest = name.slice(1);
      return h.endsWith(rest) && !h.slice(0, h.length - rest.length).includes('.');
    }
    return false;
  });
}
