import type { ReportJobView } from '../../reports/jobs/report-jobs.service';
import { batchesView, batchView, formatSize, progressText } from './batches.view';
import { pager } from './pager';
import { statementPeriods } from './periods';

const C = '11111111-1111-4111-8111-111111111111';
const J = '22222222-2222-4222-8222-222222222222';
const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

function job(over: Partial<ReportJobView> = {}): ReportJobView {
  return {
    id: J,
    consortiumId: C,
    kind: 'statements',
    from: '2025-04',
    to: '2025-06',
    status: 'running',
    total: 30,
    done: 12,
    failed: 0,
    errors: [],
    attempts: 1,
    lastError: null,
    createdAt: new Date('2025-07-03T09:15:00Z'),
    startedAt: new Date('2025-07-03T09:15:01Z'),
    finishedAt: null,
    files: [
      { organisationId: A, organisationName: 'Riverside Community NHS Trust', filename: 'statement-rx1-2025-04-2025-06.pdf', size: 98_765, sha256: 'ab'.repeat(32), url: '' },
    ],
    ...over,
  };
}

describe('batches view', () => {
  it('progress in words, sizes as people read them', () => {
    expect(progressText(12, 30)).toBe('12 of 30 statements ready');
    expect(progressText(0, 1)).toBe('0 of 1 statement ready');
    expect([812, 98_765, 1_468_006].map(formatSize)).toEqual(['812 bytes', '96 KB', '1.4 MB']);
  });

  it('a running batch: reloads itself only when asked (and says how to stop), its progress, each ready file, no ZIP yet', () => {
    const v = batchView({ consortiumId: C, job: job(), names: {}, started: true, follow: false });
    expect(v.heading).toBe('Statements for April to June 2025');
    expect(v.refreshSeconds).toBeNull();
    expect(v.noScript).toEqual({
      following: false,
      refresh: { href: `/consortium/${C}/batches/${J}`, text: 'Check the progress again' },
      follow: { href: `/consortium/${C}/batches/${J}?follow=1`, text: 'Reload this page every 3 seconds until the batch is finished' },
    });
    const following = batchView({ consortiumId: C, job: job(), names: {}, started: false, follow: true });
    expect(following.refreshSeconds).toBe(3);
    expect(following.noScript).toEqual({
      following: true,
      text: 'This page reloads itself every 3 seconds until the batch is finished.',
      stop: { href: `/consortium/${C}/batches/${J}`, text: 'Stop reloading this page' },
    });
    expect(v.progress).toEqual({ done: 12, total: 30, text: '12 of 30 statements ready', percent: 40, left: '18 still to make.' });
    expect(v.status).toEqual({ text: 'In progress', colour: 'blue' });
    expect(v.files).toEqual([
      { organisationId: A, name: 'Riverside Community NHS Trust', href: `/consortium/${C}/batches/${J}/files/${A}.pdf`, size: '96 KB', sha256: 'ab'.repeat(32) },
    ]);
    expect(v.zip).toBeNull();
    expect(v.started?.heading).toBe('The batch has started');
    expect(v.summary.find((r) => r.key === 'started')?.value).toBe('3 July 2025 at 10:15 BST');
  });

  it('a finished batch: no refresh, the ZIP, and the members whose statement could not be made, by name', () => {
    const v = batchView({
      consortiumId: C,
      job: job({
        status: 'completed',
        total: 2,
        done: 1,
        failed: 1,
        errors: [{ organisationId: B, message: 'No agreement covers May 2025' }],
        finishedAt: new Date('2025-07-03T09:16:00Z'),
      }),
      names: { [B]: 'Hillcrest Trust' },
      started: false,
      follow: true,
    });
    expect(v.refreshSeconds).toBeNull();
    expect(v.noScript).toBeNull();
    expect(v.pending).toBe(false);
    expect(v.progress.left).toBeNull();
    expect(v.zip).toEqual({ href: `/consortium/${C}/batches/${J}/files.zip`, text: 'Download the statement (ZIP)' });
    expect(v.errors).toEqual([{ organisationId: B, name: 'Hillcrest Trust', message: 'No agreement covers May 2025' }]);
    expect(v.status.text).toBe('Finished');
  });

  it('the list: the last closed quarter offered by default, each batch with its progress', () => {
    const periods = statementPeriods({ startMonth: '2025-04', currentMonth: '2025-09', closed: ['2025-04', '2025-05', '2025-06', '2025-07'] });
    const v = batchesView({
      consortiumId: C,
      archived: false,
      periods,
      choices: [
        { value: '2025-04', text: 'April 2025' },
        { value: '2025-06', text: 'June 2025' },
      ],
      form: { from: '2025-04', to: '2025-06', errors: [{ id: 'to', message: 'Select the last month' }] },
      jobs: [job()],
      pager: pager('/x', {}, { offset: 0, limit: 20, total: 1 }),
    });
    expect(v.form.defaultText).toBe('The last closed quarter is April to June 2025.');
    expect(v.form.from).toEqual({
      error: null,
      options: [
        { value: '2025-04', text: 'April 2025', selected: true },
        { value: '2025-06', text: 'June 2025', selected: false },
      ],
    });
    expect(v.form.to.error).toBe('Select the last month');
    expect(v.batches).toEqual([
      {
        id: J,
        href: `/consortium/${C}/batches/${J}`,
        period: 'April to June 2025',
        status: { text: 'In progress', colour: 'blue' },
        progress: '12 of 30 statements ready',
        started: '3 July 2025 at 10:15 BST',
      },
    ]);
  });
});
