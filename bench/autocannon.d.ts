/** autocannon ships no types; the part the API bench uses. */
declare module 'autocannon' {
  export interface CannonResult {
    requests: { average: number; total: number };
    latency: { p50: number; p99: number; average: number; max: number };
    non2xx: number;
    errors: number;
    timeouts: number;
    '2xx': number;
  }
  export interface CannonOptions {
    url: string;
    connections: number;
    duration: number;
    headers?: Record<string, string>;
    overallRate?: number;
  }
  function autocannon(o: CannonOptions): Promise<CannonResult>;
  export default autocannon;
}
