/**
 * Statement batches (the host's quarter-end PDFs): the form that starts one, the list of batches,
 * and a batch's progress with its files. Pure: built from the API's job views.
 */
import type { ReportJobSummary, ReportJobView } from '../../reports/jobs/report-jobs.service';
import { formatGeneratedAt, formatMonthRange } from '../../reports/view/format';
import type { PeriodField, StatementPeriods } from './periods';
import type { Pager } from './pager';

/**
 * How often a running batch's page reloads itself without JavaScript, when its user asked it to
 * (seconds). Only on request, with a way to stop: a page that reloads by itself unasked fails WCAG
 * 2.2.1 (F41); one the user turned on and can turn off meets it. With JavaScript the page polls
 * instead and never reloads.
 */
export const REFRESH_SECONDS = 3;

type Status = ReportJobSummary['status'];

const STATUS: Record<Status, { text: string; colour: string }> = {
  queued: { text: 'Waiting to start', colour: 'grey' },
  running: { text: 'In progress', colour: 'blue' },
  completed: { text: 'Finished', colour: 'green' },
  failed: { text: 'Failed', colour: 'red' },
};

export function isPending(status: Status): boolean {
  return status === 'queued' || status === 'running';
}

/** "12 of 30 statements ready" */
export function progressText(done: number, total: number): string {
  return `${done} of ${total} ${total === 1 ? 'statement' : 'statements'} ready`;
}

/** Bytes as a person reads them: "812 bytes", "96 KB", "1.4 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export interface BatchesPageInput {
  consortiumId: string;
  archived: boolean;
  periods: StatementPeriods;
  choices: { value: string; text: string }[];
  form: { from: string; to: string; errors: PeriodField[] };
  jobs: ReportJobSummary[];
  pager: Pager;
}

export function batchesView(i: BatchesPageInput) {
  const error = (id: 'from' | 'to') => i.form.errors.find((e) => e.id === id)?.message ?? null;
  const options = (selected: string) => i.choices.map((c) => ({ ...c, selected: c.value === selected }));
  return {
    intro: 'Make a statement PDF for every member over a period, ready to send to their boards at the end of a quarter.',
    archived: i.archived,
    form: {
      action: `/consortium/${i.consortiumId}/batches`,
      defaultText: i.periods.lastClosedQuarter ? `The last closed quarter is ${i.periods.lastClosedQuarter.text}.` : 'No quarter is closed yet.',
      from: { error: error('from'), options: options(i.form.from) },
      to: { error: error('to'), options: options(i.form.to) },
    },
    batches: i.jobs.map((j) => ({
      id: j.id,
      href: `/consortium/${i.consortiumId}/batches/${j.id}`,
      period: formatMonthRange(j.from, j.to),
      status: STATUS[j.status],
      progress: progressText(j.done, j.total),
      started: formatGeneratedAt(j.createdAt),
    })),
    pager: i.pager,
  };
}

export interface BatchPageInput {
  consortiumId: string;
  job: ReportJobView;
  /** Member names by organisation id (for the errors; files carry their own). */
  names: Record<string, string>;
  /** Just started from the form (the success banner). */
  started: boolean;
  /** The user asked the page to keep itself up to date without JavaScript (`?follow=1`). */
  follow: boolean;
}

/** A batch's progress and files: the page, and (the same figures) what its JavaScript polls. */
export function batchView(i: BatchPageInput) {
  const j = i.job;
  const base = `/consortium/${i.consortiumId}/batches/${j.id}`;
  const pending = isPending(j.status);
  const left = Math.max(0, j.total - j.done - j.failed);
  return {
    heading: `Statements for ${formatMonthRange(j.from, j.to)}`,
    started: i.started ? { heading: 'The batch has started', body: 'Each statement can be downloaded as soon as it is ready.' } : null,
    status: STATUS[j.status],
    pending,
    /** Seconds between reloads while the batch runs, when the user asked for them (null: none). */
    refreshSeconds: pending && i.follow ? REFRESH_SECONDS : null,
    /** Without JavaScript, while it runs: look again now, or have the page follow the batch (and stop it). */
    noScript: pending
      ? i.follow
        ? {
            following: true,
            text: `This page reloads itself every ${REFRESH_SECONDS} seconds until the batch is finished.`,
            stop: { href: base, text: 'Stop reloading this page' },
          }
        : {
            following: false,
            refresh: { href: base, text: 'Check the progress again' },
            follow: { href: `${base}?follow=1`, text: `Reload this page every ${REFRESH_SECONDS} seconds until the batch is finished` },
          }
      : null,
    progress: {
      done: j.done,
      total: j.total,
      text: progressText(j.done, j.total),
      percent: j.total ? Math.round((100 * j.done) / j.total) : 100,
      left: pending && left ? `${left} still to make.` : null,
    },
    summary: [
      { key: 'period', label: 'Period', value: formatMonthRange(j.from, j.to) },
      { key: 'status', label: 'Status', value: STATUS[j.status].text },
      { key: 'started', label: 'Started', value: formatGeneratedAt(j.createdAt) },
      { key: 'finished', label: 'Finished', value: j.finishedAt ? formatGeneratedAt(j.finishedAt) : 'Not yet' },
    ],
    failure: j.status === 'failed' ? `The batch stopped: ${j.lastError ?? 'an unknown error'}. Start it again to make the statements still missing.` : null,
    files: j.files.map((f) => ({
      organisationId: f.organisationId,
      name: f.organisationName,
      href: `${base}/files/${f.organisationId}.pdf`,
      size: formatSize(f.size),
      sha256: f.sha256,
    })),
    errors: j.errors.map((e) => ({ organisationId: e.organisationId, name: i.names[e.organisationId] ?? 'A member', message: e.message })),
    zip:
      !pending && j.files.length
        ? { href: `${base}/files.zip`, text: j.files.length === 1 ? 'Download the statement (ZIP)' : `Download all ${j.files.length} statements (ZIP)` }
        : null,
    progressHref: `${base}/progress`,
    backHref: `/consortium/${i.consortiumId}/batches`,
  };
}

export type BatchView = ReturnType<typeof batchView>;
