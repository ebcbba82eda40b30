import { Body, Controller, Get, HttpCode, Ip, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuthService } from '../auth/auth.service';
import { Public, type Principal } from '../auth/principal';
import { DomainError } from '../common/errors/domain-error';
import { signInErrors, safeNext } from './view/sign-in.view';
import { WebErrorFilter } from './web-error.filter';
import { WebPages } from './web-pages';
import { WebSession } from './web-auth';

/** Signing in and out of the web service. The form posts to the same sign-in as the API; the token goes into the session cookie. */
@ApiExcludeController()
@Public()
@UseFilters(WebErrorFilter)
@Controller()
export class SignInController {
  constructor(
    private readonly pages: WebPages,
    private readonly session: WebSession,
    private readonly auth: AuthService,
  ) {}

  @Get('sign-in')
  async form(@Req() req: Request, @Res() res: Response, @Query('next') next?: string): Promise<void> {
    if (await this.session.principal(req)) return res.redirect(303, safeNext(next));
    await this.pages.render(req, res, 'sign-in', { email: '', next: safeNext(next), errors: { email: null, password: null } }, { title: 'Sign in' });
  }

  @Post('sign-in')
  @HttpCode(200)
  async signIn(@Req() req: Request, @Res() res: Response, @Ip() ip: string, @Body() body: Record<string, unknown>): Promise<void> {
    const email = typeof body.email === 'string' ? body.email.trim() : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const next = safeNext(typeof body.next === 'string' ? body.next : undefined);
    let problem = signInErrors(email, password);
    if (!problem) {
      try {
        const token = await this.auth.login(email, password, ip);
        this.session.start(res, token.accessToken);
        return res.redirect(303, next);
      } catch (e) {
        if (!(e instanceof DomainError) || (e.status !== 401 && e.status !== 429)) throw e;
        problem =
          e.status === 429
            ? { email: 'You have tried to sign in too many times. Wait a few minutes, then try again', password: null }
            : { email: 'Enter a correct email address and password', password: null };
      }
    }
    const errors = [...(problem.email ? [{ text: problem.email, href: '#email' }] : []), ...(problem.password ? [{ text: problem.password, href: '#password' }] : [])];
    await this.pages.render(req, res, 'sign-in', { email, next, errors: problem }, { title: 'Sign in', errors }, problem.email?.startsWith('You have tried') ? 429 : 400);
  }

  @Post('sign-out')
  async signOut(@Req() req: Request, @Res() res: Response): Promise<void> {
    const p: Principal | null = await this.session.principal(req);
    if (p) await this.auth.logout(p);
    this.session.end(res);
    res.redirect(303, '/sign-in?signed-out=1');
  }

  @Get('accessibility')
  async accessibility(@Req() req: Request, @Res() res: Response): Promise<void> {
    const p = await this.session.principal(req);
    if (p) (req as Request & { user?: Principal }).user = p;
    await this.pages.render(req, res, 'accessibility', {}, { title: 'Accessibility statement' });
  }
}
