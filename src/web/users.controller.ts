import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import { AuthService } from '../auth/auth.service';
import { temporaryPassword, TEMPORARY_PASSWORD_BYTES } from '../auth/core/temporary-password';
import type { UserView } from '../auth/dto';
import { CurrentUser, Public, type Principal } from '../auth/principal';
import { DomainError, ForbiddenError, NotFoundError, ValidationError } from '../common/errors/domain-error';
import { OrganisationDirectoryService } from '../organisations/organisation-directory.service';
import { pager, readPage } from './view/pager';
import { readNewUser, resetView, userErrorLinks, usersView, type UsersPageInput } from './view/users.view';
import { WebSignedInGuard } from './web-auth';
import { WebErrorFilter } from './web-error.filter';
import { WebPages } from './web-pages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PAGE_SIZE = 50;
const MANAGERS = new Set(['admin', 'host_admin', 'org_admin']);

/**
 * The users of the caller's own organisation (issue 15): list, add (with a temporary password shown
 * once), disable and enable, reset a password (after a confirmation; the new temporary password
 * shown once). The same service as `GET /api/v1/users`, `POST /users`, `PATCH /users/:id` and
 * `POST /users/:id/password-reset`, so the same rules: the organisation's administrators (host_admin,
 * org_admin) for its own users of their rank or below, platform admins for everyone; anyone else is
 * the 403 page, another organisation's user the 404 page. Pages that show a temporary password
 * answer the POST itself (never a redirect that would carry it in a URL) and are never cached.
 */
@ApiExcludeController()
@Public()
@UseGuards(WebSignedInGuard)
@UseFilters(WebErrorFilter)
@Controller('organisation/users')
export class UsersPageController {
  constructor(
    private readonly pages: WebPages,
    private readonly auth: AuthService,
    private readonly directory: OrganisationDirectoryService,
  ) {}

  /** The API's @Roles: only administrators manage users. */
  private assertManages(p: Principal): void {
    if (!MANAGERS.has(p.role)) throw new ForbiddenError('Only an organisation administrator manages users');
  }

  private async render(
    req: Request,
    res: Response,
    p: Principal,
    o: Partial<Pick<UsersPageInput, 'form' | 'done' | 'issued' | 'refusal'>> & { page?: number },
    status = 200,
  ): Promise<void> {
    const page = o.page ?? 1;
    const offset = (page - 1) * PAGE_SIZE;
    const [list, organisationName] = await Promise.all([
      this.auth.listUsers(p, PAGE_SIZE, offset),
      p.organisationId ? this.directory.findMany(null, [p.organisationId]).then((o) => o[0]?.name ?? null) : Promise.resolve(null),
    ]);
    const form = o.form ?? { email: '', role: '', errors: [] };
    const view = usersView({
      caller: { userId: p.userId, role: p.role },
      organisationName,
      users: list.items,
      pager: pager('/organisation/users', {}, { offset, limit: PAGE_SIZE, total: list.total }),
      form,
      done: o.done ?? null,
      issued: o.issued ?? null,
      refusal: o.refusal ?? null,
    });
    await this.pages.render(
      req,
      res,
      'users',
      view,
      { title: organisationName ? `Users of ${organisationName}` : 'Users', breadcrumbs: [{ text: 'Home', href: '/' }], errors: userErrorLinks(form.errors) },
      status,
    );
  }

  @Get()
  async list(@CurrentUser() p: Principal, @Query() q: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    this.assertManages(p);
    const changed = typeof q.changed === 'string' && ['disabled', 'enabled'].includes(q.changed) ? q.changed : null;
    const email = typeof q.email === 'string' ? q.email.slice(0, 320) : '';
    const done =
      changed && email
        ? { heading: `${email} has been ${changed}`, body: changed === 'disabled' ? 'They cannot sign in, and were signed out everywhere.' : 'They can sign in again.' }
        : null;
    await this.render(req, res, p, { page: readPage(q.page), done });
  }

