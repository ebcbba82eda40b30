/**
 * The report templates: Handlebars files under `templates/` (repository root), loaded and compiled
 * once, in strict mode (a field the view model does not have is an error, not an empty string).
 *
 *   templates/layouts/*.hbs   page skeletons, used as partial blocks (`{{#> layouts/report}}`)
 *   templates/partials/*.hbs  pieces shared between reports (styles, cover, status pill, …)
 *   templates/pages/*.hbs     Chromium's running header and footer (one small HTML document each)
 *   templates/reports/*.hbs   one per report
 *
 * Escaping: every `{{field}}` is HTML-escaped by Handlebars. No template uses the triple-stash
 * (`{{{…}}}`) or `{{&…}}` (a spec checks this); the only pre-built markup is the server-side SVG of
 * the charts, which the view models hand over as `Handlebars.SafeString` (the chart code escapes
 * every text it draws).
 */
import Handlebars from 'handlebars';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';

export type ReportTemplateName = 'performance' | 'statement' | 'consolidated' | 'agreement' | 'benchmark' | 'appraisal' | 'board-pack' | 'scenario';

type Compiled = Handlebars.TemplateDelegate;

const COMPILE_OPTIONS: CompileOptions = { strict: true, noEscape: false, preventIndent: true };

/** Walks up from `start` to the folder that holds `templates/layouts` (source tree or dist/). */
export function findTemplatesDir(start = __dirname): string {
  let d = start;
  for (;;) {
    const candidate = join(d, 'templates');
    if (existsSync(join(candidate, 'layouts'))) return candidate;
    if (dirname(d) === d) break;
    d = dirname(d);
  }
  throw new Error(`Report templates not found: no templates/layouts folder above ${start}`);
}

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

/** Refuses templates that could print unescaped data. */
export function assertNoRawOutput(file: string, source: string): void {
  // {{{x}}}, {{~{x}~}} and {{& x}}: every form of Handlebars' unescaped output
  if (/\{\{~?\{|\{\{~?\s*&/.test(source)) {
    throw new Error(`${file}: raw output ({{{…}}} or {{&…}}) is not allowed in report templates; pass trusted markup as a SafeString`);
  }
}

export class ReportTemplates {
  private readonly hbs = Handlebars.create();
  private readonly reports = new Map<string, Compiled>();
  private readonly pages = new Map<string, Compiled>();
  readonly dir: string;

  constructor(dir = findTemplatesDir()) {
    this.dir = dir;
    this.hbs.registerHelper('join', (items: unknown, sep: unknown) => (Array.isArray(items) ? items.map(String).join(typeof sep === 'string' ? sep : ', ') : ''));
    for (const folder of ['layouts', 'partials']) {
      for (const file of listHbs(join(dir, folder))) {
        const src = this.read(file);
        const name = relative(dir, file)
          .replace(/\\/g, '/')
          .replace(/\.hbs$/, '');
        // layouts/report → "layouts/report"; partials/cover → "cover"
        this.hbs.registerPartial(folder === 'partials' ? name.slice('partials/'.length) : name, this.hbs.compile(src, COMPILE_OPTIONS));
      }
    }
    for (const [folder, map] of [
      ['reports', this.reports],
      ['pages', this.pages],
    ] as const) {
      for (const file of listHbs(join(dir, folder))) {
        const compiled = this.hbs.compile(this.read(file), COMPILE_OPTIONS);
        map.set(basename(file, '.hbs'), compiled);
      }
    }
    for (const name of ['performance', 'statement', 'consolidated', 'agreement', 'benchmark', 'appraisal', 'board-pack', 'scenario']) {
      if (!this.reports.has(name)) throw new Error(`Report template missing: templates/reports/${name}.hbs`);
    }
    for (const name of ['header', 'footer']) if (!this.pages.has(name)) throw new Error(`Page template missing: templates/pages/${name}.hbs`);
  }

  private read(file: string): string {
    const src = readFileSync(file, 'utf8');
    assertNoRawOutput(relative(this.dir, file), src);
    this.hbs.precompile(src, COMPILE_OPTIONS); // syntax errors now, not at the first render
    return src;
  }

  /** The report body as a complete HTML document. */
  report(name: ReportTemplateName, view: object): string {
    return this.reports.get(name)!(view);
  }

  /** Chromium's running header or footer for every page. */
  page(name: 'header' | 'footer', view: object): string {
    return this.pages.get(name)!(view);
  }

  /** Markup built by our own code (SVG charts) that must not be escaped again. */
  static trusted(html: string): Handlebars.SafeString {
    return new Handlebars.SafeString(html);
  }
}
