// BusyBox wget in a busybox pod: saving, -O -, -q, -S, --spider, and its error lines.
import { describe, it } from 'vitest';
import { goldenIn } from '../../support/golden.ts';
import { lab, pod, service, transcript } from './fixtures.ts';

const golden = goldenIn('tools');
const l = lab({ networkPlugin: 'kubenet' }, 'wget-lab');
pod(l, 'web', 0, { labels: { app: 'web' } });
pod(l, 'bb', 1, { image: 'busybox:1.36' });
service(l, 'web');
service(l, 'empty', { selector: { app: 'none' } });
l.settle();

describe('busybox wget', () => {
  it('downloads and fails like BusyBox', () => {
    const lines = [
      'wget -qO- web | head -3',
      'wget web',
      'wget web',
      'wget -O- web/nope',
      'wget -S -O /dev/null web',
      'wget --spider web',
      'wget -T 3 10.9.9.9',
      'wget empty',
      'wget nosuch',
      'wget -qO- ifconfig.me',
      'wget -z',
    ];
    golden('wget/busybox.txt', lines.map((line) => transcript(line, l.inPod('bb', line))).join('\n'));
  });
});
