/**
 * Gauges read when /metrics is scraped: the PDF pool, the job queues and the database pool. They
 * find the services they read through the ModuleRef at scrape time, so the metrics module depends
 * on no feature module (and a process that never rendered a PDF reports an empty pool).
 */
import { Injectable, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Counter, Gauge } from 'prom-client';
import { DatabaseHealth } from '../database/database-health';
import { JobQueue } from '../jobs/job-queue.service';
import { PdfService } from '../reports/pdf.service';
import { Metrics } from './metrics.service';

@Injectable()
export class MetricsCollectors implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly refs: ModuleRef,
    private readonly db: DatabaseHealth,
  ) {}

  onModuleInit(): void {
    const registers = [this.metrics.registry];
    const find = <T>(token: abstract new (...args: never[]) => T): T | null => {
      try {
        return this.refs.get(token, { strict: false });
      } catch {
        return null;
      }
    };
    const pdf = () => find<PdfService>(PdfService);
    const pdfStats = () => pdf()?.stats() ?? null;

    new Gauge({
      name: 'pdf_pages',
      help: 'Chromium pages of the PDF pool, by state (busy rendering, idle)',
      labelNames: ['state'] as const,
      registers,
      collect() {
        const s = pdfStats();
        this.set({ state: 'busy' }, s?.busyPages ?? 0);
        this.set({ state: 'idle' }, s ? s.pages - s.busyPages : 0);
      },
    });
    new Gauge({
      name: 'pdf_queue_length',
      help: 'Reports admitted and waiting for a PDF page, plus those waiting for admission',
      registers,
      collect() {
        this.set((pdfStats()?.queued ?? 0) + (pdf()?.admissionStats().waiting ?? 0));
      },
    });
    new Gauge({
      name: 'pdf_reports_in_progress',
      help: 'Reports admitted (gathering data or rendering)',
      registers,
      collect() {
        this.set(pdf()?.admissionStats().active ?? 0);
      },
    });
    const pdfCounter = (name: string, help: string, read: () => number) =>
      new Counter({
        name,
        help,
        registers,
        collect() {
          this.reset();
          this.inc(read());
        },
      });
    pdfCounter('pdf_renders_total', 'PDF renders completed by this process', () => pdfStats()?.renders ?? 0);
    pdfCounter('pdf_renders_failed_total', 'PDF renders that failed (timeouts included)', () => pdfStats()?.failures ?? 0);
    pdfCounter('pdf_busy_rejections_total', 'PDF reports refused with 429 (queue full, wait timed out, fair share)', () => pdf()?.admissionStats().rejections ?? 0);

    new Gauge({
      name: 'jobs_queued',
      help: 'Jobs waiting in each background queue (the whole database, not this process)',
      labelNames: ['queue'] as const,
      registers,
      async collect() {
        const jobs = find<JobQueue>(JobQueue);
        if (!jobs) return;
        const sizes = await jobs.queueSizes().catch(() => []);
        this.reset();
        for (const { queue, queued } of sizes) this.set({ queue }, queued);
      },
    });

    const pool = () => this.db.pool();
    new Gauge({
      name: 'db_pool_connections',
      help: 'Connections of the database pool, by state (total, idle)',
      labelNames: ['state'] as const,
      registers,
      collect() {
        const p = pool();
        this.set({ state: 'total' }, p.total);
        this.set({ state: 'idle' }, p.idle);
      },
    });
    new Gauge({
      name: 'db_pool_waiting',
      help: 'Queries waiting for a connection of the database pool',
      registers,
      collect() {
        this.set(pool().waiting);
      },
    });
  }
}
