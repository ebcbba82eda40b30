import { Module } from '@nestjs/common';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhookSender } from './webhook-sender';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

/** Webhooks (issue 17): endpoints chosen by a consortium's host, signed deliveries of its events, retried through pg-boss. */
@Module({
  providers: [WebhooksRepository, WebhooksService, WebhookSender, WebhookDeliveryService],
  controllers: [WebhooksController],
  exports: [WebhooksService],
})
export class WebhooksModule {}
