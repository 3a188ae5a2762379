// What the programs of well-known container images answer over HTTP: nginx, Apache httpd, the
// AKS sample apps, echo servers (agnhost netexec, echoserver, whoami, http-echo) that show the
// client address the pod saw, and non-HTTP servers (Redis, CoreDNS's DNS port). A container
// whose image is unknown answers like a bare Go server: 404 page not found.
import type { Container, Pod } from '../../../model/k8s/types.ts';
import { imageRepository } from '../../../network/trace/index.ts';
import { goNotFound, goReply, goTimeString } from './go-server.ts';
import { nginxReply, nginxRelease, nginxServer } from './nginx.ts';
import { header, httpDate, queryParams, response, type HttpRequest, type Server, type ServeContext, type ServerReply } from './types.ts';

function envOf(c: Container, name: string): string | undefined {
  return c.env?.find((e) => e.name === name)?.value;
}

function argValue(c: Container, flag: string): string | undefined {
  const args = [...(c.command ?? []), ...(c.args ?? [])];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === `-${flag}` || a === `--${flag}`) return args[i + 1];
    const m = new RegExp(`^--?${flag}=(.*)$`).exec(a);
    if (m) return m[1];
  }
  return undefined;
}

function lastSegment(repo: string): string {
  return repo.slice(repo.lastIndexOf('/') + 1);
}

function requestLines(req: HttpRequest): string[] {
  return req.headers.map(([n, v]) => `${n}: ${v}`);
}

const HELLOWORLD_DEFAULT_TITLE = 'Welcome to Azure Kubernetes Service (AKS)';

/** mcr.microsoft.com/azuredocs/aks-helloworld: a Flask page behind nginx whose title comes from $TITLE. [page text approximated] */
function aksHelloWorld(c: Container): Server {
  const title = envOf(c, 'TITLE') ?? HELLOWORLD_DEFAULT_TITLE;
  const page = `<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
    <link rel="stylesheet" type="text/css" href="/static/default.css">
    <title>${title}</title>

    <script language="JavaScript">
        function send(form){
        }
    </script>

</head>
<body>
    <div id="container">
        <form id="form" name="form" action="/"" method="post"><center>
        <div id="logo">${title}</div>
        <div id="space"></div>
        <img src="/static/acs.png" als="acs logo">
        <div id="form">      
        </div>
    </div>     
</body>
</html>`;
  return {
    name: 'aks-helloworld',
    serve(req, ctx) {
      const head = req.method === 'HEAD';
      const path = req.target.split('?')[0]!;
      if (path !== '/') return nginxReply('1.13.7', ctx, 404, 'NOT FOUND', 'text/html', '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server.  If you entered the URL manually please check your spelling and try again.</p>\n', [['Connection', 'keep-alive']], head);
      return nginxReply('1.13.7', ctx, 200, 'OK', 'text/html; charset=utf-8', page, [['Connection', 'keep-alive']], head);
    },
  };
}

/** mcr.microsoft.com/azuredocs/azure-vote-front: the voting app's form. [page text approximated] */
function azureVoteFront(c: Container): Server {
  const title = envOf(c, 'TITLE') ?? 'Azure Voting App';
  const vote1 = envOf(c, 'VOTE1VALUE') ?? 'Cats';
  const vote2 = envOf(c, 'VOTE2VALUE') ?? 'Dogs';
  const page = `<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
    <link rel="stylesheet" type="text/css" href="/static/default.css">
    <title>${title}</title>
</head>
<body>
    <div id="container">
        <form id="form" name="form" action="/"" method="post"><center>
        <div id="logo">${title}</div>
        <div id="space"></div>
        <div id="form">
        <button name="vote" value="${vote1}" onclick="send()" class="button button1">${vote1}</button>
        <button name="vote" value="${vote2}" onclick="send()" class="button button2">${vote2}</button>
        <button name="vote" value="reset" onclick="send()" class="button button3">Reset</button>
        <div id="space"></div>
        <div id="space"></div>
        <div id="results"> ${vote1} - 0 | ${vote2} - 0 </div>
        </form>
        </div>
    </div>
</body>
</html>`;
  return {
    name: 'azure-vote-front',
    serve(req, ctx) {
      return nginxReply('1.13.7', ctx, 200, 'OK', 'text/html; charset=utf-8', page, [['Connection', 'keep-alive']], req.method === 'HEAD');
    },
  };
}

