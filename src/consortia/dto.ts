import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { DELIVERY_MODELS, type DeliveryModel } from '../common/enums';
import { IsIsoDate } from '../common/validation/validation';
import { DATE, PageOf, TIMESTAMP, UUID } from '../common/http/openapi';
import { ListQuery } from '../common/http/pagination';
import { INVITATION_STATUSES, type InvitationStatus } from './invitation.model';

export class CreateConsortiumDto {
  @ApiProperty({ example: 'North Vale Back Office Partnership' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: DELIVERY_MODELS })
  @IsIn(DELIVERY_MODELS)
  deliveryModel: DeliveryModel;

  @ApiProperty({ ...UUID, description: 'The host organisation: employs the staff, governs, charges the fee' })
  @IsUUID()
  hostOrganisationId: string;

  @ApiProperty({ ...DATE, description: 'The host is a member from this date' })
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
  @ApiProperty(UUID) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: DELIVERY_MODELS }) deliveryModel: DeliveryModel;
  @ApiProperty(UUID) hostOrganisationId: string;
  @ApiProperty(DATE) startDate: string;
  @ApiProperty({ ...TIMESTAMP, nullable: true, description: 'When it was archived: readable, but every write answers 409 consortium_archived; null while live' })
  archivedAt: Date | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why it was archived' }) archiveNote: string | null;
  @ApiProperty(TIMESTAMP) createdAt: Date;
  @ApiProperty(TIMESTAMP) updatedAt: Date;
}

export class ArchiveConsortiumDto {
  @ApiPropertyOptional({ example: 'The partnership ended on 31 March 2027; all statements are issued', description: 'Why it is archived' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ConsortiumPage extends PageOf(ConsortiumView) {}

export class AddMemberDto {
  @ApiProperty(UUID)
  @IsUUID()
  organisationId: string;

  @ApiProperty({ ...DATE, example: '2025-05-16', description: 'First day of membership (inclusive)' })
  @IsIsoDate()
  joinedOn: string;
}

export class UpdateMemberDto {
  @ApiProperty({ ...DATE, example: '2026-03-31', nullable: true, description: 'Last day of membership (inclusive); null to cancel a leaving date' })
  @ValidateIf((o: UpdateMemberDto) => o.leftOn !== null)
  @IsIsoDate()
  leftOn: string | null;
}

export class MemberView {
  @ApiProperty({ ...UUID, description: 'The membership period' }) id: string;
  @ApiProperty(UUID) organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ type: String, nullable: true }) odsCode: string | null;
  @ApiProperty() isHost: boolean;
  @ApiProperty(DATE) joinedOn: string;
  @ApiProperty({ ...DATE, nullable: true, example: null }) leftOn: string | null;
}

/** Every membership period (not paged). */
export class MemberList extends PageOf(MemberView) {}

export class InviteDto {
  @ApiProperty({ ...UUID, description: 'The organisation invited (from GET /organisations/directory)' })
  @IsUUID()
  organisationId: string;

  @ApiProperty({ ...DATE, example: '2026-04-01', description: 'First day of membership once the organisation accepts' })
  @IsIsoDate()
  joinedOn: string;
}

export class InvitationQuery extends ListQuery {
  @ApiPropertyOptional({ enum: INVITATION_STATUSES })
  @IsOptional()
  @IsIn(INVITATION_STATUSES)
  status?: InvitationStatus;
}

export class InvitationView {
  @ApiProperty(UUID) id: string;
  @ApiProperty(UUID) consortiumId: string;
  @ApiProperty() consortiumName: string;
  @ApiProperty({ enum: DELIVERY_MODELS }) deliveryModel: DeliveryModel;
  @ApiProperty(UUID) hostOrganisationId: string;
  @ApiProperty() hostOrganisationName: string;
  @ApiProperty(UUID) organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ type: String, nullable: true }) odsCode: string | null;
  @ApiProperty(DATE) joinedOn: string;
  @ApiProperty({ enum: INVITATION_STATUSES }) status: InvitationStatus;
  @ApiProperty(TIMESTAMP) createdAt: Date;
  @ApiProperty({ ...TIMESTAMP, nullable: true }) decidedAt: Date | null;
}

export class InvitationPage extends PageOf(InvitationView) {}
