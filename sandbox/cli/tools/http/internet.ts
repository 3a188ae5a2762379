// The slice of the public web lessons touch: "what is my IP" services (they show the address
// the internet sees, so SNAT through a load balancer, a NAT gateway or a firewall is visible),
// a few well-known sites with their redirects, and Microsoft endpoints a cluster needs. A host
// not listed here does not answer on ports other than 80 and 443. [bodies abridged]
import { publicCert } from './certs.ts';
import { byteLength, header, httpDate, response, type Certificate, type Header, type HttpRequest, type Server, type ServeContext, type ServerReply } from './types.ts';

interface Site {
  names: string[];
  /** Addresses it is also reached by directly (as the sandbox's public DNS gives them). */
  ips: string[];
  issuer: string;
  h2: boolean;
  /** Ports it listens on (default 80 and 443). */
  ports?: number[];
  serve(req: HttpRequest, ctx: ServeContext): ServerReply;
}

const GTS = 'C=US; O=Google Trust Services; CN=WR3';
const DIGICERT = 'C=US; O=DigiCert Inc; CN=DigiCert Global G3 TLS ECC SHA384 2020 CA1';
const MICROSOFT = 'C=US; O=Microsoft Corporation; CN=Microsoft Azure RSA TLS Issuing CA 04';
const LETS_ENCRYPT = "C=US; O=Let's Encrypt; CN=R11";
const SECTIGO = 'C=GB; ST=Greater Manchester; L=Salford; O=Sectigo Limited; CN=Sectigo ECC Domain Validation Secure Server CA';

const len = (s: string) => String(byteLength(s));
const head = (req: HttpRequest, body: string) => (req.method === 'HEAD' ? '' : body);

function redirect(req: HttpRequest, ctx: ServeContext, status: 301 | 302, location: string, server: string, extra: Header[] = []): ServerReply {
  return response(status, [['Location', location], ['Server', server], ['Date', httpDate(ctx.world.now())], ['Content-Length', '0'], ...extra], '');
}

function toHttps(req: HttpRequest, ctx: ServeContext, server: string): ServerReply | undefined {
  if (req.scheme === 'http') return redirect(req, ctx, 301, `https://${req.authority}${req.target}`, server);
  return undefined;
}

/** What-is-my-IP services answer curl and wget with the bare address. */
function ipEcho(newline: boolean, server: Header[]): Site['serve'] {
  return (req, ctx) => {
    const body = `${ctx.clientIp}${newline ? '\n' : ''}`;
    return response(200, [['Date', httpDate(ctx.world.now())], ['Content-Type', 'text/plain; charset=utf-8'], ['Content-Length', len(body)], ...server], head(req, body));
  };
}

const EXAMPLE = `<!doctype html>
<html>
<head>
    <title>Example Domain</title>

    <meta charset="utf-8" />
    <meta http-equiv="Content-type" content="text/html; charset=utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
</head>

<body>
<div>
    <h1>Example Domain</h1>
    <p>This domain is for use in illustrative examples in documents. You may use this
    domain in literature without prior coordination or asking for permission.</p>
    <p><a href="https://www.iana.org/domains/example">More information...</a></p>
</div>
</body>
</html>
`;

const GOOGLE_MOVED = `<HTML><HEAD><meta http-equiv="content-type" content="text/html;charset=utf-8">
<TITLE>301 Moved</TITLE></HEAD><BODY>
<H1>301 Moved</H1>
The document has moved
<A HREF="http://www.google.com/">here</A>.
</BODY></HTML>
`;

