import { Global, Module } from '@nestjs/common';
import { MetricsCollectors } from './metrics.collectors';
import { Metrics } from './metrics.service';

/** Metrics of this application instance: `Metrics` for every module to count in; served at /metrics. */
@Global()
@Module({ providers: [Metrics, MetricsCollectors], exports: [Metrics] })
export class MetricsModule {}
