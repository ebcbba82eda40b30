/**
 * Every partner and board page of issue 14, for every role it names (a partner trust's user, a
 * member's board viewer on the partnership board, the host's board viewer), with JavaScript on and
 * off: the page answers as it should (200, or the 403 page for what the role may not do), has its
 * heading and page title, headings in order, the skip link and breadcrumbs, tables with header
 * cells, each chart beside the table of its figures, 0 axe violations at WCAG 2.2 AA, and no console
 * errors or failed requests. Home's figures (what needs the organisation's attention) are the API's.
 * The pages' other figures are checked against the API in their own files (performance, statements, agreement,
 * board…); this one makes sure nothing is left unvisited.
 */
import { seedDemoBenchmarks } from '../../src/seed/demo-benchmarks';
import { formatMonthLong } from '../../src/reports/view/format';
import { SERVICE_NAME } from '../../src/web/web-pages';
import { axeViolations, openPage, signIn, startWebWorld, textOf, USERS, type OpenPage, type WebWorld } from './support/browser';

const PARTNERSHIP = 'North Vale Back Office Partnership';
/**
 * The month of the result a partner submits below, missing its target (the demo's measurements end in
 * September 2025): the latest month Riverside measured, so the month its home and performance page are about.
 */
const SUBMITTED_MONTH = '2025-10';

/** Each page of a partnership by its path under /consortium/:id, and its heading. */
const HEADINGS: Record<string, string> = {
  '': 'Overview',
  '/performance': 'Service performance', // and the month: see below
  '/measurements': 'Submit measurements',
  '/statements': 'Statements',
  '/benefits': 'Benefits against plan',
  '/agreement': 'Agreement',
  '/exit-quote': 'Exit quote',
  '/scenarios': 'What-if scenarios',
  '/benchmarking': 'Benchmarking',
  '/board': 'Partnership board',
  '/appraisals': 'Options appraisals',
  '/reports': 'Reports',
};
/** The pages issue 14 lists: each role's sub-navigation must lead to every one it may open. */
const ISSUE_PAGES = ['', '/performance', '/measurements', '/statements', '/exit-quote', '/agreement', '/benchmarking', '/board', '/reports'];

const ROLES = [
  // a partner trust's user: submits its organisation's measurements, is not on the partnership board
  { role: 'partner', email: USERS.partner, org: 'riverside', forbidden: ['/board'] },
  // a member's board viewer: the partnership board; reads, does not submit
  { role: 'board', email: USERS.board, org: 'riverside', forbidden: ['/measurements'] },
  // the host's board viewer (the host is a member too)
  { role: 'hostBoard', email: USERS.hostBoard, org: 'host', forbidden: ['/measurements'] },
] as const;
const CASES = ROLES.flatMap((r) => [true, false].map((js) => [r.role, js, r] as const));

/** Chrome logs a document answered 403 on purpose (the 403 page) as a console error: that line, once per such page. */
const FORBIDDEN_LINE = 'console: Failed to load resource: the server responded with a status of 403 (Forbidden)';

interface PerformanceAnswer {
  items: { organisationId: string; serviceLineName: string; slaName: string; kpiCode: string; status: string | null; critical: boolean }[];
}
interface VersionsAnswer {
  items: { version: number; status: string; effectiveFrom: string; voters: { organisationId: string; vote: string | null }[] }[];
}

