// The curl builds the sandbox's machines carry and what differs between them in verbose and
// error output (read from curl's sources at each release tag): Ubuntu 22.04 on AKS nodes ships
// 7.81.0, Debian bookworm images (nginx) 7.88.1, Ubuntu 24.04 (the workstation) 8.5.0, Alpine
// based images (curlimages/curl, netshoot, agnhost) a recent 8.x.

export interface CurlProfile {
  version: string;
  /** `curl -V` first line after the version: the libraries. */
  libs: string;
  /** "Connected to h (ip) port 80 (#0)" (7.x) vs without the connection number (8.x). */
  connNumber: boolean;
  /** 7.81's "Mark bundle as not supporting multiuse" after the request. */
  markBundle: boolean;
  /** 8.5+: "Host h:80 was resolved." / "IPv6: (none)" / "IPv4: a, b". */
  resolvedInfo: boolean;
  /** 8.11+: "using HTTP/1.x" after "Connected to". */
  usingHttp: boolean;
  /** 8.11+: "Request completely sent off". */
  requestSent: boolean;
  /** 8.x: "connect to ip port p from src port sp failed: ..." (7.x has no "from"). */
  connectFrom: boolean;
  /** 7.81: "Failed to connect ... after N ms: Connection refused" (the OS error), later the curl error text. */
  osErrorText: boolean;
  /** 8.9+: "Could not connect to server", before: "Couldn't connect to server". */
  couldNot: boolean;
  /** How a closed connection is announced: "Closing connection 0" (7.x), "Closing connection" (8.5), "closing connection #0" (8.10+). */
  closing: 'numbered' | 'plain' | 'pool';
  /** "no URL specified!" (7.x) vs "(2) no URL specified" (8.x). */
  noUrlText: string;
  /** Built with the manual: "curl: try 'curl --help' or 'curl --manual' for more information". */
  manual: boolean;
  /** 8.x: a connect timeout reads "Failed to connect ... Timeout was reached"; 7.x: "Connection timed out after N milliseconds". */
  connectTimeoutAsFailed: boolean;
  /** OpenSSL version for TLS error texts. */
  openssl: string;
  /** 7.88+: OpenSSL errors are prefixed with the library version ("OpenSSL/3.0.13: error:..."). */
  sslErrorPrefix: boolean;
  /** TLS verbose style: 7.x lists "ALPN, offering h2"; 8.x "ALPN: curl offers h2,http/1.1". */
  tlsStyle: 7 | 8;
}

const BASE8: Omit<CurlProfile, 'version' | 'libs' | 'openssl'> = {
  connNumber: false,
  markBundle: false,
  resolvedInfo: true,
  usingHttp: false,
  requestSent: false,
  connectFrom: true,
  osErrorText: false,
  couldNot: false,
  closing: 'plain',
  noUrlText: '(2) no URL specified',
  manual: true,
  connectTimeoutAsFailed: true,
  sslErrorPrefix: true,
  tlsStyle: 8,
};

export const CURL_PROFILES: Record<string, CurlProfile> = {
  '7.81.0': {
    version: '7.81.0',
    libs: 'libcurl/7.81.0 OpenSSL/3.0.2 zlib/1.2.11 brotli/1.0.9 zstd/1.4.8 libidn2/2.3.2 libpsl/0.21.0 (+libidn2/2.3.2) libssh/0.9.6/openssl/zlib nghttp2/1.43.0 librtmp/2.3 OpenLDAP/2.5.18',
    openssl: '3.0.2',
    connNumber: true,
    markBundle: true,
    resolvedInfo: false,
    usingHttp: false,
    requestSent: false,
    connectFrom: false,
    osErrorText: true,
    couldNot: false,
    closing: 'numbered',
    noUrlText: 'no URL specified!',
    manual: true,
    connectTimeoutAsFailed: false,
    sslErrorPrefix: false,
    tlsStyle: 7,
  },
  '7.88.1': {
    version: '7.88.1',
    libs: 'libcurl/7.88.1 OpenSSL/3.0.15 zlib/1.2.13 brotli/1.0.9 zstd/1.5.4 libidn2/2.3.3 libpsl/0.21.2 (+libidn2/2.3.3) libssh2/1.10.0 nghttp2/1.52.0 librtmp/2.3 OpenLDAP/2.5.13',
    openssl: '3.0.15',
    connNumber: true,
    markBundle: false,
    resolvedInfo: false,
    usingHttp: false,
    requestSent: false,
    connectFrom: false,
    osErrorText: false,
    couldNot: false,
    closing: 'numbered',
    noUrlText: 'no URL specified!',
    manual: true,
    connectTimeoutAsFailed: false,
    sslErrorPrefix: true,
    tlsStyle: 7,
  },
  '8.5.0': {
    ...BASE8,
    version: '8.5.0',
    libs: 'libcurl/8.5.0 OpenSSL/3.0.13 zlib/1.3 brotli/1.1.0 zstd/1.5.5 libidn2/2.3.7 libpsl/0.21.2 (+libidn2/2.3.7) libssh/0.10.6/openssl/zlib nghttp2/1.59.0 librtmp/2.3 OpenLDAP/2.6.7',
    openssl: '3.0.13',
  },
  '8.14.1': {
    ...BASE8,
    version: '8.14.1',
    libs: 'libcurl/8.14.1 OpenSSL/3.5.1 zlib/1.3.1 brotli/1.1.0 zstd/1.5.7 c-ares/1.34.5 libidn2/2.3.7 libpsl/0.21.5 libssh2/1.11.1 nghttp2/1.65.0 nghttp3/1.10.1',
    openssl: '3.5.1',
    usingHttp: true,
    requestSent: true,
    couldNot: true,
    closing: 'pool',
    manual: false,
  },
};

export function curlProfile(version: string): CurlProfile {
  return CURL_PROFILES[version] ?? CURL_PROFILES['8.5.0']!;
}

/** "curl: try 'curl --help' [or 'curl --manual' ]for more information". */
export function tryHelp(p: CurlProfile): string {
  return `curl: try 'curl --help' ${p.manual ? "or 'curl --manual' " : ''}for more information\n`;
}

export function couldntConnect(p: CurlProfile): string {
  return p.couldNot ? 'Could not connect to server' : "Couldn't connect to server";
}
