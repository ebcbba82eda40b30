import { AdmissionGate as Admission } from './admission-gate';
import { PdfBusyError } from './errors';

const tick = () => new Promise((r) => setImmediate(r));

describe('Admission', () => {
  it('admits up to the limit, queues in order, then refuses at once', async () => {
    const gate = new Admission(2, 1, 10000);
    const order: string[] = [];
    const release: Record<string, () => void> = {};
    const job = (name: string) =>
      gate.run(
        () =>
          new Promise<void>((r) => {
            order.push(`start ${name}`);
            release[name] = () => {
              order.push(`end ${name}`);
              r();
            };
          }),
      );
    const a = job('a');
    const b = job('b');
    const c = job('c');
    await tick();
    expect(gate.stats()).toEqual({ active: 2, waiting: 1 });
    await expect(job('d')).rejects.toBeInstanceOf(PdfBusyError);
    release.a();
    await a;
    await tick();
    expect(order).toEqual(['start a', 'start b', 'end a', 'start c']);
    release.b();
    release.c();
    await Promise.all([b, c]);
    expect(gate.stats()).toEqual({ active: 0, waiting: 0 });
  });

  it('times out a queued report with PdfBusyError and frees its place', async () => {
    const gate = new Admission(1, 5, 20);
    let done!: () => void;
    const first = gate.run(() => new Promise<void>((r) => (done = r)));
    await expect(gate.run(() => Promise.resolve('late'))).rejects.toMatchObject({ reason: 'queue_timeout' });
    expect(gate.stats()).toEqual({ active: 1, waiting: 0 });
    done();
    await first;
    await expect(gate.run(() => Promise.resolve('next'))).resolves.toBe('next');
  });

  it('releases the slot when the work throws', async () => {
    const gate = new Admission(1, 0, 1000);
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run(() => Promise.resolve(1))).resolves.toBe(1);
  });
});
