// What curl -v prints of a TLS handshake with OpenSSL 3 (7.x and 8.x wording), and the outcome
// of verifying the server's certificate: trusted, a private CA, self-signed, or a name that is
// not on the certificate.
import { certMatches } from '../http/certs.ts';
import type { Certificate } from '../http/types.ts';
import type { CurlProfile } from './profile.ts';

export type Verification = { ok: true; matched: string } | { ok: false; code: 60; message: string; alert: string; verifyText: string; verifyNumber: number };

export function verifyCertificate(cert: Certificate, host: string): Verification {
  if (!cert.publiclyTrusted) {
    const verifyText = cert.selfSigned ? 'self-signed certificate' : 'unable to get local issuer certificate';
    return { ok: false, code: 60, message: `SSL certificate problem: ${verifyText}`, alert: 'unknown CA (560)', verifyText, verifyNumber: cert.selfSigned ? 18 : 20 };
  }
  if (!certMatches(cert, host)) {
    return { ok: false, code: 60, message: `SSL: no alternative certificate subject name matches target host name '${host}'`, alert: '', verifyText: '', verifyNumber: 0 };
  }
  return { ok: true, matched: cert.altNames.find((n) => certMatches({ ...cert, altNames: [n] }, host)) ?? host };
}

/** The handshake up to (not including) the certificate lines. */
export function handshakeLines(p: CurlProfile, offerH2: boolean): string[] {
  if (p.tlsStyle === 7) {
    return [
      ...(offerH2 ? ['* ALPN, offering h2'] : []),
      '* ALPN, offering http/1.1',
      '*  CAfile: /etc/ssl/certs/ca-certificates.crt',
      '*  CApath: /etc/ssl/certs',
      '* TLSv1.0 (OUT), TLS header, Certificate Status (22):',
      '* TLSv1.3 (OUT), TLS handshake, Client hello (1):',
      '* TLSv1.2 (IN), TLS header, Certificate Status (22):',
      '* TLSv1.3 (IN), TLS handshake, Server hello (2):',
      '* TLSv1.2 (IN), TLS header, Finished (20):',
      '* TLSv1.2 (IN), TLS header, Supplemental data (23):',
      '* TLSv1.3 (IN), TLS handshake, Encrypted Extensions (8):',
      '* TLSv1.2 (IN), TLS header, Supplemental data (23):',
      '* TLSv1.3 (IN), TLS handshake, Certificate (11):',
      '* TLSv1.2 (IN), TLS header, Supplemental data (23):',
      '* TLSv1.3 (IN), TLS handshake, CERT verify (15):',
      '* TLSv1.2 (IN), TLS header, Supplemental data (23):',
      '* TLSv1.3 (IN), TLS handshake, Finished (20):',
      '* TLSv1.2 (OUT), TLS header, Finished (20):',
      '* TLSv1.3 (OUT), TLS change cipher, Change cipher spec (1):',
      '* TLSv1.2 (OUT), TLS header, Supplemental data (23):',
      '* TLSv1.3 (OUT), TLS handshake, Finished (20):',
    ];
  }
  return [
    `* ALPN: curl offers ${offerH2 ? 'h2,' : ''}http/1.1`,
    '* TLSv1.3 (OUT), TLS handshake, Client hello (1):',
    '*  CAfile: /etc/ssl/certs/ca-certificates.crt',
    '*  CApath: /etc/ssl/certs',
    '* TLSv1.3 (IN), TLS handshake, Server hello (2):',
    '* TLSv1.3 (IN), TLS handshake, Encrypted Extensions (8):',
    '* TLSv1.3 (IN), TLS handshake, Certificate (11):',
    '* TLSv1.3 (IN), TLS handshake, CERT verify (15):',
    '* TLSv1.3 (IN), TLS handshake, Finished (20):',
    '* TLSv1.3 (OUT), TLS change cipher, Change cipher spec (1):',
    '* TLSv1.3 (OUT), TLS handshake, Finished (20):',
  ];
}

