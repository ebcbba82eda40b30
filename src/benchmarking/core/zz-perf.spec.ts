import { benchmark } from './benchmark';
import { pence, ret } from './test-helpers';
it('perf', () => {
  for (const n of [100, 500, 2000]) {
    let seed = 12345n;
    const rnd = (m: bigint) => { seed = (seed * 6364136223846793005n + 1442695040888963407n) % (1n << 64n); return seed % m; };
    const rs = Array.from({ length: n }, (_, i) => ret(`o${i}`, pence(rnd(10n ** 10n)), pence(10n ** 9n + rnd(10n ** 12n))));
    const t = Date.now();
    benchmark(rs);
    console.log(n, Date.now() - t, 'ms');
  }
});
