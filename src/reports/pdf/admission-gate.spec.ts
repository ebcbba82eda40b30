import { AdmissionGate } from './admission-gate';
import { PdfBusyError, PdfUnavailableError } from './errors';

const tick = () => new Promise((r) => setImmediate(r));

describe('AdmissionGate', () => {
  it('admits up to the limit and hands a released place to the oldest waiter', async () => {
    const gate = new AdmissionGate(1, 2, 10_000);
    const order: string[] = [];
    await gate.acquire();
    const b = gate.acquire().then(() => order.push('b'));
    const c = gate.acquire().then(() => order.push('c'));
    expect(gate.stats()).toEqual({ active: 1, waiting: 2 });
    gate.release();
    await b;
    // b holds the place it was handed: a newcomer cannot overtake c
    expect(gate.stats()).toEqual({ active: 1, waiting: 1 });
    gate.release();
    await c;
    expect(order).toEqual(['b', 'c']);
    gate.release();
    expect(gate.stats()).toEqual({ active: 0, waiting: 0 });
  });

  it('refuses past maxQueue at once and counts the refusals', async () => {
    const gate = new AdmissionGate(1, 0, 10_000);
    await gate.acquire();
    await expect(gate.acquire()).rejects.toMatchObject({ code: 'PDF_BUSY', reason: 'queue_full' });
    await expect(gate.acquire()).rejects.toBeInstanceOf(PdfBusyError);
    expect(gate.rejections).toBe(2);
    expect(gate.stats()).toEqual({ active: 1, waiting: 0 });
  });

  it('times a waiter out with queue_timeout, counts it, and frees its place in the queue', async () => {
    const gate = new AdmissionGate(1, 1, 20);
    await gate.acquire();
    await expect(gate.acquire()).rejects.toMatchObject({ reason: 'queue_timeout' });
    expect(gate.rejections).toBe(1);
    expect(gate.stats()).toEqual({ active: 1, waiting: 0 });
  });

  it('rejects every waiter on rejectWaiting, leaving the holders in place', async () => {
    const gate = new AdmissionGate(1, 5, 10_000);
    await gate.acquire();
    const waiting = [gate.acquire(), gate.acquire()];
    await tick();
    gate.rejectWaiting(new PdfUnavailableError('PDF renderer is shutting down'));
    for (const w of waiting) await expect(w).rejects.toBeInstanceOf(PdfUnavailableError);
    expect(gate.stats()).toEqual({ active: 1, waiting: 0 });
    expect(gate.rejections).toBe(0);
  });
});