/** A failed verification, as the handshake ends (the alert curl sends, then the problem). */
export function verifyFailureLines(p: CurlProfile, v: Extract<Verification, { ok: false }>): string[] {
  if (v.alert) return [p.tlsStyle === 7 ? `* TLSv1.2 (OUT), TLS header, Unknown (21):` : '', `* TLSv1.3 (OUT), TLS alert, ${v.alert}:`, `* ${v.message}`].filter(Boolean);
  return [];
}

/** After a completed handshake: cipher, ALPN result and the certificate. */
export function sessionLines(p: CurlProfile, cert: Certificate, host: string, h2: boolean, verification: Verification, insecure: boolean): string[] {
  const lines: string[] = [];
  if (p.tlsStyle === 7) {
    lines.push('* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384');
    lines.push(h2 ? '* ALPN, server accepted to use h2' : '* ALPN, server accepted to use http/1.1');
  } else {
    lines.push('* SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384 / X25519 / RSASSA-PSS');
    lines.push(`* ALPN: server accepted ${h2 ? 'h2' : 'http/1.1'}`);
  }
  lines.push('* Server certificate:', `*  subject: ${cert.subject}`, `*  start date: ${cert.startDate}`, `*  expire date: ${cert.expireDate}`);
  const matched = cert.altNames.find((n) => certMatches({ ...cert, altNames: [n] }, host));
  lines.push(matched ? `*  subjectAltName: host "${host}" matched cert's "${matched}"` : `*  subjectAltName does not match ${/^\d+\.\d+\.\d+\.\d+$/.test(host) ? 'ipv4 address ' : ''}${host}`);
  lines.push(`*  issuer: ${cert.issuer}`);
  if (verification.ok) lines.push('*  SSL certificate verify ok.');
  else if (insecure && verification.verifyText) lines.push(`*  SSL certificate verify result: ${verification.verifyText} (${verification.verifyNumber}), continuing anyway.`);
  return lines;
}

/** HTTP/2 stream setup lines before the request (8.x) or the upgrade notes (7.x). */
export function h2Lines(p: CurlProfile, url: string, pseudo: [string, string][], headers: [string, string][]): string[] {
  if (p.tlsStyle === 7) {
    return [
      '* Using HTTP2, server supports multiplexing',
      '* Connection state changed (HTTP/2 confirmed)',
      '* Copying HTTP/2 data in stream buffer to connection buffer after upgrade: len=0',
      '* TLSv1.2 (OUT), TLS header, Supplemental data (23):',
      '* Using Stream ID: 1 (easy handle 0x55d4c3a5f5c0)',
      '* TLSv1.2 (OUT), TLS header, Supplemental data (23):',
    ];
  }
  return [
    '* using HTTP/2',
    `* [HTTP/2] [1] OPENED stream for ${url}`,
    ...pseudo.map(([n, v]) => `* [HTTP/2] [1] [${n}: ${v}]`),
    ...headers.map(([n, v]) => `* [HTTP/2] [1] [${n.toLowerCase()}: ${v}]`),
  ];
}

/** Session tickets arriving after the request (TLS 1.3). */
export function ticketLines(p: CurlProfile): string[] {
  if (p.tlsStyle === 7) {
    return ['* TLSv1.2 (IN), TLS header, Supplemental data (23):', '* TLSv1.3 (IN), TLS handshake, Newsession Ticket (4):', '* TLSv1.3 (IN), TLS handshake, Newsession Ticket (4):', '* old SSL session ID is stale, removing', '* TLSv1.2 (IN), TLS header, Supplemental data (23):'];
  }
  return ['* TLSv1.3 (IN), TLS handshake, Newsession Ticket (4):', '* TLSv1.3 (IN), TLS handshake, Newsession Ticket (4):', '* old SSL session ID is stale, removing'];
}
