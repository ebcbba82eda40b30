/**
 * A strict, small XML well-formedness checker for the chart specs (no parser dependency):
 * balanced and properly nested tags, one root, quoted attributes without '<', no duplicate
 * attributes, and '&' only as an entity. Returns the problems found (empty = well-formed).
 */
const NAME = '[A-Za-z_][\\w.:-]*';
const ATTR_RE = new RegExp(`\\s+(${NAME})\\s*=\\s*("([^"]*)"|'([^']*)')`, 'y');
const OPEN_RE = new RegExp(`^<(${NAME})`);
const ENTITY_RE = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  let roots = 0;
  const token = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<[^<>]*>|[^<]+|</g;
  let pos = 0;
  for (let m = token.exec(xml); m; m = token.exec(xml)) {
    if (m.index !== pos) problems.push(`gap at ${pos}`);
    pos = m.index + m[0].length;
    const t = m[0];
    if (t === '<') {
      problems.push(`stray '<' at ${m.index}`);
      continue;
    }
    if (t.startsWith('<!--') || t.startsWith('<?') || t.startsWith('<![CDATA[')) continue;
    if (!t.startsWith('<')) {
      if (!stack.length && t.trim()) problems.push(`text outside the root: ${JSON.stringify(t.slice(0, 30))}`);
      if (ENTITY_RE.test(t)) problems.push(`bare '&' in text: ${JSON.stringify(t.slice(0, 40))}`);
      continue;
    }
    if (t.startsWith('</')) {
      const name = t.slice(2, -1).trim();
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? 'nothing'}>`);
      continue;
    }
    const om = OPEN_RE.exec(t);
    if (!om) {
      problems.push(`bad tag ${JSON.stringify(t.slice(0, 40))}`);
      continue;
    }
    const selfClosing = t.endsWith('/>');
    const inner = t.slice(om[0].length, selfClosing ? -2 : -1);
    const seen = new Set<string>();
    ATTR_RE.lastIndex = 0;
    let i = 0;
    while (i < inner.length) {
      ATTR_RE.lastIndex = i;
      const a = ATTR_RE.exec(inner);
      if (!a) {
        if (inner.slice(i).trim()) problems.push(`bad attributes in <${om[1]}>: ${JSON.stringify(inner.slice(i, i + 40))}`);
        break;
      }
      if (seen.has(a[1])) problems.push(`duplicate attribute ${a[1]} in <${om[1]}>`);
      seen.add(a[1]);
      const value = a[3] ?? a[4] ?? '';
      if (value.includes('<')) problems.push(`'<' in attribute ${a[1]}`);
      if (ENTITY_RE.test(value)) problems.push(`bare '&' in attribute ${a[1]}`);
      i = ATTR_RE.lastIndex;
    }
    if (!stack.length) roots++;
    if (!selfClosing) stack.push(om[1]);
  }
  if (pos !== xml.length) problems.push(`unparsed tail at ${pos}`);
  if (stack.length) problems.push(`unclosed: ${stack.join(' > ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

/** The text content of all <text>/<title>/<desc> elements, entities decoded. */
export function svgTexts(svg: string): string[] {
  const out: string[] = [];
  const re = /<(text|title|desc)\b[^>]*>([^<]*)<\/\1>/g;
  for (let m = re.exec(svg); m; m = re.exec(svg)) {
    out.push(
      m[2]
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&'),
    );
  }
  return out;
}

/** Attribute values of every element with the given class. */
export function elementsWithClass(svg: string, cls: string): string[] {
  const re = new RegExp(`<\\w+[^>]*class="(?:[^"]*\\s)?${cls}(?:\\s[^"]*)?"[^>]*>`, 'g');
  return svg.match(re) ?? [];
}

/** Problems that would make a chart unsafe or broken inside a PDF: XML errors, NaN, external assets, script. */
export function svgSafetyProblems(svg: string): string[] {
  const problems = xmlProblems(svg);
  if (!svg.startsWith('<svg ')) problems.push('does not start with <svg');
  if (/NaN|Infinity|undefined/.test(svg)) problems.push('NaN/Infinity/undefined in output');
  if (/<script|<foreignObject|<image|@import|@font-face/i.test(svg)) problems.push('script, foreign content or external asset');
  if (/<[^<>]*\son\w+\s*=/i.test(svg)) problems.push('event-handler attribute');
  const withoutNs = svg.replace('xmlns="http://www.w3.org/2000/svg"', '');
  if (/https?:|file:|href=/i.test(withoutNs)) problems.push('external reference');
  if (/url\((?!#)/.test(svg)) problems.push('url() that is not a local fragment');
  return problems;
}
