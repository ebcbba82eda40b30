import fc from 'fast-check';
import { decisionOf, electorateOf, versionInForce, votersOf, type VoteChoice } from './decision';

const votes = (o: Record<string, VoteChoice>) => new Map(Object.entries(o));

describe('the members decide a version (domain.md §13)', () => {
  const four = ['H', 'A', 'B', 'C'];

  it('unanimous: every voter approves; one objection rejects; until then it stays proposed', () => {
    expect(decisionOf('unanimous', four, 'H', votes({ H: 'approve', A: 'approve', B: 'approve' }))).toBeNull();
    expect(decisionOf('unanimous', four, 'H', votes({ H: 'approve', A: 'approve', B: 'approve', C: 'approve' }))).toBe('approved');
    expect(decisionOf('unanimous', four, 'H', votes({ H: 'approve', A: 'object' }))).toBe('rejected');
  });

  it('unanimous: the host alone approves nothing in a partnership of several', () => {
    expect(decisionOf('unanimous', four, 'H', votes({ H: 'approve' }))).toBeNull();
  });

  it('majority: more than half approve; at least half object rejects', () => {
    expect(decisionOf('majority', four, 'H', votes({ H: 'approve', A: 'approve' }))).toBeNull(); // 2 of 4 is not more than half
    expect(decisionOf('majority', four, 'H', votes({ H: 'approve', A: 'approve', B: 'approve' }))).toBe('approved');
    expect(decisionOf('majority', four, 'H', votes({ A: 'object', B: 'object' }))).toBe('rejected');
    expect(decisionOf('majority', ['H', 'A', 'B'], 'H', votes({ A: 'object' }))).toBeNull(); // 1 of 3 is less than half
  });

  it('host: the host decides', () => {
    expect(decisionOf('host', four, 'H', votes({ A: 'object', B: 'object', C: 'object' }))).toBeNull();
    expect(decisionOf('host', four, 'H', votes({ H: 'approve' }))).toBe('approved');
    expect(decisionOf('host', four, 'H', votes({ H: 'object' }))).toBe('rejected');
  });

  it('votes of organisations that are not voters are ignored', () => {
    expect(decisionOf('unanimous', ['H', 'A'], 'H', votes({ H: 'approve', A: 'approve', X: 'object' }))).toBe('approved');
  });

  it('property: a version is approved or rejected only as its rule says', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom<VoteChoice | null>('approve', 'object', null), { minLength: 1, maxLength: 12 }), (cast) => {
        const voters = cast.map((_, i) => `O${i}`);
        const v = new Map<string, VoteChoice>();
        cast.forEach((c, i) => c && v.set(`O${i}`, c));
        for (const rule of ['unanimous', 'majority'] as const) {
          const d = decisionOf(rule, voters, 'O0', v);
          const approvals = cast.filter((c) => c === 'approve').length;
          const objections = cast.filter((c) => c === 'object').length;
          if (d === 'approved') expect(rule === 'unanimous' ? approvals === voters.length : approvals * 2 > voters.length).toBe(true);
          if (d === 'rejected') expect(rule === 'unanimous' ? objections > 0 : objections * 2 >= voters.length).toBe(true);
        }
      }),
    );
  });

  it('the voters are the members with a day of membership in the first month, each once', () => {
    const periods = [
      { organisationId: 'H', joinedOn: '2025-04-01', leftOn: null },
      { organisationId: 'A', joinedOn: '2025-04-01', leftOn: '2025-09-30' }, // left before October
      { organisationId: 'B', joinedOn: '2025-10-31', leftOn: null }, // joins on the last day
      { organisationId: 'C', joinedOn: '2025-11-01', leftOn: null }, // joins after
      { organisationId: 'D', joinedOn: '2025-04-01', leftOn: '2025-10-01' }, // leaves on the first day
      { organisationId: 'D', joinedOn: '2025-10-15', leftOn: null }, // and rejoins
    ];
    expect(votersOf(periods, '2025-10')).toEqual(['H', 'B', 'D']);
  });

  it('under the host rule the host alone decides; otherwise the members of the first month', () => {
    const periods = [
      { organisationId: 'H', joinedOn: '2025-04-01', leftOn: null },
      { organisationId: 'A', joinedOn: '2025-04-01', leftOn: null },
    ];
    expect(electorateOf('host', periods, '2025-10', 'H')).toEqual(['H']);
    expect(electorateOf('majority', periods, '2025-10', 'H')).toEqual(['H', 'A']);
  });

  it('the version in force in a month is the latest approved from on or before it; none before the first', () => {
    const versions = [
      { version: 1, effectiveFrom: '2025-04' },
      { version: 2, effectiveFrom: '2025-10' },
    ];
    expect(versionInForce(versions, '2025-03')).toBeNull();
    expect(versionInForce(versions, '2025-09')?.version).toBe(1);
    expect(versionInForce(versions, '2025-10')?.version).toBe(2);
    expect(versionInForce(versions, '2026-12')?.version).toBe(2);
  });
});
