import type Handlebars from 'handlebars';
import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Principal } from '../auth/principal';
import type { Role } from '../common/enums';
import { OrganisationDirectoryService } from '../organisations/organisation-directory.service';
import type { AssetPaths, WebAssets } from './assets';
import type { WebCsrf } from './csrf';
import { WebTemplates } from './web-templates';

export const WEB_ASSETS = Symbol('WEB_ASSETS');
export const WEB_CSRF = Symbol('WEB_CSRF');
export const WEB_TEMPLATES = Symbol('WEB_TEMPLATES');

export const SERVICE_NAME = 'Shared services partnership';

const ROLE_LABELS: Record<Role, string> = {
  admin: 'Platform administrator',
  host_admin: 'Host administrator',
  org_admin: 'Organisation administrator',
  partner_user: 'Partner user',
  board_viewer: 'Board member',
};

export interface Crumb {
  text: string;
  href: string;
}

export interface FieldErrorLink {
  text: string;
  /** `#field-id` */
  href: string;
}

/** What every page has around its content (the layout's view). */
export interface Frame {
  pageTitle: string;
  serviceName: string;
  assets: AssetPaths;
  csrfToken: string;
  /** `managesUsers`: an administrator who manages users (the header links to them). */
  user: { email: string; organisation: string | null; role: string; managesUsers: boolean } | null;
  /** The consortium the page is about, with its sections (the sub-navigation), or null. */
  consortium: {
    id: string;
    name: string;
    sections: { text: string; href: string; current: boolean }[];
    /** The host's tasks (empty for everyone else). */
    hostSections: { text: string; href: string; current: boolean }[];
  } | null;
  breadcrumbs: Crumb[] | null;
  errorSummary: FieldErrorLink[] | null;
}

export interface PageOptions {
  /** The h1 and the first part of the page title. */
  title: string;
  breadcrumbs?: Crumb[];
  errors?: FieldErrorLink[];
  consortium?: Frame['consortium'];
}

/**
 * Renders pages: the page's own view plus the frame (title as the service manual sets it, "Error: "
 * first when the form has errors; the signed-in user; a CSRF token for every form on the page).
 */
@Injectable()
export class WebPages {
  constructor(
    @Inject(WEB_TEMPLATES) private readonly templates: WebTemplates,
    @Inject(WEB_ASSETS) assets: WebAssets,
    @Inject(WEB_CSRF) readonly csrf: WebCsrf,
    private readonly directory: OrganisationDirectoryService,
  ) {
    this.assets = assets.paths;
  }

  private readonly assets: AssetPaths;

  async frame(req: Request, res: Response, o: PageOptions): Promise<Frame> {
    const p = (req as Request & { user?: Principal }).user ?? null;
    let organisation: string | null = null;
    if (p?.organisationId) organisation = (await this.directory.findMany(null, [p.organisationId]))[0]?.name ?? null;
    const title = [o.title, o.consortium?.name, SERVICE_NAME].filter(Boolean).join(' – ');
    return {
      pageTitle: `${o.errors?.length ? 'Error: ' : ''}${title}`,
      serviceName: SERVICE_NAME,
      assets: this.assets,
      csrfToken: this.csrf.token(req, res),
      user: p ? { email: p.email, organisation, role: ROLE_LABELS[p.role], managesUsers: p.role === 'admin' || p.role === 'host_admin' || p.role === 'org_admin' } : null,
      consortium: o.consortium ?? null,
      breadcrumbs: o.breadcrumbs ?? null,
      errorSummary: o.errors?.length ? o.errors : null,
    };
  }

  /** A partial rendered on its own (markup a page includes, e.g. a part kept once rendered). */
  fragment(name: string, view: object): Handlebars.SafeString {
    return this.templates.fragment(name, view);
  }

  /** Renders `page` with its view and the frame, and sends it with `status`. */
  async render(req: Request, res: Response, page: string, view: object, o: PageOptions, status = 200): Promise<void> {
    const frame = await this.frame(req, res, o);
    const html = this.templates.render(page, { ...view, title: o.title, frame });
    res.status(status).type('html').setHeader('Cache-Control', 'no-store');
    res.send(html);
  }

  /** For the error filter: a page, best effort (a failure here sends plain text). */
  send(req: Request, res: Response, status: number, page: string, view: { title: string; detail?: string }): void {
    this.render(req, res, page, { detail: view.detail ?? null }, { title: view.title }, status).catch(() => {
      if (!res.headersSent) res.status(status).type('text').send(view.title);
    });
  }
}
