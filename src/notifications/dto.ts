import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, ValidateNested } from 'class-validator';
import { COUNT, UUID } from '../common/http/openapi';
import { EVENT_KINDS, type EventKind } from '../events/event-kinds';

export const DELIVERY_MODES = ['immediate', 'digest'] as const;

export class NotificationPreferenceDto {
  @ApiProperty({ enum: EVENT_KINDS, example: 'month.closed' })
  @IsIn(EVENT_KINDS)
  kind!: EventKind;

  @ApiProperty({ description: 'Whether to get email about this kind of event' })
  @IsBoolean()
  enabled!: boolean;

  @ApiProperty({ enum: DELIVERY_MODES, description: 'immediate: one email per event; digest: gathered in a daily summary' })
  @IsIn(DELIVERY_MODES)
  mode!: (typeof DELIVERY_MODES)[number];

  @ApiProperty({ description: 'Attach the PDF (month.closed: your statement; board_pack.due: the board pack); other kinds have none' })
  @IsBoolean()
  attachPdf!: boolean;
}

export class NotificationPreferencesDto {
  @ApiProperty({ type: [NotificationPreferenceDto], description: 'At least one entry, one per kind; kinds left out go back to the default (on, immediate, no attachment)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(EVENT_KINDS.length)
  @ValidateNested({ each: true })
  @Type(() => NotificationPreferenceDto)
  items!: NotificationPreferenceDto[];
}

export class NotificationPreferencesView {
  @ApiProperty({ type: [NotificationPreferenceDto] }) items!: NotificationPreferenceDto[];
}

export class DeliveryLogItemView {
  @ApiProperty(UUID) id!: string;
  @ApiProperty(UUID) eventId!: string;
  @ApiProperty({ enum: EVENT_KINDS }) kind!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'board.member@trust.nhs.example',
    description: "The recipient; null for an invitation (the invited organisation's administrators are not the host's to know)",
  })
  email!: string | null;
  @ApiProperty({
    example: 'sent',
    description:
      'pending, sending, retrying, sent, failed, skipped (no mail server, or the recipient disabled), unknown (the sender stopped mid-send; never re-sent), pending_digest, or digest_<status> once in a digest',
  })
  status!: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) attempts!: number;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) sentAt!: Date | null;
}

export class DeliveryLogPage {
  @ApiProperty({ type: [DeliveryLogItemView] }) items!: DeliveryLogItemView[];
  @ApiProperty(COUNT) total!: number;
}
