import { checkPreferences } from './preferences';

describe('checkPreferences', () => {
  it('accepts each kind once, a PDF for statements and board packs', () => {
    expect(
      checkPreferences([
        { kind: 'month.closed', enabled: true, mode: 'digest', attachPdf: true },
        { kind: 'board_pack.due', enabled: true, mode: 'immediate', attachPdf: true },
        { kind: 'sla.breached', enabled: false, mode: 'immediate', attachPdf: false },
      ]),
    ).toEqual([]);
  });

  it('names a kind listed twice and a PDF asked of a kind without one', () => {
    expect(
      checkPreferences([
        { kind: 'sla.breached', enabled: true, mode: 'immediate', attachPdf: true },
        { kind: 'sla.breached', enabled: false, mode: 'immediate', attachPdf: false },
      ]).map((p) => p.field),
    ).toEqual(['items.0.attachPdf', 'items.1.kind']);
  });
});
