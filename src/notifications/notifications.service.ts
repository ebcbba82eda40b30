/**
 * Notifications by email (issue 17; docs/notifications.md).
 *
 * 1. Fan-out: a subscriber to every domain event (`event.notifications`) works out the recipients
 *    (core/recipients.ts), applies each one's preferences and records one delivery per event and
 *    user (UNIQUE(event_id, user_id), ON CONFLICT DO NOTHING), queueing a `notification.send` job
 *    per immediate delivery in the same transaction.
 * 2. Sending, at most once per event and recipient: a job claims its row (pending|retrying →
 *    sending) before talking to the mail server, so a replayed or duplicated job finds nothing to
 *    claim. An SMTP error makes the row `retrying` and the job throws (pg-boss tries again later);
 *    the last attempt's error makes it `failed`. A process that dies mid-send leaves the row in
 *    `sending`: it is never sent again automatically (the server may have accepted it; twice is
 *    worse than once missed) and the sweep marks it `unknown` after 15 minutes, for the log.
 * 3. Digests: deliveries of users who chose the daily digest wait as `pending_digest`; the digest
 *    cron (DIGEST_CRON) moves each user's waiting rows into one `notification_digests` row with one
 *    UPDATE … RETURNING and queues one message for it, sent under the same claim rule.
 *
 * The recipient's own access decides attachments: a statement or board pack is rendered as the
 * recipient (AuthService.activePrincipal), so a mail never carries what its reader could not open.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { electorateOf, type DecisionRuleName } from '../agreements/core/decision';
import { AuthService } from '../auth/auth.service';
import type { Principal } from '../auth/principal';
import { DomainError, ValidationError } from '../common/errors/domain-error';
import { Metrics } from '../metrics/metrics.service';
import { MAIL_CONFIG, type MailConfig } from '../config/slices';
import { AccessService } from '../consortia/access.service';
import { ConsortiaService } from '../consortia/consortia.service';
import { UnitOfWork } from '../database/sql';
import type { DomainEvent, EventPayloads } from '../events/event-kinds';
import { EventsService } from '../events/events.service';
import { JobQueue, type JobMeta } from '../jobs/job-queue.service';
import { OrganisationDirectoryService } from '../organisations/organisation-directory.service';
import { ReportsService } from '../reports/reports.service';
import { digestSubject, messageFor, messageId, type Message } from './core/messages';
import { organisationsConcerned, planDeliveries, preferencesView, recipientsOf, type Preference, type RecipientsInput } from './core/recipients';
import { checkPreferences } from './core/preferences';
import { Mailer, type OutgoingMail } from './mailer';
import { MailTemplates } from './mail-templates';
import { NotificationsRepository, type Delivery, type DeliveryLogItem } from './notifications.repository';

export const SEND_QUEUE = 'notification.send';
export const DIGEST_QUEUE = 'notification.digest';
export const DIGEST_CRON_QUEUE = 'notification.digests';
export const SWEEP_QUEUE = 'notification.sweep';

@Injectable()
export class NotificationsService {
  private readonly logger = new Logger('Notifications');
  private readonly templates = new MailTemplates();

  constructor(
    private readonly repo: NotificationsRepository,
    private readonly uow: UnitOfWork,
    private readonly events: EventsService,
    private readonly jobs: JobQueue,
    private readonly mailer: Mailer,
    private readonly auth: AuthService,
    private readonly consortia: ConsortiaService,
    private readonly access: AccessService,
    private readonly directory: OrganisationDirectoryService,
    private readonly reports: ReportsService,
    @Inject(MAIL_CONFIG) private readonly config: MailConfig,
    private readonly metrics: Metrics,
  ) {
    const retry = { retryLimit: config.retryLimit, retryDelaySeconds: config.retryDelaySeconds, retryBackoff: true };
    events.subscribe('notifications', async (e) => {
      await this.fanOut(e);
    });
    jobs.define<{ deliveryId: string }>({ name: SEND_QUEUE, ...retry, concurrency: 2 }, (d, meta) => this.sendDelivery(d.deliveryId, meta));
    jobs.define<{ digestId: string }>({ name: DIGEST_QUEUE, ...retry }, (d, meta) => this.sendDigest(d.digestId, meta));
    jobs.cron({ name: DIGEST_CRON_QUEUE, retryLimit: 2, retryDelaySeconds: 60 }, config.digestCron, async () => {
      await this.sendDigests();
    });
    jobs.cron({ name: SWEEP_QUEUE, retryLimit: 0, retryDelaySeconds: 60 }, '*/5 * * * *', async () => {
      await this.sweep();
    });
  }

  // ------------------------------------------------------------------ fan-out

  /** What the recipient rules need to know about the event's consortium; null when it is gone. */
  private async recipientBase(event: DomainEvent): Promise<Omit<RecipientsInput, 'users'> | null> {
    const c = await this.consortia.find(null, event.consortiumId);
    if (!c) return null;
    const periods = await this.consortia.memberPeriods(null, c.id);
    const base: Omit<RecipientsInput, 'users'> = {
      kind: event.kind,
      payload: event.payload,
      date: event.occurredAt.toISOString().slice(0, 10),
      hostOrganisationId: c.hostOrganisationId,
      periods,
    };
    if (event.kind === 'agreement.proposed') {
      const p = event.payload as EventPayloads['agreement.proposed'];
      base.voters = electorateOf(p.decisionRule as DecisionRuleName, periods, p.effectiveFrom, c.hostOrganisationId);
    }
    return base;
  }

  /**
   * Whether the user, as it is now, is still one the event's rule names. Recipients are chosen at
   * fan-out, but a message may go much later (retries, the daily digest): a role taken away or a
   * membership ended in between must stop the message, not only a disabled account.
   */
  private async stillTold(event: DomainEvent, p: Principal): Promise<boolean> {
    const base = await this.recipientBase(event);
    if (!base) return false;
    const me = { id: p.userId, email: p.email, role: p.role, organisationId: p.organisationId, disabled: false };
    return recipientsOf({ ...base, users: [me] }).length === 1;
  }

  /** Records the event's deliveries (idempotent) and queues the immediate ones. */
  async fanOut(event: DomainEvent): Promise<number> {
    const base = await this.recipientBase(event);
    if (!base) return 0;
    const requester = event.kind === 'batch.finished' ? [(event.payload as EventPayloads['batch.finished']).requestedBy] : [];
    const users = await this.auth.activeUsers(organisationsConcerned(base), requester);
    const recipients = recipientsOf({
      ...base,
      users: users.map((u) => ({ id: u.id, email: u.email, role: u.role, organisationId: u.organisationId, disabled: u.disabledAt !== null })),
    });
    const prefs = new Map<string, Preference[]>();
    for (const row of await this.repo.preferencesOf(
      null,
      recipients.map((r) => r.id),
    )) {
      prefs.set(row.userId, [...(prefs.get(row.userId) ?? []), { kind: row.kind, enabled: row.enabled, mode: row.mode, attachPdf: row.attachPdf }]);
    }
    const planned = planDeliveries(event.kind, recipients, prefs, this.mailer.enabled);
    return this.uow.run(async (tx) => {
      const inserted = await this.repo.insertDeliveries(tx, { eventId: event.id, consortiumId: event.consortiumId, kind: event.kind }, planned);
      for (const d of inserted) if (d.status === 'pending') await this.jobs.send(SEND_QUEUE, { deliveryId: d.id }, { on: tx });
      return inserted.length;
    });
  }

  // ------------------------------------------------------------------ immediate sending

  /** One attempt at one delivery (the `notification.send` job). */
  async sendDelivery(id: string, meta: Pick<JobMeta, 'lastAttempt'> = { lastAttempt: false }): Promise<void> {
    const d = await this.repo.claim(null, id);
    if (!d) return; // sent, being sent, or given up: at most once
    try {
      const p = await this.auth.activePrincipal(d.userId);
      if (!p) {
        await this.repo.settle(null, d.id, 'skipped', 'the recipient was disabled before the message was sent');
        return;
      }
      const event = await this.events.find(null, d.eventId);
      if (!event) {
        await this.repo.settle(null, d.id, 'skipped', 'the event no longer exists');
        return;
      }
      if (!(await this.stillTold(event, p))) {
        await this.repo.settle(null, d.id, 'skipped', 'the recipient is no longer told about this event (role or membership changed)');
        return;
      }
      const mail = await this.compose(event, d, p);
      await this.mailer.send(mail);
      await this.repo.settle(null, d.id, 'sent');
      this.metrics.notificationsSent.inc({ kind: event.kind, status: 'sent' });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await this.repo.settle(null, d.id, meta.lastAttempt ? 'failed' : 'retrying', message.slice(0, 1000));
      this.metrics.notificationsSent.inc({ kind: d.kind, status: meta.lastAttempt ? 'failed' : 'retrying' });
      this.logger.warn({ deliveryId: d.id, attempts: d.attempts, err: message }, 'notification not sent');
      throw err;
    }
  }

  private async compose(event: DomainEvent, d: Delivery, p: Principal): Promise<OutgoingMail> {
    const message = await this.messageOf(event, p);
    const attachments: NonNullable<OutgoingMail['attachments']> = [];
    if (d.attachPdf) {
      const pdf = await this.attachment(event, p);
      if (pdf) attachments.push({ filename: pdf.filename, content: pdf.pdf, contentType: 'application/pdf' });
    }
    const { html, text } = this.templates.render(
      event.kind,
      { ...message.model, link: message.link, attached: attachments.length > 0 },
      layoutOf(message.subject, this.config.publicBaseUrl),
    );
    return { to: d.email, subject: message.subject, html, text, messageId: messageId('delivery', d.id, this.config.publicBaseUrl), attachments };
  }

  private async messageOf(event: DomainEvent, p: Principal): Promise<Message> {
    const c = await this.consortia.find(null, event.consortiumId);
    const orgIds = new Set<string>([...(p.organisationId ? [p.organisationId] : []), ...(c ? [c.hostOrganisationId] : [])]);
    if (event.kind === 'sla.breached') orgIds.add((event.payload as EventPayloads['sla.breached']).organisationId);
    if (event.kind === 'invitation.sent' || event.kind === 'invitation.answered') orgIds.add((event.payload as EventPayloads['invitation.sent']).organisationId);
    const names = await this.directory.namesOf(null, orgIds);
    return messageFor(event, {
      consortiumId: event.consortiumId,
      consortiumName: c?.name ?? 'Your partnership',
      baseUrl: this.config.publicBaseUrl,
      names,
      recipientOrganisationId: p.organisationId,
      hostOrganisationId: c?.hostOrganisationId,
    });
  }

  /** The PDF the recipient chose to receive, rendered as the recipient; null when it may not read it. */
  private async attachment(event: DomainEvent, p: Principal): Promise<{ pdf: Buffer; filename: string } | null> {
    try {
      if (event.kind === 'month.closed' && p.organisationId) {
        const { month } = event.payload as EventPayloads['month.closed'];
        return await this.reports.statementPdf(p, event.consortiumId, p.organisationId, month, month);
      }
      if (event.kind === 'board_pack.due') {
        const { from, to } = event.payload as EventPayloads['board_pack.due'];
        return await this.reports.boardPackPdf(p, event.consortiumId, from, to);
      }
    } catch (err) {
      // refused (no access, no such statement): the message goes without it; anything else is retried
      if (err instanceof DomainError && err.status < 500) return null;
      throw err;
    }
    return null;
  }

  // ------------------------------------------------------------------ digests

  /** Makes one digest per user with waiting deliveries and queues each (the digest cron's work; tests call it directly). Returns the digests made. */
  async sendDigests(): Promise<number> {
    let made = 0;
    for (const userId of await this.repo.usersWithDigest(null)) {
      made += await this.uow.run(async (tx) => {
        const d = await this.repo.makeDigest(tx, userId);
        if (!d) return 0;
        await this.jobs.send(DIGEST_QUEUE, { digestId: d.digest.id }, { on: tx });
        return 1;
      });
    }
    return made;
  }

  async sendDigest(id: string, meta: Pick<JobMeta, 'lastAttempt'> = { lastAttempt: false }): Promise<void> {
    const g = await this.repo.claimDigest(null, id);
    if (!g) return;
    try {
      const p = await this.auth.activePrincipal(g.userId);
      if (!p) {
        await this.repo.settleDigest(null, g.id, 'skipped', 'the recipient was disabled before the digest was sent');
        return;
      }
      const deliveries = await this.repo.digestDeliveries(null, g.id);
      const items: { subject: string; link: string }[] = [];
      for (const d of deliveries) {
        const event = await this.events.find(null, d.eventId);
        if (!event || !(await this.stillTold(event, p))) continue;
        const m = await this.messageOf(event, p);
        items.push({ subject: m.subject, link: m.link });
      }
      if (!items.length) {
        await this.repo.settleDigest(null, g.id, 'skipped', 'nothing left to tell');
        return;
      }
      const subject = digestSubject(items.length);
      const { html, text } = this.templates.render('digest', { count: items.length, items }, layoutOf(subject, this.config.publicBaseUrl));
      await this.mailer.send({ to: p.email, subject, html, text, messageId: messageId('digest', g.id, this.config.publicBaseUrl) });
      await this.repo.settleDigest(null, g.id, 'sent');
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await this.repo.settleDigest(null, g.id, meta.lastAttempt ? 'failed' : 'retrying', message.slice(0, 1000));
      this.logger.warn({ digestId: g.id, attempts: g.attempts, err: message }, 'digest not sent');
      throw err;
    }
  }

  /** Marks rows stuck in `sending` as `unknown` (never re-sent). */
  sweep(): Promise<number> {
    return this.repo.sweepStuck(null);
  }

  // ------------------------------------------------------------------ preferences and log

  /** The caller's preference for every kind (defaults where it has saved none). */
  async preferences(p: Principal): Promise<Preference[]> {
    const rows = await this.repo.preferencesOf(null, [p.userId]);
    return preferencesView(rows);
  }

  async savePreferences(p: Principal, prefs: Preference[]): Promise<Preference[]> {
    const problems = checkPreferences(prefs);
    if (problems.length) throw new ValidationError(problems);
    await this.uow.run((tx) => this.repo.savePreferences(tx, p.userId, prefs));
    return this.preferences(p);
  }

  /**
   * The consortium's delivery log (the host's). An invitation goes to the administrators of an
   * organisation that is not a member yet: the host learns that it was delivered, not who they are
   * (another organisation's users are its own business until it joins, as GET /users keeps them).
   */
  async log(p: Principal, consortiumId: string, limit: number, offset: number): Promise<{ items: LogItem[]; total: number }> {
    const c = await this.access.consortium(p, consortiumId, 'host');
    const page = await this.repo.log(null, c.id, limit, offset);
    return { items: page.items.map((i) => (i.kind === 'invitation.sent' ? { ...i, email: null } : i)), total: page.total };
  }
}

type LogItem = Omit<DeliveryLogItem, 'email'> & { email: string | null };

function layoutOf(subject: string, baseUrl: string): { subject: string; preferencesLink: string } {
  return { subject, preferencesLink: `${baseUrl}/account/notifications` };
}
