import { ApiProperty, ApiPropertyOptional, PartialType, type ApiPropertyOptions } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { COUNT, TIMESTAMP, UUID } from '../common/http/openapi';
import { ListQuery } from '../common/http/pagination';
import { EVENT_KINDS } from '../events/event-kinds';
import { MAX_URL_LENGTH } from './core/target';
import { ALL_EVENTS } from './webhook.model';

export const SUBSCRIBABLE = [ALL_EVENTS, ...EVENT_KINDS] as const;
const EVENTS_DOC: ApiPropertyOptions = {
  isArray: true,
  enum: [...SUBSCRIBABLE],
  example: ['month.closed', 'agreement.proposed'],
  description: 'The kinds of event to send; "*" (the default) is every kind, including kinds added later',
};

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://integrations.example.nhs.uk/consortium-events', description: 'https only; not a private or loopback address' })
  @IsString()
  @MaxLength(MAX_URL_LENGTH)
  url: string;

  @ApiPropertyOptional(EVENTS_DOC)
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SUBSCRIBABLE.length)
  @IsIn(SUBSCRIBABLE, { each: true })
  events?: string[];

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Finance data warehouse', description: 'null (or none given) is no description; on PATCH, null clears it' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;
}

/** Every field of CreateWebhookDto, each optional, and `enabled`. */
export class UpdateWebhookDto extends PartialType(CreateWebhookDto) {
  @ApiPropertyOptional({ description: 'false stops deliveries (pending ones are cancelled); true re-enables and resets the failure count' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class WebhookView {
  @ApiProperty(UUID) id!: string;
  @ApiProperty(UUID) consortiumId!: string;
  @ApiProperty({ example: 'https://integrations.example.nhs.uk/consortium-events' }) url!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ isArray: true, enum: [...SUBSCRIBABLE] }) events!: string[];
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ ...COUNT, description: 'Failed attempts since the last success' }) consecutiveFailures!: number;
  @ApiProperty({ ...TIMESTAMP, nullable: true }) disabledAt!: Date | null;
  @ApiProperty({ type: String, nullable: true, example: 'Disabled after 15 failed attempts in a row (last: HTTP 503)' }) disabledReason!: string | null;
  @ApiProperty({ ...UUID, nullable: true }) createdBy!: string | null;
  @ApiProperty(TIMESTAMP) createdAt!: Date;
}

export class WebhookWithSecretView extends WebhookView {
  @ApiProperty({ example: 'whsec_3q2-7wEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', description: 'The signing secret: shown now and never again (rotate-secret makes a new one)' })
  secret!: string;
}

export class WebhookPage {
  @ApiProperty({ type: [WebhookView] }) items!: WebhookView[];
  @ApiProperty(COUNT) total!: number;
}

export class WebhookDeliveryView {
  @ApiProperty({ ...UUID, description: 'Also the Webhook-Id header and the body\'s "id"' }) id!: string;
  @ApiProperty(UUID) endpointId!: string;
  @ApiProperty(UUID) eventId!: string;
  @ApiProperty({ enum: EVENT_KINDS }) eventKind!: string;
  @ApiProperty({ enum: ['pending', 'delivered', 'failed', 'cancelled'] }) status!: string;
  @ApiProperty(COUNT) attempts!: number;
  @ApiProperty({ type: 'integer', nullable: true }) lastStatusCode!: number | null;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ ...TIMESTAMP, nullable: true }) lastAttemptAt!: Date | null;
  @ApiProperty({ type: 'integer', nullable: true }) durationMs!: number | null;
  @ApiProperty({ ...TIMESTAMP, nullable: true }) deliveredAt!: Date | null;
  @ApiProperty(TIMESTAMP) createdAt!: Date;
}

export class WebhookDeliveryPage {
  @ApiProperty({ type: [WebhookDeliveryView] }) items!: WebhookDeliveryView[];
  @ApiProperty(COUNT) total!: number;
}

export class DeliveriesQuery extends ListQuery {}
