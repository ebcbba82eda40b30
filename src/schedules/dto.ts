import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min, ValidateIf } from 'class-validator';
import { DATE, MONTH, TIMESTAMP, UUID } from '../common/http/openapi';

export class PutSchedulesDto {
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: 20,
    nullable: true,
    example: 5,
    description: 'Send the board pack on this working day of each month (1 to 20; a month with fewer working days: its last); null: no board pack',
  })
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(20)
  boardPackWorkingDay: number | null;

  @ApiProperty({
    type: 'integer',
    minimum: 0,
    maximum: 10,
    nullable: true,
    example: 3,
    description:
      'Remind members whose measurements for a month are missing this many working days before the month is due to close (the board pack day of the month after, or its last working day without a board pack); null: no reminder',
  })
  @ValidateIf((_o, v) => v !== null)
  @IsInt()
  @Min(0)
  @Max(10)
  reminderWorkingDaysBefore: number | null;
}

export class ScheduleNextDates {
  @ApiProperty({ ...DATE, nullable: true, description: 'The next board pack not yet sent (a past date: due, sent at the next tick); null when off' })
  boardPack: string | null;
  @ApiProperty({ ...DATE, nullable: true, description: 'The next reminder not yet sent; null when off' }) reminder: string | null;
  @ApiProperty({ ...MONTH, nullable: true, description: 'The month that reminder is about' }) reminderMonth: string | null;
}

export class ScheduleRunView {
  @ApiProperty({ enum: ['board_pack', 'measurements_reminder'] }) kind: 'board_pack' | 'measurements_reminder';
  @ApiProperty({ ...MONTH, description: 'The month the board pack was sent in; the month a reminder was about' }) period: string;
  @ApiProperty(DATE) scheduledFor: string;
  @ApiProperty(TIMESTAMP) firedAt: Date;
  @ApiProperty({ enum: ['published', 'nothing_missing'], description: 'nothing_missing: a reminder found every measurement in, and told no one' })
  outcome: 'published' | 'nothing_missing';
  @ApiProperty({ ...UUID, nullable: true, description: 'The event published' }) eventId: string | null;
}

export class SchedulesView {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 20, nullable: true, example: 5 }) boardPackWorkingDay: number | null;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 10, nullable: true, example: 3 }) reminderWorkingDaysBefore: number | null;
  @ApiProperty({ ...TIMESTAMP, nullable: true, description: 'null: never set' }) updatedAt: Date | null;
  @ApiProperty({ type: ScheduleNextDates }) next: ScheduleNextDates;
  @ApiProperty({ type: [ScheduleRunView], description: 'The latest runs, newest period first (at most 12)' }) lastRuns: ScheduleRunView[];
}
