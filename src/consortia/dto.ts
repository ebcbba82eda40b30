import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { DELIVERY_MODELS, type DeliveryModel } from '../common/enums';
import { IsIsoDate } from '../common/validation/validation';

export class CreateConsortiumDto {
  @ApiProperty({ example: 'North Vale Back Office Partnership' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: DELIVERY_MODELS })
  @IsIn(DELIVERY_MODELS)
  deliveryModel: DeliveryModel;

  @ApiProperty({ description: 'The host organisation: employs the staff, governs, charges the fee' })
  @IsUUID()
  hostOrganisationId: string;

  @ApiProperty({ example: '2025-04-01', description: 'The host is a member from this date' })
  @IsIsoDate()
  startDate: string;
}

export class UpdateConsortiumDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: DELIVERY_MODELS })
  @IsOptional()
  @IsIn(DELIVERY_MODELS)
  deliveryModel?: DeliveryModel;
}

export class ConsortiumView {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: DELIVERY_MODELS }) deliveryModel: DeliveryModel;
  @ApiProperty() hostOrganisationId: string;
  @ApiProperty({ example: '2025-04-01' }) startDate: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class AddMemberDto {
  @ApiProperty()
  @IsUUID()
  organisationId: string;

  @ApiProperty({ example: '2025-05-16', description: 'First day of membership (inclusive)' })
  @IsIsoDate()
  joinedOn: string;
}

export class UpdateMemberDto {
  @ApiProperty({ example: '2026-03-31', nullable: true, type: String, description: 'Last day of membership (inclusive); null to cancel a leaving date' })
  @ValidateIf((o: UpdateMemberDto) => o.leftOn !== null)
  @IsIsoDate()
  leftOn: string | null;
}

export class MemberView {
  @ApiProperty() id: string;
  @ApiProperty() organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ nullable: true, type: String }) odsCode: string | null;
  @ApiProperty() isHost: boolean;
  @ApiProperty({ example: '2025-04-01' }) joinedOn: string;
  @ApiProperty({ nullable: true, type: String, example: null }) leftOn: string | null;
}
