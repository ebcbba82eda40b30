import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type Principal, Roles } from '../auth/principal';
import { uuidParam } from '../common/http/uuid-param';
import { CreateWebhookDto, DeliveriesQuery, UpdateWebhookDto, WebhookDeliveryPage, WebhookPage, WebhookView, WebhookWithSecretView } from './dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('consortia/:id/webhooks')
@Roles('admin', 'host_admin')
export class WebhooksController {
  constructor(private readonly service: WebhooksService) {}

  @Post()
  @Header('Cache-Control', 'no-store') // the answer holds the secret: no cache keeps it
  @ApiOperation({ summary: 'Add a webhook endpoint (host): events are POSTed to it, signed (docs/webhooks.md). The answer holds the signing secret, shown this once.' })
  @ApiCreatedResponse({ type: WebhookWithSecretView })
  create(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: CreateWebhookDto) {
    return this.service.create(p, id, dto);
  }

  @Get()
  @ApiOperation({ summary: "The consortium's webhook endpoints (host), oldest first, without their secrets" })
  @ApiOkResponse({ type: WebhookPage })
  list(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string) {
    return this.service.list(p, id);
  }

  @Get(':webhookId')
  @ApiOperation({ summary: 'One webhook endpoint (host): its status, failures in a row and why it was disabled' })
  @ApiOkResponse({ type: WebhookView })
  get(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Param('webhookId', uuidParam('webhookId')) webhookId: string) {
    return this.service.get(p, id, webhookId);
  }

  @Patch(':webhookId')
  @ApiOperation({ summary: 'Change a webhook endpoint (host): url, events, description, enabled (re-enabling resets the failure count; disabling cancels pending deliveries)' })
  @ApiOkResponse({ type: WebhookView })
  update(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Param('webhookId', uuidParam('webhookId')) webhookId: string, @Body() dto: UpdateWebhookDto) {
    return this.service.update(p, id, webhookId, dto);
  }

  @Delete(':webhookId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a webhook endpoint and its delivery log (host)' })
  @ApiNoContentResponse()
  async remove(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Param('webhookId', uuidParam('webhookId')) webhookId: string): Promise<void> {
    await this.service.remove(p, id, webhookId);
  }

  @Post(':webhookId/rotate-secret')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'A new signing secret (host), shown this once; the old one stops at once' })
  @ApiOkResponse({ type: WebhookWithSecretView })
  rotate(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Param('webhookId', uuidParam('webhookId')) webhookId: string) {
    return this.service.rotateSecret(p, id, webhookId);
  }

  @Get(':webhookId/deliveries')
  @ApiOperation({ summary: "A webhook endpoint's delivery log (host), newest first: status, attempts, last answer or error" })
  @ApiOkResponse({ type: WebhookDeliveryPage })
  deliveries(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Param('webhookId', uuidParam('webhookId')) webhookId: string, @Query() q: DeliveriesQuery) {
    return this.service.deliveries(p, id, webhookId, q.limit ?? 50, q.offset ?? 0);
  }
}
