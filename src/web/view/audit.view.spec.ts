import { auditView, changes, fieldName, isDay, readAuditSearch, searchQuery } from './audit.view';
import { pager } from './pager';

const C = '11111111-1111-4111-8111-111111111111';
const at = new Date('2025-07-03T09:15:00Z');

describe('audit view', () => {
  it('reads the search: every error on its field', () => {
    expect(readAuditSearch({ q: ' cost ', action: 'update', from: '2025-07-01', to: '2025-07-31' })).toEqual({
      tab: 'audit',
      q: 'cost',
      action: 'update',
      actor: '',
      kind: '',
      from: '2025-07-01',
      to: '2025-07-31',
      errors: [],
    });
    expect(readAuditSearch({ action: 'hack', from: '2025-02-30', to: 'x', q: 'y'.repeat(201) }).errors.map((e) => e.id)).toEqual(['q', 'action', 'from', 'to']);
    expect(readAuditSearch({ from: '2025-07-31', to: '2025-07-01' }).errors).toEqual([{ id: 'to', message: 'The last day must be the same as the first day or after it' }]);
    expect(readAuditSearch({ show: 'decisions', kind: 'vote_cast' })).toMatchObject({ tab: 'decisions', kind: 'vote_cast', errors: [] });
    expect([isDay('2024-02-29'), isDay('2025-02-29'), isDay('2025-7-1')]).toEqual([true, false, false]);
  });

  it('keeps the filters of the shown list in the pager’s links', () => {
    expect(searchQuery(readAuditSearch({ q: 'x', kind: 'vote_cast' }))).toEqual({ q: 'x', action: '', actor: '', from: '', to: '' });
    expect(searchQuery(readAuditSearch({ show: 'decisions', q: 'x', action: 'update' }))).toEqual({ show: 'decisions', q: 'x', kind: '', from: '', to: '' });
  });

  it('what changed: the differing fields of a change, every field of a creation, a count for bulk changes', () => {
    expect(changes({ name: 'Payroll', goLive: '2025-04', organisationId: 'a' }, { name: 'Payroll services', goLive: '2025-04', organisationId: 'a', recipientIds: null })).toEqual({
      summary: '2 fields',
      rows: [
        { field: 'Name', before: 'Payroll', after: 'Payroll services' },
        { field: 'Recipient ids', before: '', after: 'none' },
      ],
    });
    expect(changes(null, { amount: '12.50', month: '2025-07' }).rows).toEqual([
      { field: 'Amount', before: '', after: '12.50' },
      { field: 'Month', before: '', after: '2025-07' },
    ]);
    expect(changes([{}, {}], [{}, {}, {}])).toEqual({ summary: '3 rows changed at once', rows: [] });
    expect(fieldName('left_on')).toBe('Left on');
  });

  it('entries and decisions in plain English', () => {
    const v = auditView({
      consortiumId: C,
      search: readAuditSearch({ q: 'payroll' }),
      audit: {
        total: 1,
        items: [
          {
            id: '42',
            at,
            actorUserId: null,
            actorEmail: 'host.admin@demo.nhs.example',
            action: 'update',
            entity: 'service_line',
            entityId: 'sl-1',
            consortiumId: C,
            before: { name: 'Payroll' },
            after: { name: 'Payroll services' },
          },
        ],
      },
      decisions: null,
      pager: pager('/x', {}, { offset: 0, limit: 25, total: 1 }),
    });
    expect(v.entries).toEqual([
      {
        id: '42',
        when: '3 July 2025 at 10:15 BST',
        who: 'host.admin@demo.nhs.example',
        what: 'Changed service line',
        entityId: 'sl-1',
        action: 'update',
        details: { summary: '1 field', rows: [{ field: 'Name', before: 'Payroll', after: 'Payroll services' }], hasRows: true },
      },
    ]);
    expect(v.searched).toBe(true);
    expect(v.tabs.map((t) => t.current)).toEqual([true, false]);
    const d = auditView({
      consortiumId: C,
      search: readAuditSearch({ show: 'decisions' }),
      audit: null,
      decisions: {
        total: 1,
        items: [
          {
            id: '7',
            consortiumId: C,
            at,
            kind: 'vote_cast',
            summary: 'Riverside approved version 2',
            actorUserId: null,
            actorOrganisationId: 'o',
            actorOrganisationName: 'Riverside Trust',
            actorRole: 'org_admin',
            subject: {},
          },
        ],
      },
      pager: pager('/x', {}, { offset: 0, limit: 25, total: 1 }),
    });
    expect(d.decisions).toEqual([
      { id: '7', when: '3 July 2025 at 10:15 BST', kind: 'Vote cast', summary: 'Riverside approved version 2', who: 'Riverside Trust, Organisation administrator' },
    ]);
    expect(d.form.kind?.options[0]).toEqual({ value: '', text: 'Any kind', selected: true });
  });
});
