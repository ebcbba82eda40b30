/**
 * The mail templates: `templates/mail/<kind>.html.hbs` and `<kind>.txt.hbs` for each event kind and
 * the digest, each put inside `layout.html.hbs` / `layout.txt.hbs`. Compiled once, strict (a field
 * the model lacks is an error); HTML is escaped, the plain-text part is not (it is not HTML).
 */
import Handlebars from 'handlebars';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_KINDS } from '../events/event-kinds';
import { assertNoRawOutput, findTemplatesDir } from '../reports/templates';

export interface RenderedMail {
  html: string;
  text: string;
}

type Part = 'html' | 'txt';

export class MailTemplates {
  private readonly hbs = Handlebars.create();
  private readonly compiled = new Map<string, Handlebars.TemplateDelegate>();

  constructor(readonly dir = join(findTemplatesDir(), 'mail')) {
    for (const name of [...EVENT_KINDS, 'digest', 'layout']) {
      for (const part of ['html', 'txt'] as const) {
        const file = join(dir, `${name}.${part}.hbs`);
        if (!existsSync(file)) throw new Error(`mail template missing: ${file}`);
        const source = readFileSync(file, 'utf8');
        assertNoRawOutput(file, source);
        this.compiled.set(`${name}.${part}`, this.hbs.compile(source, { strict: true, noEscape: part === 'txt', preventIndent: true }));
      }
    }
  }

  /** The kind's (or the digest's) message in both parts, inside the layout. */
  render(name: string, model: Record<string, unknown>, layout: { subject: string; preferencesLink: string }): RenderedMail {
    const part = (p: Part) => {
      const body = this.template(`${name}.${p}`)(model).trim();
      return this.template(`layout.${p}`)({ ...layout, body: p === 'html' ? new Handlebars.SafeString(body) : body });
    };
    return { html: part('html'), text: part('txt').replace(/\n{3,}/g, '\n\n') };
  }

  private template(key: string): Handlebars.TemplateDelegate {
    const t = this.compiled.get(key);
    if (!t) throw new Error(`no mail template ${key}`);
    return t;
  }
}
