import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module';
import { ReportsModule } from '../reports/reports.module';
import { Mailer } from './mailer';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

/** Email notifications of domain events (docs/notifications.md). */
@Module({
  imports: [OrganisationsModule, ReportsModule],
  providers: [NotificationsRepository, NotificationsService, Mailer],
  controllers: [NotificationsController],
  exports: [NotificationsService],
})
export class NotificationsModule {}
