import { Global, Module } from '@nestjs/common';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';

/** Domain events (global: agreements, months, measurements and reports publish; notifications and webhooks subscribe). */
@Global()
@Module({ providers: [EventsRepository, EventsService], exports: [EventsService] })
export class EventsModule {}
