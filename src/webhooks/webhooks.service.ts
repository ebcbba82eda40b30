import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { NotFoundError, ValidationError } from '../common/errors/domain-error';
import { WEBHOOKS_CONFIG, type WebhooksConfig } from '../config/slices';
import { AccessService } from '../consortia/access.service';
import { UnitOfWork } from '../database/sql';
import { newSecret } from './core/signature';
import { checkTargetUrl } from './core/target';
import { ALL_EVENTS, type EndpointEvents, type WebhookDelivery, type WebhookEndpoint } from './webhook.model';
import { WebhooksRepository } from './webhooks.repository';

/** An endpoint as the API shows it: everything but the secret. */
export type WebhookEndpointView = Omit<WebhookEndpoint, 'secret'>;

export function endpointView(e: WebhookEndpoint): WebhookEndpointView {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { secret, ...view } = e;
  return view;
}

export const DISABLED_BY_HOST = 'Disabled by the host';

/** "*" alone when it is there (every kind); otherwise the kinds, each once, in catalogue order of first mention. */
function normaliseEvents(events: string[] | undefined): EndpointEvents {
  if (!events || events.includes(ALL_EVENTS)) return [ALL_EVENTS];
  return [...new Set(events)] as EndpointEvents;
}

/** Endpoints of a consortium's webhooks, chosen and seen by its host only (and admins). */
@Injectable()
export class WebhooksService {
  constructor(
    @Inject(WEBHOOKS_CONFIG) private readonly config: WebhooksConfig,
    private readonly repo: WebhooksRepository,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly uow: UnitOfWork,
  ) {}

  private checkUrl(url: string): string {
    const r = checkTargetUrl(url.trim(), this.config.allowLoopback);
    if (!r.ok) throw new ValidationError([{ field: 'url', message: r.message }]);
    return r.url.toString();
  }

  async create(p: Principal, consortiumId: string, dto: { url: string; events?: string[]; description?: string | null }): Promise<WebhookEndpointView & { secret: string }> {
    await this.access.consortium(p, consortiumId, 'manage');
    const url = this.checkUrl(dto.url);
    return this.uow.run(async (tx) => {
      const e = await this.repo.insert(tx, {
        consortiumId,
        url,
        description: dto.description?.trim() || null,
        events: normaliseEvents(dto.events),
        secret: newSecret(),
        createdBy: p.userId,
      });
      await this.audit.record(tx, p, { action: 'create', entity: 'webhook', entityId: e.id, consortiumId, after: endpointView(e) });
      return { ...endpointView(e), secret: e.secret };
    });
  }

  async list(p: Principal, consortiumId: string): Promise<{ items: WebhookEndpointView[]; total: number }> {
    await this.access.consortium(p, consortiumId, 'host');
    const items = (await this.repo.list(null, consortiumId)).map(endpointView);
    return { items, total: items.length };
  }

  private async endpoint(consortiumId: string, id: string): Promise<WebhookEndpoint> {
    const e = await this.repo.find(null, consortiumId, id);
    if (!e) throw new NotFoundError('Webhook');
    return e;
  }

  async get(p: Principal, consortiumId: string, id: string): Promise<WebhookEndpointView> {
    await this.access.consortium(p, consortiumId, 'host');
    return endpointView(await this.endpoint(consortiumId, id));
  }

  async update(
    p: Principal,
    consortiumId: string,
    id: string,
    dto: { url?: string; events?: string[]; description?: string | null; enabled?: boolean },
  ): Promise<WebhookEndpointView> {
    await this.access.consortium(p, consortiumId, 'manage');
    const url = dto.url === undefined ? undefined : this.checkUrl(dto.url);
    return this.uow.run(async (tx) => {
      const before = await this.repo.find(tx, consortiumId, id, true);
      if (!before) throw new NotFoundError('Webhook');
      const next = { ...before };
      if (url !== undefined) next.url = url;
      if (dto.events !== undefined) next.events = normaliseEvents(dto.events);
      if (dto.description !== undefined) next.description = dto.description?.trim() || null;
      if (dto.enabled === true && !before.enabled) Object.assign(next, { enabled: true, consecutiveFailures: 0, disabledAt: null, disabledReason: null });
      if (dto.enabled === false && before.enabled) Object.assign(next, { enabled: false, disabledAt: new Date(), disabledReason: DISABLED_BY_HOST });
      const after = await this.repo.update(tx, id, next);
      if (!after.enabled && before.enabled) await this.repo.cancelPending(tx, id);
      await this.audit.record(tx, p, { action: 'update', entity: 'webhook', entityId: id, consortiumId, before: endpointView(before), after: endpointView(after) });
      return endpointView(after);
    });
  }

  async remove(p: Principal, consortiumId: string, id: string): Promise<void> {
    await this.access.consortium(p, consortiumId, 'manage');
    await this.uow.run(async (tx) => {
      const before = await this.repo.find(tx, consortiumId, id, true);
      if (!before) throw new NotFoundError('Webhook');
      await this.repo.delete(tx, id);
      await this.audit.record(tx, p, { action: 'delete', entity: 'webhook', entityId: id, consortiumId, before: endpointView(before) });
    });
  }

  /** A new secret, effective for the next attempt of every delivery (the old one stops working at once). */
  async rotateSecret(p: Principal, consortiumId: string, id: string): Promise<WebhookEndpointView & { secret: string }> {
    await this.access.consortium(p, consortiumId, 'manage');
    return this.uow.run(async (tx) => {
      const before = await this.repo.find(tx, consortiumId, id, true);
      if (!before) throw new NotFoundError('Webhook');
      const after = await this.repo.update(tx, id, { ...before, secret: newSecret() });
      await this.audit.record(tx, p, { action: 'update', entity: 'webhook', entityId: id, consortiumId, after: { secretRotated: true } });
      return { ...endpointView(after), secret: after.secret };
    });
  }

  async deliveries(p: Principal, consortiumId: string, id: string, limit: number, offset: number): Promise<{ items: WebhookDelivery[]; total: number }> {
    await this.access.consortium(p, consortiumId, 'host');
    await this.endpoint(consortiumId, id);
    return this.repo.deliveries(null, id, limit, offset);
  }
}
