// curl against a kubenet cluster: what answers (nginx, the API server, echo apps, the internet),
// every error shape with its exit code, -v transcripts per curl version (8.5 on the workstation,
// 7.81 on nodes, 8.14 in netshoot), and the options that shape the output.
import { describe, expect, it } from 'vitest';
import { goldenIn } from '../../support/golden.ts';
import { lab, lbIp, nodeIp, pod, podIp, service, transcript } from './fixtures.ts';

const golden = goldenIn('tools');
const l = lab({ networkPlugin: 'kubenet' }, 'curl-lab');
pod(l, 'web', 0, { labels: { app: 'web' } });
pod(l, 'shell', 1, { image: 'nicolaka/netshoot' });
pod(l, 'bb', 1, { image: 'busybox:1.36' });
pod(l, 'cache', 0, { image: 'redis:7', labels: { app: 'cache' } });
pod(l, 'hello', 1, { image: 'mcr.microsoft.com/azuredocs/aks-helloworld:v1', labels: { app: 'hello' }, env: [{ name: 'TITLE', value: 'AKS Ingress Demo' }] });
service(l, 'web', { type: 'LoadBalancer' });
service(l, 'empty', { selector: { app: 'nothing' } });
service(l, 'cache', { ports: [{ port: 6379, protocol: 'TCP', targetPort: 6379 }] });
service(l, 'hello');
l.settle();
const fqdn = l.mc.fqdn!;

function check(name: string, run: (line: string) => { stdout: string; stderr: string; exitCode: number }, lines: string[]): void {
  golden(`curl/${name}.txt`, lines.map((line) => transcript(line, run(line))).join('\n'));
}

describe('curl on the workstation (8.5.0)', () => {
  it('fetches the nginx page through the load balancer, plain and verbose', () => {
    const ip = lbIp(l, 'web');
    check('workstation-lb', l.ws, [`curl http://${ip}/`, `curl -v ${ip}`, `curl -sI ${ip}`, `curl -si ${ip}/missing`, `curl -s -o /dev/null -w '%{http_code}\\n' ${ip}`]);
  });

  it('shows the progress meter and the data line when stdout is not the terminal', () => {
    const ip = lbIp(l, 'web');
    check('workstation-piped', l.ws, [`curl ${ip} | head -3`, `curl -v ${ip} | wc -c`]);
  });

  it('talks to the API server: 60 without -k, 401 Status with it, 400 over plain HTTP', () => {
    check('apiserver', l.ws, [`curl https://${fqdn}`, `curl -k https://${fqdn}/api`, `curl -sk -o /dev/null -w '%{http_code} %{http_version} %{remote_ip}\\n' https://${fqdn}`, `curl http://${fqdn}:443`]);
  });

  it('reports name and connection failures with curl 8 texts and codes', () => {
    check('workstation-errors', l.ws, [
      'curl http://nosuch.invalid',
      'curl -v http://nosuch.invalid',
      `curl --connect-timeout 5 http://${nodeIp(l, 0)}`,
      `curl -v -m 3 http://${nodeIp(l, 0)}`,
      'curl -sS https://example.com:8443/',
    ]);
    expect(l.ws(`curl -s ${nodeIp(l, 0)}`).exitCode).toBe(28);
  });

  it('public sites, redirects and what-is-my-ip', () => {
    const out = l.ws('curl -s ifconfig.me');
    expect(out.stdout).toBe(l.world.state.machines['workstation']!.publicIp);
    check('internet', l.ws, ['curl -s ifconfig.me', 'curl -sI http://bing.com', 'curl -sL -o /dev/null -w "%{http_code} %{url_effective} %{num_redirects}\\n" http://bing.com', 'curl -v https://example.com', 'curl https://34.160.111.145']);
  });

  it('argument errors, --version and --help', () => {
    check('args', l.ws, ['curl', 'curl --bogus x', 'curl -o', 'curl -m abc x', 'curl --no-output x', 'curl ftp://x', 'curl http://', 'curl http://web:99999', 'curl --version', 'curl -h']);
  });
});

describe('curl in pods', () => {
  it('reaches a Service by name, and a Service without endpoints is refused', () => {
    check('pod-service', (line) => l.inPod('shell', line), ['curl -s web | head -4', 'curl -v empty', 'curl -sS -m 2 web:8080']);
  });

  it('a busybox pod has no curl', () => {
    expect(l.inPod('bb', 'curl web')).toEqual({ stdout: '', stderr: 'sh: curl: not found\n', exitCode: 127 });
  });

  it('the egress IP is what the internet sees', () => {
    const egress = l.inPod('shell', 'curl -s ifconfig.me').stdout;
    expect(egress).not.toBe(l.world.state.machines['workstation']!.publicIp);
    expect(egress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  it('non-HTTP servers and plain HTTP on a TLS client', () => {
    check('pod-odd-servers', (line) => l.inPod('shell', line), ['curl cache:6379', 'curl https://web:80', `curl -s hello | grep title`]);
  });

  it('nginx image: curl 7.88.1 talks to its own pod over loopback', () => {
    check('pod-nginx-self', (line) => l.inPod('web', line), ['curl -sI localhost', `curl -v ${podIp(l, 'web')}:81`]);
  });
});

describe('curl on a node (7.81.0)', () => {
  it('verbose success and refused with the 7.x wording', () => {
    check('node', (line) => l.onNode(1, line), [`curl -v ${podIp(l, 'web')}`, `curl ${podIp(l, 'web')}:8080`, `curl -sS -k https://${nodeIp(l, 0)}:10250/pods`, `curl -s localhost:10256/healthz`]);
  });
});

describe('request options', () => {
  it('-X, -d, -H, -u, -A, --resolve and -w reach the server as sent', () => {
    pod(l, 'echo', 1, { image: 'traefik/whoami', labels: { app: 'echo' } });
    service(l, 'echo');
    l.settle();
    check('request-options', (line) => l.inPod('shell', line), [
      'curl -s -X POST -d a=1 -H "X-Trace: 42" -A probe/1.0 echo/form',
      `curl -s --resolve fake.example:80:${podIp(l, 'echo')} http://fake.example/`,
      'curl -s -H "Host: other.example" -u alice:secret echo',
      'curl -s -o /tmp/page -w "%{size_download} %{content_type}\\n" echo && cat /tmp/page | head -2',
    ]);
  });
});

describe('TLS transcripts per curl version', () => {
  it('8.14 in netshoot (Connected after TLS), 7.81 on a node (ALPN offering lines, HTTP2 upgrade notes)', () => {
    check('tls-netshoot', (line) => l.inPod('shell', line), ['curl -sv -o /dev/null https://example.com', 'curl -sk https://kubernetes.default.svc/api']);
    check('tls-node', (line) => l.onNode(0, line), ['curl -sv -o /dev/null https://example.com', `curl -sSv https://${fqdn}`]);
  });
});
