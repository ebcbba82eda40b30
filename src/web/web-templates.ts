/**
 * The web pages' templates: Handlebars files under `templates/web/`, loaded and compiled once, in
 * strict mode (a field the view model lacks is an error, not an empty string), like the reports'.
 *
 *   templates/web/layouts/*.hbs   the page skeleton (`{{#> layouts/page}}`): head, skip link, header, footer
 *   templates/web/partials/*.hbs  the design system's patterns: error summary, breadcrumbs, summary list, tag, …
 *   templates/web/pages/*.hbs     one per page
 *
 * Every `{{field}}` is HTML-escaped; no template may use the triple-stash (checked on load). The only
 * pre-built markup is the charts' server-side SVG, handed over as a SafeString by the view models,
 * and fragments rendered by these same templates (`fragment`).
 */
import Handlebars from 'handlebars';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { assertNoRawOutput, findTemplatesDir } from '../reports/templates';

/** The helpers the templates may use; `knownHelpersOnly` lets Handlebars compile every other `{{name}}` as a plain lookup (no helper check at render time). */
const HELPERS = { eq: (a: unknown, b: unknown) => a === b, or: (...args: unknown[]) => args.slice(0, -1).some(Boolean) };

const COMPILE_OPTIONS: CompileOptions = {
  strict: true,
  noEscape: false,
  preventIndent: true,
  knownHelpers: { eq: true, or: true },
  knownHelpersOnly: true,
};

function listHbs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listHbs(p));
    else if (name.endsWith('.hbs')) out.push(p);
  }
  return out.sort();
}

export class WebTemplates {
  private readonly hbs = Handlebars.create();
  private readonly pages = new Map<string, Handlebars.TemplateDelegate>();
  private readonly partials = new Map<string, Handlebars.TemplateDelegate>();
  readonly dir: string;

  constructor(dir = join(findTemplatesDir(), 'web')) {
    this.dir = dir;
    for (const [name, helper] of Object.entries(HELPERS)) this.hbs.registerHelper(name, helper);
    for (const folder of ['layouts', 'partials']) {
      for (const file of listHbs(join(dir, folder))) {
        const name = relative(dir, file)
          .replace(/\\/g, '/')
          .replace(/\.hbs$/, '');
        const compiled = this.hbs.compile(this.read(file), COMPILE_OPTIONS);
        this.hbs.registerPartial(folder === 'partials' ? name.slice('partials/'.length) : name, compiled);
        if (folder === 'partials') this.partials.set(name.slice('partials/'.length), compiled);
      }
    }
    for (const file of listHbs(join(dir, 'pages'))) this.pages.set(basename(file, '.hbs'), this.hbs.compile(this.read(file), COMPILE_OPTIONS));
  }

  private read(file: string): string {
    const src = readFileSync(file, 'utf8');
    assertNoRawOutput(relative(this.dir, file), src);
    this.hbs.precompile(src, COMPILE_OPTIONS);
    return src;
  }

  has(name: string): boolean {
    return this.pages.has(name);
  }

  /**
   * A partial rendered on its own, as markup for a page to include (a part of a page kept once
   * rendered): escaped by the same strict templates as everything else.
   */
  fragment(name: string, view: object): Handlebars.SafeString {
    const partial = this.partials.get(name);
    if (!partial) throw new Error(`Web partial missing: templates/web/partials/${name}.hbs`);
    return new this.hbs.SafeString(partial(view));
  }

  /** A page as a complete HTML document. */
  render(name: string, view: object): string {
    const page = this.pages.get(name);
    if (!page) throw new Error(`Web page template missing: templates/web/pages/${name}.hbs`);
    return page(view);
  }
}
