import { goldenIn } from '../../support/golden.ts';

export const expectGolden = goldenIn('kube-proxy');
