import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Principal } from '../auth/principal';
import { uuidParam } from '../common/http/uuid-param';
import { ListQuery } from '../common/http/pagination';
import { DeliveryLogPage, NotificationPreferencesDto, NotificationPreferencesView } from './dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationsController {
  constructor(private readonly service: NotificationsService) {}

  @Get('me/notification-preferences')
  @ApiOperation({ summary: "The caller's email notification preferences, one per event kind (defaults: on, immediate, no attachment)" })
  @ApiOkResponse({ type: NotificationPreferencesView })
  async preferences(@CurrentUser() p: Principal): Promise<NotificationPreferencesView> {
    return { items: await this.service.preferences(p) };
  }

  @Put('me/notification-preferences')
  @ApiOperation({ summary: "Replace the caller's email notification preferences (kinds left out go back to the default)" })
  @ApiOkResponse({ type: NotificationPreferencesView })
  async savePreferences(@CurrentUser() p: Principal, @Body() dto: NotificationPreferencesDto): Promise<NotificationPreferencesView> {
    return { items: await this.service.savePreferences(p, dto.items) };
  }

  @Get('consortia/:id/notifications')
  @ApiOperation({ summary: "The consortium's email delivery log, newest first (the host's): who was sent what, its status and attempts" })
  @ApiOkResponse({ type: DeliveryLogPage })
  log(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Query() q: ListQuery) {
    return this.service.log(p, id, q.limit ?? 50, q.offset ?? 0);
  }
}
