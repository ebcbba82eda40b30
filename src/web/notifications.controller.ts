import { Body, Controller, Get, HttpCode, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Public, type Principal } from '../auth/principal';
import { preferencesView } from '../notifications/core/recipients';
import { NotificationsService } from '../notifications/notifications.service';
import { notificationErrorLinks, notificationsView, readNotificationsForm } from './view/notifications.view';
import { WebSignedInGuard } from './web-auth';
import { WebErrorFilter } from './web-error.filter';
import { WebPages } from './web-pages';

/**
 * The signed-in user's email notification preferences (issue 17): which events, straight away or in
 * the daily summary, and the PDF for the kinds that have one. The same service as
 * `GET`/`PUT /api/v1/me/notification-preferences`; every user, its own only.
 */
@ApiExcludeController()
@Public()
@UseGuards(WebSignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('account/notifications')
export class NotificationsPageController {
  constructor(
    private readonly pages: WebPages,
    private readonly notifications: NotificationsService,
  ) {}

  @Get()
  async page(@CurrentUser() p: Principal, @Query('saved') saved: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const view = notificationsView(await this.notifications.preferences(p), { saved: saved === '1' });
    await this.pages.render(req, res, 'notifications', view, { title: 'Email notifications', breadcrumbs: [{ text: 'Home', href: '/' }] });
  }

  /** Saves every kind's choices; back to the page saying so (POST-redirect-GET), or the form with its errors. */
  @Post()
  @HttpCode(200)
  async save(@CurrentUser() p: Principal, @Body() body: Record<string, unknown> | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const form = readNotificationsForm(body ?? {});
    if (form.errors.length) {
      const view = notificationsView(preferencesView(form.items), { errors: form.errors });
      return this.pages.render(
        req,
        res,
        'notifications',
        view,
        { title: 'Email notifications', breadcrumbs: [{ text: 'Home', href: '/' }], errors: notificationErrorLinks(form.errors) },
        400,
      );
    }
    await this.notifications.savePreferences(p, form.items);
    res.redirect(303, '/account/notifications?saved=1');
  }
}
