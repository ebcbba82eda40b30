/**
 * The host's schedules page (docs/schedules.md) in real Chromium: reached from the host's
 * sub-navigation, set without JavaScript and saved as the API reads it back, a bad choice listed in
 * the error summary linked to its field, a form without its CSRF token refused, a member refused as
 * the API refuses it, and every page axe-clean at WCAG 2.2 AA.
 */
import { axeViolations, openPage, signIn, startWebWorld, textOf, USERS, type OpenPage, type WebWorld } from './support/browser';

describe('web: schedules (browser)', () => {
  let w: WebWorld;
  let base: string;
  beforeAll(async () => {
    w = await startWebWorld();
    base = `/consortium/${w.consortiumId}`;
  }, 180_000);
  afterAll(() => w?.close());

  const apiSettings = async () =>
    (
      await w.t.http
        .get(`/api/v1/consortia/${w.consortiumId}/schedules`)
        .set('Authorization', await w.api(USERS.host))
        .expect(200)
    ).body as {
      boardPackWorkingDay: number | null;
      reminderWorkingDaysBefore: number | null;
      next: { boardPack: string | null };
    };

  async function submit(p: OpenPage): Promise<void> {
    await Promise.all([p.page.waitForNavigation(), p.page.click('#schedules-form button[type=submit]')]);
  }

  it('JavaScript off: from the host sub-navigation, choose the board pack day and the reminder, and the API reads them back', async () => {
    const p = await openPage(w, { js: false });
    await signIn(w, p, USERS.host, base);
    await Promise.all([p.page.waitForNavigation(), p.page.click(`a.app-subnav__link[href="${base}/schedules"]`)]);
    expect(await textOf(p.page, 'h1')).toBe('Schedules');
    expect(await textOf(p.page, 'label[for=boardPackWorkingDay]')).toBe('Send the board pack on the');
    expect(await p.page.$eval('#boardPackWorkingDay', (s) => (s as unknown as { value: string }).value)).toBe('off');
    expect(await textOf(p.page, '#next')).toBe('Nothing is scheduled.');
    expect(await axeViolations(p)).toEqual([]);

    await p.page.select('#boardPackWorkingDay', '5');
    await p.page.select('#reminderWorkingDaysBefore', '3');
    await submit(p);
    expect(new URL(p.page.url()).searchParams.get('saved')).toBe('1');
    expect(await textOf(p.page, '#saved')).toContain('The schedules were saved');
    const s = await apiSettings();
    expect(s).toMatchObject({ boardPackWorkingDay: 5, reminderWorkingDaysBefore: 3 });
    expect(await p.page.$eval('#boardPackWorkingDay option:checked', (o) => o.textContent)).toBe('5th working day');
    expect(await textOf(p.page, '#next')).toContain('Next board pack');
    expect(await axeViolations(p)).toEqual([]);
    expect(p.problems).toEqual([]);
  }, 120_000);

  it('a choice that is not one is listed in the error summary, linked to its field; nothing is saved', async () => {
    const before = await apiSettings();
    const p = await openPage(w, { js: true });
    await signIn(w, p, USERS.host, `${base}/schedules`);
    // a tampered form: a day the list does not offer
    await p.page.$eval('#boardPackWorkingDay option[value="7"]', (o) => ((o as unknown as { value: string }).value = '25'));
    await p.page.select('#boardPackWorkingDay', '25');
    await submit(p);
    expect(await p.page.title()).toMatch(/^Error: Schedules/);
    expect(await p.page.$$eval('.nhsuk-error-summary a', (as) => as.map((a) => a.getAttribute('href')))).toEqual(['#boardPackWorkingDay']);
    expect(await textOf(p.page, '#boardPackWorkingDay-error')).toContain('Choose the working day');
    expect(await axeViolations(p)).toEqual([]);
    expect(await apiSettings()).toEqual(before);
  }, 120_000);

  it('a form without its CSRF token is refused; a member is refused as the API refuses it (403)', async () => {
    const before = await apiSettings();
    const p = await openPage(w, { js: false });
    await signIn(w, p, USERS.host, `${base}/schedules`);
    const cookie = (await p.page.browserContext().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const r = await fetch(`${w.base}${base}/schedules`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ boardPackWorkingDay: 'off', reminderWorkingDaysBefore: 'off' }),
      redirect: 'manual',
    });
    expect(r.status).toBe(403);
    expect(await r.text()).toContain('This form has expired');
    expect(await apiSettings()).toEqual(before);

    const m = await openPage(w, { js: false });
    await signIn(w, m, USERS.partner, `${base}/schedules`);
    expect(await textOf(m.page, 'h1')).toBe('You cannot do this');
    expect(await m.page.$(`a.app-subnav__link[href="${base}/schedules"]`)).toBeNull();
    const put = await w.t.http
      .put(`/api/v1/consortia/${w.consortiumId}/schedules`)
      .set('Authorization', await w.api(USERS.partner))
      .send({ boardPackWorkingDay: null, reminderWorkingDaysBefore: null });
    expect(put.status).toBe(403);
    expect(await axeViolations(m)).toEqual([]);
  }, 120_000);
});
