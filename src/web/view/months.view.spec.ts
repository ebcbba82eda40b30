import type { IssuedStatementBodyView } from '../../statements/dto';
import { confirmPageView, issuedPageView, monthFigures, monthsPageView, previewPageView, readCloseNote, readPreviewToken } from './months.view';

const A = 'aaaaaaaa-0000-4000-8000-000000000000';
const B = 'bbbbbbbb-0000-4000-8000-000000000000';
const body = (x: Partial<IssuedStatementBodyView>): IssuedStatementBodyView => ({
  organisationId: A,
  from: '2025-07',
  to: '2025-07',
  operating: '0.00',
  fee: '0.00',
  investment: '0.00',
  sharedRisk: '0.00',
  attributedRisk: '0.00',
  credits: '0.00',
  charge: '0.00',
  baseline: '0.00',
  savings: '0.00',
  savingsPercent: null,
  serviceLines: [],
  months: [],
  ...x,
});
const names = [
  { organisationId: A, organisationName: 'North Vale Hospitals NHS Foundation Trust' },
  { organisationId: B, organisationName: 'Riverside Community Health NHS Trust' },
];
const items = [
  { organisationId: A, contentHash: 'a'.repeat(64), statement: body({ operating: '61538.46', charge: '63076.92', feeIncome: '2500.00', creditsFunded: '0.00' }) },
  { organisationId: B, contentHash: 'b'.repeat(64), statement: body({ organisationId: B, operating: '38461.54', credits: '-543.45', charge: '38879.63' }) },
];

describe('months view', () => {
  it('the figures: a column per member by name, a row per line, the host’s own lines only where there are some, exact money', () => {
    const f = monthFigures(items, names);
    expect(f.columns.map((c) => c.name)).toEqual(['North Vale Hospitals NHS Foundation Trust', 'Riverside Community Health NHS Trust']);
    expect(f.rows.map((r) => r.key)).toEqual([
      'operating',
      'fee',
      'investment',
      'sharedRisk',
      'attributedRisk',
      'credits',
      'charge',
      'baseline',
      'savings',
      'feeIncome',
      'creditsFunded',
    ]);
    expect(f.rows.find((r) => r.key === 'operating')!.cells.map((c) => c.value)).toEqual(['£61,538.46', '£38,461.54']);
    expect(f.rows.find((r) => r.key === 'credits')!.cells.map((c) => c.value)).toEqual(['£0.00', '\u2212£543.45']);
    expect(f.rows.find((r) => r.key === 'feeIncome')!.cells.map((c) => c.value)).toEqual(['£2,500.00', '\u2013']);
    expect(f.hashes.map((h) => h.hash)).toEqual(['a'.repeat(64), 'b'.repeat(64)]);
  });

  it('the list: latest closed first; the next month may be previewed once it has ended', () => {
    const v = monthsPageView({
      consortiumId: 'c',
      months: {
        items: [
          { month: '2025-04', closedAt: new Date('2025-05-02T09:00:00Z'), closedBy: null },
          { month: '2025-05', closedAt: new Date('2025-06-03T09:00:00Z'), closedBy: null },
        ],
        total: 2,
        nextToClose: '2025-06',
      },
      thisMonth: '2025-07',
    });
    expect(v.closed.map((c) => [c.text, c.closedOn, c.href])).toEqual([
      ['May 2025', '3 June 2025', '/consortium/c/months/2025-05'],
      ['April 2025', '2 May 2025', '/consortium/c/months/2025-04'],
    ]);
    expect(v.next).toEqual({ month: '2025-06', text: 'June 2025', ended: true, previewHref: '/consortium/c/months/2025-06/preview' });
    expect(monthsPageView({ consortiumId: 'c', months: { items: [], total: 0, nextToClose: '2025-07' }, thisMonth: '2025-07' }).next.ended).toBe(false);
  });

  it('the preview leads to the confirmation with its token; the confirmation posts it', () => {
    const token = 'c'.repeat(64);
    const v = previewPageView({ consortiumId: 'c', preview: { consortiumId: 'c', month: '2025-07', previewToken: token, items }, names, changed: false });
    expect(v.confirmHref).toBe(`/consortium/c/months/2025-07/close?previewToken=${token}`);
    expect(confirmPageView({ consortiumId: 'c', month: '2025-07', previewToken: token, note: '', noteError: null })).toMatchObject({
      action: '/consortium/c/months/2025-07/close',
      monthText: 'July 2025',
    });
    expect(readPreviewToken(token)).toBe(token);
    expect(readPreviewToken('x')).toBeNull();
    expect(readCloseNote(' ok ')).toEqual({ note: 'ok', error: null });
    expect(readCloseNote('x'.repeat(501)).error).toBe('The note must be 500 characters or fewer');
  });

  it('the issued statements, with the confirmation after a close', () => {
    const v = issuedPageView({
      consortiumId: 'c',
      closed: { consortiumId: 'c', month: '2025-07', closedAt: new Date('2025-08-04T10:00:00Z'), items: items.map((i) => ({ ...i, issuedAt: new Date() })) },
      names,
      justClosed: true,
    });
    expect(v.confirmation).toEqual({ heading: 'July 2025 is closed', body: '2 statements were issued.' });
    expect(v.closedOn).toBe('4 August 2025');
  });
});