  /** Adds a user with a temporary password, shown on the page this POST answers (once). */
  @Post()
  @HttpCode(200)
  async create(@CurrentUser() p: Principal, @Body() body: Record<string, unknown> | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    this.assertManages(p);
    const read = readNewUser(body ?? {}, p.role);
    if (!read.request || p.role === 'admin') return this.render(req, res, p, { form: read }, 400);
    const password = temporaryPassword(randomBytes(TEMPORARY_PASSWORD_BYTES * 2));
    let user: UserView;
    try {
      user = await this.auth.createUser(p, { ...read.request, password, mustChangePassword: true });
    } catch (e) {
      // the email already taken in the organisation: on its field, in the service's words
      if (e instanceof ValidationError) {
        const errors = e.errors.filter((f) => f.field === 'email' || f.field === 'role').map((f) => ({ id: f.field as 'email' | 'role', message: sentence(f.message) }));
        if (errors.length) return this.render(req, res, p, { form: { ...read, errors } }, 400);
      }
      throw e;
    }
    await this.render(req, res, p, { issued: { email: user.email, password, what: 'created' } });
  }

  private async find(p: Principal, id: string): Promise<UserView> {
    if (!UUID.test(id)) throw new NotFoundError('User');
    // the organisation's users as the API lists them (another organisation's is not among them: 404)
    for (let offset = 0; ; offset += 500) {
      const page = await this.auth.listUsers(p, 500, offset);
      const u = page.items.find((x) => x.id === id.toLowerCase());
      if (u) return u;
      if (offset + 500 >= page.total) throw new NotFoundError('User');
    }
  }

  /** Disables or enables a user; back to the list saying so (POST-redirect-GET), or the service's refusal. */
  @Post(':userId')
  @HttpCode(200)
  async change(
    @CurrentUser() p: Principal,
    @Param('userId') userId: string,
    @Body() body: Record<string, unknown> | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    this.assertManages(p);
    if (!UUID.test(userId)) throw new NotFoundError('User');
    const change = body?.change;
    if (change !== 'disable' && change !== 'enable')
      throw new ValidationError([{ field: 'change', message: 'change must be disable or enable' }], 'Choose to disable or enable the user');
    let u: UserView;
    try {
      u = await this.auth.updateUser(p, userId, { disabled: change === 'disable' });
    } catch (e) {
      if (e instanceof DomainError && e.status === 422) return this.render(req, res, p, { refusal: sentence(e.message) }, 422);
      throw e;
    }
    res.redirect(303, `/organisation/users?changed=${change}d&email=${encodeURIComponent(u.email)}`);
  }

  /** Are you sure? The user, and what a reset does. */
  @Get(':userId/reset')
  async confirmReset(@CurrentUser() p: Principal, @Param('userId') userId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    this.assertManages(p);
    const u = await this.find(p, userId);
    await this.pages.render(req, res, 'user-reset', resetView(u), {
      title: `Reset the password of ${u.email}`,
      breadcrumbs: [
        { text: 'Home', href: '/' },
        { text: 'Users', href: '/organisation/users' },
      ],
    });
  }

  /** Resets the password; the new temporary password on the page this POST answers (once). */
  @Post(':userId/reset')
  @HttpCode(200)
  async reset(@CurrentUser() p: Principal, @Param('userId') userId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    this.assertManages(p);
    if (!UUID.test(userId)) throw new NotFoundError('User');
    let r: { user: UserView; temporaryPassword: string };
    try {
      r = await this.auth.resetPassword(p, userId);
    } catch (e) {
      if (e instanceof DomainError && e.status === 422) return this.render(req, res, p, { refusal: sentence(e.message) }, 422);
      throw e;
    }
    await this.render(req, res, p, { issued: { email: r.user.email, password: r.temporaryPassword, what: 'reset' } });
  }
}

function sentence(s: string): string {
  const t = s.charAt(0).toUpperCase() + s.slice(1);
  return t.endsWith('.') ? t : `${t}.`;
}
