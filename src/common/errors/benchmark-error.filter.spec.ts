import { BenchmarkError } from '../../benchmarking/core/types';
import { benchmarkErrorProblem } from './benchmark-error.filter';

describe('benchmarkErrorProblem', () => {
  it('bad input is a 400 naming the field', () => {
    const doc = benchmarkErrorProblem(new BenchmarkError('invalid_amount', 'cost must be an amount in pounds', 'cost', 'org-1'));
    expect(doc).toMatchObject({ status: 400, code: 'invalid_amount', errors: [{ field: 'cost', message: 'cost must be an amount in pounds' }] });
  });

  it('an organisation without a return is a 404; a peer group that cannot be benchmarked a 422', () => {
    expect(benchmarkErrorProblem(new BenchmarkError('organisation_not_found', 'no return', 'organisationId')).status).toBe(404);
    expect(benchmarkErrorProblem(new BenchmarkError('empty_peer_group', 'no returns')).status).toBe(422);
  });

  it('rules only broken stored data can break are a 500 that reveals nothing', () => {
    const doc = benchmarkErrorProblem(new BenchmarkError('duplicate_return', 'organisation x has more than one return'));
    expect(doc.status).toBe(500);
    expect(doc.detail).not.toContain('organisation x');
  });
});