/** Apache httpd's default "It works!" page. */
function httpd(): Server {
  const body = '<html><body><h1>It works!</h1></body></html>\n';
  return {
    name: 'httpd',
    serve(req, ctx) {
      const head = req.method === 'HEAD';
      const path = req.target.split('?')[0]!;
      if (path !== '/' && path !== '/index.html') {
        const nf = '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n';
        return response(404, [['Date', httpDate(ctx.world.now())], ['Server', 'Apache/2.4.65 (Unix)'], ['Content-Length', String(nf.length)], ['Content-Type', 'text/html; charset=iso-8859-1']], head ? '' : nf);
      }
      return response(200, [
        ['Date', httpDate(ctx.world.now())],
        ['Server', 'Apache/2.4.65 (Unix)'],
        ['Last-Modified', 'Mon, 11 Jun 2007 18:53:14 GMT'],
        ['ETag', '"2d-432a5e4a73a80"'],
        ['Accept-Ranges', 'bytes'],
        ['Content-Length', String(body.length)],
        ['Content-Type', 'text/html'],
      ], head ? '' : body);
    },
  };
}

/** registry.k8s.io/e2e-test-images/agnhost netexec: /clientip shows the source address the pod saw. */
function agnhostNetexec(c: Container, pod: Pod): Server {
  return {
    name: 'agnhost netexec',
    serve(req, ctx) {
      const head = req.method === 'HEAD';
      const [path, query = ''] = req.target.split('?') as [string, string?];
      const params = queryParams(query);
      const started = Date.parse(pod.status.startTime ?? pod.metadata.creationTimestamp) || ctx.world.now();
      switch (path) {
        case '/clientip':
          return goReply(ctx, 200, `${ctx.clientIp}:${ctx.clientPort}`, [], undefined, head);
        case '/hostname':
          return goReply(ctx, 200, ctx.hostname, [], undefined, head);
        case '/echo': {
          const code = params.get('code');
          return goReply(ctx, code && /^\d+$/.test(code) ? Number(code) : 200, params.get('msg') ?? '', [], undefined, head);
        }
        case '/header': {
          const key = params.get('key');
          if (key) return goReply(ctx, 200, header(req.headers, key) ?? '', [], undefined, head);
          const obj: Record<string, string[]> = {};
          for (const [n, v] of req.headers) if (n.toLowerCase() !== 'host') (obj[canonicalHeader(n)] ??= []).push(v);
          return goReply(ctx, 200, JSON.stringify(obj), [], undefined, head);
        }
        case '/healthz':
          return goReply(ctx, 200, '', [], undefined, head);
        default:
          return goReply(ctx, 200, `NOW: ${goTimeString(ctx.world.now(), ctx.world.now() - started)}`, [], undefined, head);
      }
    },
  };
}

function canonicalHeader(name: string): string {
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_m, d: string, ch: string) => d + ch.toUpperCase());
}

/** registry.k8s.io/echoserver (nginx + lua): the request as the pod received it. [layout approximated] */
function echoserver(): Server {
  return {
    name: 'echoserver',
    serve(req, ctx) {
      const headers = req.headers.map(([n, v]) => `\t${n.toLowerCase()}=${v}`).sort();
      const body = [
        '',
        '',
        `Hostname: ${ctx.hostname}`,
        '',
        'Pod Information:',
        '\t-no pod information available-',
        '',
        'Server values:',
        '\tserver_version=nginx: 1.13.3 - lua: 10008',
        '',
        'Request Information:',
        `\tclient_address=${ctx.clientIp}`,
        `\tmethod=${req.method}`,
        `\treal path=${req.target.split('?')[0]}`,
        `\tquery=${req.target.split('?')[1] ?? ''}`,
        `\trequest_version=${req.version === '2' ? '2.0' : req.version}`,
        `\trequest_scheme=${req.scheme}`,
        `\trequest_uri=${req.scheme}://${req.authority}:${ctx.localPort}${req.target}`,
        '',
        'Request Headers:',
        ...headers,
        '',
        'Request Body:',
        req.body ? `\t${req.body}` : '\t-no body in request-',
        '',
        '',
      ].join('\n');
      return response(200, [
        ['Date', httpDate(ctx.world.now())],
        ['Content-Type', 'text/plain'],
        ['Transfer-Encoding', 'chunked'],
        ['Connection', 'keep-alive'],
        ['Server', 'echoserver'],
      ], req.method === 'HEAD' ? '' : body);
    },
  };
}

/** traefik/whoami: host name, addresses, the remote address and the request. */
function whoami(): Server {
  return {
    name: 'whoami',
    serve(req, ctx) {
      const lines = [
        `Hostname: ${ctx.hostname}`,
        'IP: 127.0.0.1',
        'IP: ::1',
        `IP: ${ctx.localIp}`,
        `RemoteAddr: ${ctx.clientIp}:${ctx.clientPort}`,
        `${req.method} ${req.target} HTTP/${req.version === '2' ? '2.0' : req.version}`,
        `Host: ${req.authority}`,
        ...requestLines(req).filter((l) => !/^host:/i.test(l)),
        '',
        '',
      ];
      return goReply(ctx, 200, lines.join('\n'), [], undefined, req.method === 'HEAD');
    },
  };
}

