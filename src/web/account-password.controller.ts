import { Body, Controller, Get, HttpCode, Ip, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuthService } from '../auth/auth.service';
import { AllowsTemporaryPassword, CurrentUser, Public, type Principal } from '../auth/principal';
import { DomainError } from '../common/errors/domain-error';
import { passwordErrorLinks, passwordPageView, readPasswordForm, serviceError, type PasswordFieldError } from './view/account-password.view';
import { safeNext } from './view/sign-in.view';
import { WebSignedInGuard } from './web-auth';
import { WebErrorFilter } from './web-error.filter';
import { WebPages } from './web-pages';

/**
 * "Change your password", for every signed-in user, from the header. Someone who signed in with a
 * temporary password an administrator gave them (a reset, or a user added on the users page) is
 * sent here from every other page until they choose their own (the API refuses them the same way:
 * 403 `password_change_required`). The same service as `POST /api/v1/auth/password`: the current
 * password is checked and counted like a sign-in attempt; every other session of the user ends;
 * this one goes on. Passwords are never written back into the page.
 */
@ApiExcludeController()
@Public()
@AllowsTemporaryPassword()
@UseGuards(WebSignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('account/password')
export class AccountPasswordController {
  constructor(
    private readonly pages: WebPages,
    private readonly auth: AuthService,
  ) {}

  private title(p: Principal): string {
    return p.temporaryPassword ? 'Choose your own password' : 'Change your password';
  }

  private show(req: Request, res: Response, p: Principal, next: string, errors: PasswordFieldError[], status: number): Promise<void> {
    const view = passwordPageView({ temporary: p.temporaryPassword === true, next, errors });
    return this.pages.render(req, res, 'account-password', view, { title: this.title(p), breadcrumbs: [{ text: 'Home', href: '/' }], errors: passwordErrorLinks(errors) }, status);
  }

  @Get()
  async page(@CurrentUser() p: Principal, @Query('next') next: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.show(req, res, p, safeNext(typeof next === 'string' ? next : undefined), [], 200);
  }

  /**
   * Changes it; then the confirmation, or the form with every problem on its field. The confirmation
   * is the POST's own answer, never a page a link could open (a crafted link must not show "your
   * password has been changed" with a Continue button of its choosing); sending the form again
   * asks for the current password, which is now the new one.
   */
  @Post()
  @HttpCode(200)
  async change(@CurrentUser() p: Principal, @Ip() ip: string, @Body() body: Record<string, unknown> | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    const temporary = p.temporaryPassword === true;
    const next = safeNext(typeof body?.next === 'string' ? body.next : undefined);
    const { form, errors } = readPasswordForm(body ?? {}, temporary);
    if (errors.length) return this.show(req, res, p, next, errors, 400);
    try {
      await this.auth.changePassword(p, { currentPassword: form.currentPassword, newPassword: form.newPassword }, ip);
    } catch (e) {
      if (!(e instanceof DomainError) || (e.status !== 400 && e.status !== 429)) throw e;
      if (e.status === 400 && !e.errors.some((f) => f.field === 'currentPassword')) {
        // the service's own rule on the new password (the same as the form's): on its field
        return this.show(
          req,
          res,
          p,
          next,
          e.errors.map((f) => ({ id: 'new-password', message: `Your new password ${f.message.replace(/^newPassword /, '')}` })),
          400,
        );
      }
      return this.show(req, res, p, next, [serviceError(e.status, temporary)], e.status);
    }
    const view = passwordPageView({ temporary: false, next, changed: true });
    await this.pages.render(req, res, 'account-password', view, { title: 'Your password has been changed', breadcrumbs: [{ text: 'Home', href: '/' }] });
  }
}
