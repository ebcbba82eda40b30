import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Public, type Principal } from '../auth/principal';
import { NotFoundError } from '../common/errors/domain-error';
import { WebhooksService } from '../webhooks/webhooks.service';
import { hostContext, isFormRefusal } from './host-pages';
import { errorLinks } from './view/form-inputs';
import { queryValue } from './view/periods';
import { ALL, readWebhookForm, WEBHOOK_FIELDS, webhookErrorsFromService, webhooksView, type WebhookForm } from './view/webhooks.view';
import { WebSignedInGuard } from './web-auth';
import { type ConsortiumContext, WebConsortia } from './web-consortia';
import { WebErrorFilter } from './web-error.filter';
import { WebPages } from './web-pages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Deliveries shown per endpoint (the API's `…/deliveries` pages through the whole log). */
const LATEST = 10;

/**
 * The host's "Webhooks" (issue 17): the same service as `…/api/v1/consortia/:id/webhooks`, so the
 * same access: the host's administrators and platform admins; a member is the 403 page, another
 * tenant's partnership the 404 page; an archived partnership's endpoints are shown without forms.
 * A new endpoint's secret is shown on the page that answers the form (no redirect: it is never
 * stored anywhere it could be shown again).
 */
@ApiExcludeController()
@Public()
@UseGuards(WebSignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('consortium/:id/webhooks')
export class WebhooksPageController {
  constructor(
    private readonly pages: WebPages,
    private readonly web: WebConsortia,
    private readonly webhooks: WebhooksService,
  ) {}

  private async render(
    req: Request,
    res: Response,
    p: Principal,
    ctx: ConsortiumContext,
    o: { form?: WebhookForm; errors?: Record<string, string>; secret?: { url: string; secret: string; rotated: boolean } | null; done?: 'enabled' | 'disabled' | 'deleted' | null },
    status = 200,
  ): Promise<void> {
    const id = ctx.consortium.id;
    const list = await this.webhooks.list(p, id);
    const endpoints = [];
    for (const endpoint of list.items) {
      const d = await this.webhooks.deliveries(p, id, endpoint.id, LATEST, 0);
      endpoints.push({ endpoint, deliveries: d.items, totalDeliveries: d.total });
    }
    const errors = o.errors ?? {};
    const view = webhooksView({
      consortiumId: id,
      manages: ctx.consortium.archivedAt === null,
      endpoints,
      form: o.form ?? { url: '', events: [ALL], description: '' },
      errors,
      secret: o.secret ?? null,
      done: o.done ?? null,
    });
    await this.pages.render(
      req,
      res,
      'webhooks',
      view,
      { title: 'Webhooks', consortium: ctx.frame, breadcrumbs: ctx.crumbs, errors: errorLinks(errors, WEBHOOK_FIELDS, { events: 'events' }) },
      status,
    );
  }

  @Get()
  async page(@CurrentUser() p: Principal, @Param('id') id: string, @Query() q: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await hostContext(this.web, p, id, 'webhooks');
    const done = queryValue(q.done);
    await this.render(req, res, p, ctx, { done: done === 'enabled' || done === 'disabled' || done === 'deleted' ? done : null });
  }

  @Post()
  @HttpCode(200)
  async add(@CurrentUser() p: Principal, @Param('id') id: string, @Body() body: Record<string, unknown> | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await hostContext(this.web, p, id, 'webhooks');
    const read = readWebhookForm(body ?? {});
    if (!read.create) return this.render(req, res, p, ctx, { form: read.form, errors: read.errors }, 400);
    try {
      const made = await this.webhooks.create(p, id, read.create);
      // the secret, this once: on the answer to the form itself
      return this.render(req, res, p, ctx, { secret: { url: made.url, secret: made.secret, rotated: false } }, 201);
    } catch (e) {
      if (!isFormRefusal(e) || e.status !== 400) throw e;
      return this.render(req, res, p, ctx, { form: read.form, errors: webhookErrorsFromService(e.errors) }, 400);
    }
  }

  private async act(p: Principal, id: string, webhookId: string, res: Response, what: 'enabled' | 'disabled' | 'deleted'): Promise<void> {
    await hostContext(this.web, p, id, 'webhooks');
    if (!UUID.test(webhookId)) throw new NotFoundError('Webhook');
    if (what === 'deleted') await this.webhooks.remove(p, id, webhookId);
    else await this.webhooks.update(p, id, webhookId, { enabled: what === 'enabled' });
    res.redirect(303, `/consortium/${id}/webhooks?done=${what}`);
  }

  @Post(':webhookId/enable')
  enable(@CurrentUser() p: Principal, @Param('id') id: string, @Param('webhookId') webhookId: string, @Res() res: Response): Promise<void> {
    return this.act(p, id, webhookId, res, 'enabled');
  }

  @Post(':webhookId/disable')
  disable(@CurrentUser() p: Principal, @Param('id') id: string, @Param('webhookId') webhookId: string, @Res() res: Response): Promise<void> {
    return this.act(p, id, webhookId, res, 'disabled');
  }

  @Post(':webhookId/delete')
  remove(@CurrentUser() p: Principal, @Param('id') id: string, @Param('webhookId') webhookId: string, @Res() res: Response): Promise<void> {
    return this.act(p, id, webhookId, res, 'deleted');
  }

  @Post(':webhookId/rotate-secret')
  @HttpCode(200)
  async rotate(@CurrentUser() p: Principal, @Param('id') id: string, @Param('webhookId') webhookId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const ctx = await hostContext(this.web, p, id, 'webhooks');
    if (!UUID.test(webhookId)) throw new NotFoundError('Webhook');
    const r = await this.webhooks.rotateSecret(p, id, webhookId);
    await this.render(req, res, p, ctx, { secret: { url: r.url, secret: r.secret, rotated: true } });
  }
}