function httpEcho(c: Container): Server {
  const text = argValue(c, 'text') ?? 'hello-world';
  return {
    name: 'http-echo',
    serve(req, ctx) {
      return goReply(ctx, 200, `${text}\n`, [['Content-Type', 'text/plain; charset=utf-8'], ['X-App-Name', 'http-echo'], ['X-App-Version', '1.0.0']], undefined, req.method === 'HEAD');
    },
  };
}

/** jmalloc/echo-server. */
function jmallocEcho(): Server {
  return {
    name: 'echo-server',
    serve(req, ctx) {
      const body = [`Request served by ${ctx.hostname}`, '', `${req.method} ${req.target} HTTP/${req.version}`, '', `Host: ${req.authority}`, ...requestLines(req).filter((l) => !/^host:/i.test(l)), ''].join('\n');
      return goReply(ctx, 200, body, [['Content-Type', 'text/plain']], undefined, req.method === 'HEAD');
    },
  };
}

/** kennethreitz/httpbin: /ip and /headers as JSON. */
function httpbin(): Server {
  return {
    name: 'httpbin',
    serve(req, ctx) {
      const path = req.target.split('?')[0];
      let body: string;
      if (path === '/ip') body = `{\n  "origin": "${ctx.clientIp}"\n}\n`;
      else if (path === '/headers') body = `{\n  "headers": {\n${req.headers.map(([n, v]) => `    "${canonicalHeader(n)}": ${JSON.stringify(v)}`).join(', \n')}\n  }\n}\n`;
      else return goNotFound(ctx, req.method === 'HEAD');
      return response(200, [['Server', 'gunicorn/19.9.0'], ['Date', httpDate(ctx.world.now())], ['Connection', 'keep-alive'], ['Content-Type', 'application/json'], ['Content-Length', String(body.length)], ['Access-Control-Allow-Origin', '*'], ['Access-Control-Allow-Credentials', 'true']], req.method === 'HEAD' ? '' : body);
    },
  };
}

/** Redis reads the request line as an inline command and answers in RESP, then drops the client. */
function redis(): Server {
  return {
    name: 'redis',
    serve(req) {
      const word = req.method.toLowerCase();
      return { kind: 'raw', text: word === 'get' ? "-ERR wrong number of arguments for 'get' command\r\n" : `-ERR unknown command '${req.method}', with args beginning with: '${req.target}' 'HTTP/1.1' \r\n` };
    },
  };
}

function coredns(port: number): Server {
  return {
    name: 'coredns',
    serve(req, ctx) {
      const head = req.method === 'HEAD';
      if (port === 53) return { kind: 'empty' };
      const path = req.target.split('?')[0];
      if (port === 8080 && path === '/health') return goReply(ctx, 200, 'OK', [], undefined, head);
      if (port === 8181 && path === '/ready') return goReply(ctx, 200, 'OK', [], undefined, head);
      if (port === 9153 && path === '/metrics') {
        return goReply(ctx, 200, '# HELP coredns_build_info A metric with a constant \'1\' value labeled by version, revision, and goversion from which CoreDNS was built.\n# TYPE coredns_build_info gauge\ncoredns_build_info{goversion="go1.23.8",revision="",version="1.12.1"} 1\n', [['Content-Type', 'text/plain; version=0.0.4; charset=utf-8']], undefined, head);
      }
      return goNotFound(ctx, head);
    },
  };
}

/** The program a container's image runs, for a connection it accepted on `port`. */
export function appServer(c: Container, pod: Pod, port: number): Server {
  const repo = imageRepository(c.image);
  const last = lastSegment(repo);
  if (repo.endsWith('coredns')) return coredns(port);
  if (last === 'nginx' || last.startsWith('nginx-') || repo === 'bitnami/nginx') return nginxServer(c.image);
  if (last === 'httpd') return httpd();
  if (last === 'aks-helloworld' || last.startsWith('aks-helloworld-')) return aksHelloWorld(c);
  if (last === 'azure-vote-front') return azureVoteFront(c);
  if (last === 'agnhost') return agnhostNetexec(c, pod);
  if (last === 'echoserver') return echoserver();
  if (repo === 'traefik/whoami' || last === 'whoami') return whoami();
  if (last === 'http-echo') return httpEcho(c);
  if (repo === 'jmalloc/echo-server') return jmallocEcho();
  if (last === 'httpbin') return httpbin();
  if (last === 'redis') return redis();
  return { name: `unknown app (${repo})`, serve: (req, ctx) => goNotFound(ctx, req.method === 'HEAD') };
}

/** The nginx version string of an image, for tools that report the server they reached. */
export function nginxVersionOf(image: string): string {
  return nginxRelease(image).version;
}

export type { ServeContext, ServerReply };
