// The SandboxApi as every host uses it: scenarios, snapshots, and input that must not hurt it.
import { describe, expect, it } from 'vitest';
import { createSandbox } from '../../sandbox/sandbox.ts';

describe('sandbox', () => {
  it('starts on the default scenario with the learner on the workstation', () => {
    const sandbox = createSandbox();
    expect(sandbox.info()).toMatchObject({ scenario: 'kubenet-basic', prompt: 'learner@workstation:~$ ' });
    expect(sandbox.exec('cat ~/.kube/config | grep -c "server: https://"').stdout).toBe('1\n');
  });

  it('refuses an unknown scenario with the list of known ones', () => {
    expect(() => createSandbox({ scenario: 'nope' })).toThrow(/unknown scenario "nope" \(known: .*kubenet-basic/);
  });

  it('advances virtual time with each command', () => {
    const sandbox = createSandbox();
    const first = sandbox.exec('date').stdout;
    sandbox.exec('sleep 90');
    const later = sandbox.exec('date').stdout;
    expect(Date.parse(later.replace(' UTC', 'Z')) - Date.parse(first.replace(' UTC', 'Z'))).toBeGreaterThanOrEqual(90_000);
  });

  it('round-trips its whole state through a snapshot', () => {
    const a = createSandbox();
    a.exec('export CLUSTER=aks1');
    a.exec('mkdir -p work && echo "kind: Service" > work/svc.yaml');
    a.exec('cd work');
    const snapshot = JSON.parse(JSON.stringify(a.snapshot()));
    const b = createSandbox();
    b.restore(snapshot);
    expect(JSON.stringify(b.snapshot())).toBe(JSON.stringify(snapshot));
    expect(b.prompt()).toBe('learner@workstation:~/work$ ');
    expect(b.exec('echo $CLUSTER; cat svc.yaml').stdout).toBe('aks1\nkind: Service\n');
  });

  it('keeps its state when a snapshot is corrupted', () => {
    const sandbox = createSandbox();
    sandbox.exec('export KEEP=yes');
    const snapshot = sandbox.snapshot();
    const broken = { ...snapshot, world: { state: { version: 1 } } };
    expect(() => sandbox.restore(broken)).toThrow(/saved sandbox state cannot be used: the simulated world is missing or malformed/);
    expect(() => sandbox.restore({ ...snapshot, version: 99 })).toThrow(/version 99/);
    expect(() => sandbox.restore(null as never)).toThrow(/not an object/);
    expect(sandbox.exec('echo $KEEP').stdout).toBe('yes\n');
  });

  it('survives a 1 MB paste and still answers', () => {
    const sandbox = createSandbox();
    const result = sandbox.exec(`echo ${'x'.repeat(1024 * 1024)} | wc -c`);
    expect(result.stdout.trim()).toBe(String(1024 * 1024 + 1));
    expect(sandbox.exec('echo still here').stdout).toBe('still here\n');
  });

  it('waits for the rest of an incomplete command', () => {
    const sandbox = createSandbox();
    expect(sandbox.exec('echo "open').incomplete).toBe(true);
    expect(sandbox.prompt()).toBe('> ');
    expect(sandbox.exec('close"').stdout).toBe('open\nclose\n');
  });
});