function page(title: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1></body></html>`;
}

function htmlOk(req: HttpRequest, ctx: ServeContext, body: string, server: Header[]): ServerReply {
  return response(200, [['Content-Type', 'text/html; charset=utf-8'], ['Date', httpDate(ctx.world.now())], ['Content-Length', len(body)], ...server], head(req, body));
}

const SITES: Site[] = [
  {
    names: ['ifconfig.me'],
    ips: ['34.160.111.145'],
    issuer: GTS,
    h2: true,
    serve: ipEcho(false, [['Access-Control-Allow-Origin', '*'], ['Via', '1.1 google']]),
  },
  {
    names: ['ifconfig.co'],
    ips: ['104.21.54.91', '172.67.168.106'],
    issuer: GTS,
    h2: true,
    serve: ipEcho(true, [['Server', 'cloudflare']]),
  },
  {
    names: ['api.ipify.org'],
    ips: ['104.26.12.205', '104.26.13.205'],
    issuer: GTS,
    h2: true,
    serve: ipEcho(false, [['Vary', 'Origin'], ['Server', 'cloudflare']]),
  },
  {
    names: ['icanhazip.com', 'ipv4.icanhazip.com'],
    ips: ['104.16.184.241', '104.16.185.241'],
    issuer: GTS,
    h2: true,
    serve: ipEcho(true, [['Access-Control-Allow-Origin', '*'], ['Server', 'cloudflare']]),
  },
  {
    names: ['example.com', 'www.example.com'],
    ips: ['23.192.228.80', '23.215.0.136'],
    issuer: DIGICERT,
    h2: true,
    serve: (req, ctx) => response(200, [
      ['Content-Type', 'text/html'],
      ['ETag', '"84238dfc8092e5d9c0dac8ef93371a07:1736799080.121134"'],
      ['Last-Modified', 'Mon, 13 Jan 2025 20:11:20 GMT'],
      ['Cache-Control', 'max-age=1657'],
      ['Date', httpDate(ctx.world.now())],
      ['Content-Length', len(EXAMPLE)],
      ['Connection', 'keep-alive'],
    ], head(req, EXAMPLE)),
  },
  {
    names: ['www.microsoft.com'],
    ips: ['23.55.124.7'],
    issuer: MICROSOFT,
    h2: true,
    serve: (req, ctx) => {
      const up = toHttps(req, ctx, 'AkamaiGHost');
      if (up) return up;
      if (req.target === '/') return redirect(req, ctx, 302, 'https://www.microsoft.com/en-us/', 'AkamaiGHost');
      return htmlOk(req, ctx, page('Microsoft – AI, Cloud, Productivity, Computing, Gaming &amp; Apps'), [['Server', 'AkamaiGHost']]);
    },
  },
  {
    names: ['bing.com'],
    ips: ['13.107.21.200', '204.79.197.200'],
    issuer: MICROSOFT,
    h2: true,
    serve: (req, ctx) => {
      if (header(req.headers, 'host')?.startsWith('www.') || req.authority.startsWith('www.')) return htmlOk(req, ctx, page('Search - Microsoft Bing'), []);
      return redirect(req, ctx, 301, `${req.scheme}://www.bing.com${req.target}`, 'Microsoft-IIS/10.0');
    },
  },
  {
    names: ['www.bing.com'],
    ips: [],
    issuer: MICROSOFT,
    h2: true,
    serve: (req, ctx) => htmlOk(req, ctx, page('Search - Microsoft Bing'), []),
  },
  {
    names: ['google.com'],
    ips: ['142.250.74.174'],
    issuer: GTS,
    h2: true,
    serve: (req, ctx) => response(301, [
      ['Location', `${req.scheme}://www.google.com${req.target}`],
      ['Content-Type', 'text/html; charset=UTF-8'],
      ['Date', httpDate(ctx.world.now())],
      ['Server', 'gws'],
      ['Content-Length', len(GOOGLE_MOVED)],
    ], head(req, GOOGLE_MOVED.replace('http://www.google.com/', `${req.scheme}://www.google.com/`))),
  },
  {
    names: ['www.google.com'],
    ips: ['142.250.74.164'],
    issuer: GTS,
    h2: true,
    serve: (req, ctx) => htmlOk(req, ctx, page('Google'), [['Server', 'gws']]),
  },
  {
    names: ['github.com'],
    ips: ['140.82.121.3'],
    issuer: SECTIGO,
    h2: true,
    serve: (req, ctx) => toHttps(req, ctx, 'GitHub.com') ?? htmlOk(req, ctx, page('GitHub · Build and ship software on a single, collaborative platform'), [['Server', 'GitHub.com']]),
  },
  {
    names: ['mcr.microsoft.com'],
    ips: ['150.171.69.10'],
    issuer: MICROSOFT,
    h2: true,
    serve: (req, ctx) => {
      const up = toHttps(req, ctx, 'AzureContainerRegistry');
      if (up) return up;
      if (req.target.startsWith('/v2/')) {
        return response(200, [['Content-Length', '2'], ['Content-Type', 'application/json; charset=utf-8'], ['Docker-Distribution-Api-Version', 'registry/2.0'], ['Date', httpDate(ctx.world.now())]], head(req, '{}'));
      }
      return redirect(req, ctx, 302, 'https://mcr.microsoft.com/en-us/', 'AzureContainerRegistry');
    },
  },
  {
    names: ['management.azure.com'],
    ips: ['4.150.240.10'],
    issuer: MICROSOFT,
    h2: true,
    serve: (req, ctx) => {
      const body = '{"error":{"code":"MissingApiVersionParameter","message":"The api-version query parameter (?api-version=) is required for all requests."}}';
      return response(400, [['Cache-Control', 'no-cache'], ['Pragma', 'no-cache'], ['Content-Length', len(body)], ['Content-Type', 'application/json; charset=utf-8'], ['Expires', '-1'], ['Date', httpDate(ctx.world.now())]], head(req, body));
    },
  },
];

function generic(names: string[]): Site {
  return {
    names,
    ips: [],
    issuer: LETS_ENCRYPT,
    h2: true,
    serve: (req, ctx) => htmlOk(req, ctx, page(names[0]!), []),
  };
}

function find(hostOrIp: string): Site | undefined {
  const h = hostOrIp.toLowerCase().replace(/\.$/, '');
  return SITES.find((s) => s.names.includes(h) || s.ips.includes(h));
}

/** The web server at a public address, reached for `name` (the Host the client asked for), or undefined when nothing listens on the port. */
export function internetServer(nowMs: number, name: string | undefined, ip: string, port: number): Server | undefined {
  const site = (name ? find(name) : undefined) ?? find(ip) ?? (name ? generic([name]) : undefined);
  if (!site) return undefined;
  const ports = site.ports ?? [80, 443];
  if (!ports.includes(port)) return undefined;
  const tls: Certificate | undefined = port === 443 ? publicCert(nowMs, site.names.flatMap((n) => [n, ...(n.startsWith('www.') ? [] : [])]), site.issuer) : undefined;
  return { name: site.names[0]!, tls, h2: site.h2 && port === 443, serve: site.serve };
}

/** Azure Firewall answering an HTTP request it denied (the firewall proxies web traffic). */
export function firewallDenial(answer: string): Server {
  const text = answer.replace(/^HTTP 470 /, '');
  return {
    name: 'Azure Firewall',
    serve(req, ctx) {
      return response(470, [['Date', httpDate(ctx.world.now())], ['Content-Length', len(text)], ['Content-Type', 'text/plain; charset=utf-8']], head(req, text), 'status code 470');
    },
  };
}
