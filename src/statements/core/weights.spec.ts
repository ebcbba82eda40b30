import { D } from '../../common/money';
import { basisWeights, recipientsOf, totalWeight } from './weights';
import type { MemberInput } from './types';

const member = (id: string, over: Partial<MemberInput> = {}): MemberInput => ({
  organisationId: id,
  name: `Org ${id}`,
  annualTurnover: '100.00',
  headcount: '10',
  joinedOn: '2025-01-01',
  leftOn: null,
  isHost: false,
  ...over,
});
const asObj = (ws: { id: string; weight: InstanceType<typeof D> }[]) => Object.fromEntries(ws.map((w) => [w.id, w.weight.toString()]));

describe('basis weights (domain.md §4), scaled by the days of the month', () => {
  const A = member('A', { annualTurnover: '400000000.00', headcount: '6000' });
  const B = member('B', { annualTurnover: '250000000.00', headcount: '3500.5' });
  const C = member('C', { annualTurnover: '150000000.00', headcount: '2500', joinedOn: '2025-05-16' });

  it('equal: f (× 31)', () => {
    expect(asObj(basisWeights('equal', [A, B, C], '2025-05'))).toEqual({ A: '31', B: '31', C: '16' });
  });

  it('turnover: turnover × f (× 31)', () => {
    expect(asObj(basisWeights('turnover', [A, B, C], '2025-05'))).toEqual({ A: '12400000000', B: '7750000000', C: '2400000000' });
  });

  it('headcount: FTE × f (× 31)', () => {
    expect(asObj(basisWeights('headcount', [A, B, C], '2025-05'))).toEqual({ A: '186000', B: '108515.5', C: '40000' });
  });

  it('fixed: share × f (× 31); a member without a share has weight 0', () => {
    const ws = basisWeights('fixed', [A, B, C], '2025-05', { fixedShares: { A: '50', B: '30.5' } });
    expect(asObj(ws)).toEqual({ A: '1550', B: '945.5', C: '0' });
  });

  it('activity: the volume, not scaled by f; missing is 0; non-members of the month are left out', () => {
    const vols: Record<string, string> = { A: '6050', C: '1300', D: '999' };
    const D_ = member('D', { joinedOn: '2025-06-01' });
    const ws = basisWeights('activity', [A, B, C, D_], '2025-05', { volumeOf: (id) => (vols[id] ? new D(vols[id]) : undefined) });
    expect(asObj(ws)).toEqual({ A: '6050', B: '0', C: '1300' });
    expect(totalWeight(ws).toString()).toBe('7350');
  });

  it('leaves out members with no day in the month', () => {
    expect(asObj(basisWeights('equal', [A, B, C], '2025-04'))).toEqual({ A: '30', B: '30' });
    const left = member('L', { leftOn: '2025-05-10' });
    expect(asObj(basisWeights('equal', [A, left], '2025-05'))).toEqual({ A: '31', L: '10' });
    expect(asObj(basisWeights('equal', [A, left], '2025-06'))).toEqual({ A: '30' });
  });

  it('recipients: null = every member, else the listed ones in member order', () => {
    expect(recipientsOf({ id: 's', code: 'S', recipientIds: null }, [A, B, C]).map((m) => m.organisationId)).toEqual(['A', 'B', 'C']);
    expect(recipientsOf({ id: 's', code: 'S', recipientIds: ['C', 'A'] }, [A, B, C]).map((m) => m.organisationId)).toEqual(['A', 'C']);
  });
});