describe('every partner and board page, for every role, with JavaScript on and off (browser)', () => {
  let w: WebWorld;
  let base: string;
  beforeAll(async () => {
    w = await startWebWorld();
    base = `/consortium/${w.consortiumId}`;
    await seedDemoBenchmarks(w.t.app);
    // a result that misses its target, so that home has a breached target to show
    const partner = await w.api(USERS.partner);
    const lines = await w.t.http.get(`/api/v1/consortia/${w.consortiumId}/service-lines`).set('Authorization', partner).expect(200);
    const pay = (lines.body as { items: { id: string; code: string }[] }).items.find((l) => l.code === 'PAY')!;
    await w.t.http
      .post(`/api/v1/consortia/${w.consortiumId}/measurements`)
      .set('Authorization', partner)
      .send({ items: [{ kpiCode: 'PAY_ACCURACY', serviceLineId: pay.id, organisationId: w.orgs.riverside, month: SUBMITTED_MONTH, value: '50' }] })
      .expect(200, { accepted: 1, replaced: 0 });
  }, 240_000);
  afterAll(() => w?.close());

  async function api<T>(email: string, path: string): Promise<T> {
    const res = await w.t.http.get(`/api/v1${path}`).set('Authorization', await w.api(email));
    expect([path, res.status]).toEqual([path, 200]);
    return res.body as T;
  }

  /** What every page must have, whatever it is: its heading and title, the skip link, headed tables, charts with their tables, axe-clean. */
  async function expectPage(p: OpenPage, href: string, o: { status: number; heading: string; partnership: boolean; crumbs: boolean }): Promise<void> {
    const res = await p.page.goto(`${w.base}${href}`);
    const h1 = await textOf(p.page, 'h1');
    expect({ href, status: res!.status(), h1 }).toEqual({ href, status: o.status, h1: o.heading });
    expect([href, await p.page.title()]).toEqual([href, [o.heading, o.partnership ? PARTNERSHIP : null, SERVICE_NAME].filter(Boolean).join(' – ')]);
    // the skip link first, to the main content
    expect(await p.page.$eval('body a', (a) => [a.className, a.getAttribute('href')])).toEqual(['nhsuk-skip-link', '#maincontent']);
    expect(await p.page.$('main#maincontent')).not.toBeNull();
    if (o.crumbs) {
      expect([href, await p.page.$$eval('nav.nhsuk-breadcrumb a', (a) => a.slice(0, 1).map((x) => [x.textContent?.trim(), x.getAttribute('href')]))]).toEqual([
        href,
        [['Home', '/']],
      ]);
    }
    // headings in order (axe's heading-order rule is not among the WCAG tags): one h1, first, and no level skipped going down
    const levels = await p.page.$$eval('h1, h2, h3, h4, h5, h6', (hs) => hs.map((h) => Number(h.tagName.slice(1))));
    const skips = levels.filter((l, i) => i > 0 && l > levels[i - 1] + 1);
    expect([href, levels[0], levels.filter((l) => l === 1).length, skips]).toEqual([href, 1, 1, []]);
    // every table has header cells
    expect([href, await p.page.$$eval('main table', (ts) => ts.filter((t) => !t.querySelector('th')).length)]).toEqual([href, 0]);
    // every chart is an image with a name, and has the table of its figures beside it (within a few levels)
    const charts = await p.page.$$eval('main .app-chart', (cs) =>
      cs.map((c) => {
        const svg = c.querySelector('svg');
        let up = c.parentElement;
        let steps = 1;
        while (up && !up.querySelector('table') && steps < 3) {
          up = up.parentElement;
          steps++;
        }
        const named = !!svg && (!!svg.getAttribute('aria-label') || !!svg.getAttribute('aria-labelledby') || !!svg.querySelector('title'));
        return { role: svg?.getAttribute('role') ?? null, named, table: !!up?.querySelector('table') };
      }),
    );
    expect([href, charts.filter((c) => c.role !== 'img' || !c.named || !c.table)]).toEqual([href, []]);
    expect([href, await axeViolations(p)]).toEqual([href, []]);
  }

  it.each(CASES)(
    'as %s (JavaScript %s): home, and every page of the partnership in the sub-navigation, plus the 403 page for what the role may not do',
    async (_role, js, r) => {
      const p = await openPage(w, { js });
      await signIn(w, p, r.email);
      const org = w.orgs[r.org];

      // home: the partnerships and what needs the organisation's attention, as the API gives them
      await expectPage(p, '/', { status: 200, heading: 'Your partnerships', partnership: false, crumbs: false });
      const consortia = await api<{ items: { name: string }[] }>(r.email, '/consortia');
      expect(await p.page.$$eval('.nhsuk-card__link', (a) => a.map((x) => x.textContent?.trim()))).toEqual(consortia.items.map((c) => c.name));
      // the month: the latest measured behind what the user reads (GET …/measurements, oldest first):
      // the whole partnership's for a board member (as the host reads them), its own organisation's for a partner
      const reader = r.role === 'partner' ? r.email : USERS.host;
      const count = (await api<{ total: number }>(reader, `/consortia/${w.consortiumId}/measurements?limit=1`)).total;
      const latest = (await api<{ items: { month: string }[] }>(reader, `/consortia/${w.consortiumId}/measurements?limit=1&offset=${count - 1}`)).items[0].month;
      // Riverside's result submitted above is the latest for its own users and for every board member
      expect(latest).toBe(SUBMITTED_MONTH);
      const perf = await api<PerformanceAnswer>(r.email, `/consortia/${w.consortiumId}/performance?month=${latest}`);
      const versions = await api<VersionsAnswer>(r.email, `/consortia/${w.consortiumId}/agreement/versions`);
      const closed = await api<{ items: { month: string }[] }>(r.email, `/consortia/${w.consortiumId}/months`);
      const month = formatMonthLong(latest);
      const expected = [
        ...perf.items
          .filter((i) => i.organisationId === org && (i.critical || i.status === 'breached'))
          .map((i) =>
            i.critical
              ? ['Critical', `${i.serviceLineName}: ${i.kpiCode} is critical in ${month} (${i.slaName})`, `${base}/performance?month=${latest}`]
              : ['Breached', `${i.serviceLineName}: ${i.kpiCode} missed its target in ${month} (${i.slaName})`, `${base}/performance?month=${latest}`],
          ),
        ...versions.items
          .filter((v) => v.status === 'proposed' && v.voters.some((x) => x.organisationId === org))
          .map((v) => {
            const mine = v.voters.find((x) => x.organisationId === org)!;
            return mine.vote === null
              ? ['Vote needed', `Version ${v.version} of the agreement, from ${formatMonthLong(v.effectiveFrom)}, is waiting for your organisation's vote`, `${base}/agreement`]
              : ['Proposed', `Version ${v.version} of the agreement is proposed; your organisation voted to ${mine.vote}`, `${base}/agreement`];
          }),
        ...closed.items.slice(-1).map((m) => ['New statement', `Statements for ${formatMonthLong(m.month)} were issued`, `${base}/statements`]),
      ];
      // Riverside has something of each kind: the result submitted above, version 2 proposed, June closed
      if (r.org === 'riverside') expect(new Set(expected.map((e) => (e[0] === 'Critical' ? 'Breached' : e[0])))).toEqual(new Set(['Breached', 'Vote needed', 'New statement']));
      expect(
        await p.page.$$eval('main .nhsuk-list li', (li) =>
          li.map((x) => [x.querySelector('.nhsuk-tag')?.textContent?.trim(), x.querySelector('a')?.textContent?.trim(), x.querySelector('a')?.getAttribute('href')]),
        ),
      ).toEqual(expected);

      // the overview: its sub-navigation leads to every page of issue 14 the role may open
      await expectPage(p, base, { status: 200, heading: 'Overview', partnership: true, crumbs: true });
      const sections = await p.page.$$eval('.app-subnav__link', (a) => a.map((x) => x.getAttribute('href')!));
      const paths = sections.map((h) => h.slice(base.length));
      expect(paths).toEqual(expect.arrayContaining(ISSUE_PAGES.filter((x) => !(r.forbidden as readonly string[]).includes(x))));
      for (const f of r.forbidden) expect(paths).not.toContain(f);

      for (const path of paths) {
        // the performance page opens on the same month as home's attention items
        const heading = path === '/performance' ? `Service performance: ${formatMonthLong(latest)}` : HEADINGS[path];
        expect([path, heading]).toEqual([path, expect.any(String)]);
        if (path === '') continue; // the overview, checked above
        await expectPage(p, `${base}${path}`, { status: 200, heading, partnership: true, crumbs: true });
      }
      // what the role may not do: the 403 page (as the API's 403), still accessible
      for (const path of r.forbidden) {
        await expectPage(p, `${base}${path}`, { status: 403, heading: 'You cannot do this', partnership: false, crumbs: false });
      }
      expect(p.problems).toEqual(r.forbidden.map(() => FORBIDDEN_LINE));
    },
    600_000,
  );
});
