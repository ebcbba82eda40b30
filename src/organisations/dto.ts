import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ORGANISATION_TYPES, type OrganisationType } from '../common/enums';
import { DECIMAL, decimalInput, MONEY, NON_NEGATIVE_MONEY_INPUT, PageOf, TIMESTAMP, UUID } from '../common/http/openapi';
import { IsNonNegativeMoney, IsQuantity } from '../common/validation/validation';
import { ListQuery } from '../common/http/pagination';

export class CreateOrganisationDto {
  @ApiProperty({ example: 'Riverside Community Health NHS Trust' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'RY1', description: 'ODS code, unique' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z0-9]{3,10}$/, { message: 'odsCode must be 3–10 capital letters or digits' })
  odsCode?: string;

  @ApiProperty({ enum: ORGANISATION_TYPES })
  @IsIn(ORGANISATION_TYPES)
  type: OrganisationType;

  @ApiPropertyOptional({ example: 'North West' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  region?: string;

  @ApiProperty({ ...NON_NEGATIVE_MONEY_INPUT, example: '250000000.00', description: 'Annual turnover in pounds, a string with at most two decimals' })
  @IsNonNegativeMoney()
  annualTurnover: string;

  @ApiProperty(decimalInput({ example: '3500', description: 'Headcount (FTE), a decimal string or number with at most two decimals' }))
  @IsQuantity()
  headcount: string | number;
}

export class UpdateOrganisationDto extends PartialType(CreateOrganisationDto) {}

export class OrganisationView {
  @ApiProperty(UUID) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true, example: 'RY1' }) odsCode: string | null;
  @ApiProperty({ enum: ORGANISATION_TYPES }) type: OrganisationType;
  @ApiProperty({ type: String, nullable: true }) region: string | null;
  @ApiProperty({ ...MONEY, example: '250000000.00' }) annualTurnover: string;
  @ApiProperty({ ...DECIMAL, example: '3500.00' }) headcount: string;
  @ApiProperty(TIMESTAMP) createdAt: Date;
  @ApiProperty(TIMESTAMP) updatedAt: Date;
}

export class OrganisationPage extends PageOf(OrganisationView) {}

export class DirectoryQuery extends ListQuery {
  @ApiPropertyOptional({ description: 'Part of the name or ODS code', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

/** What anyone signed in may know of any organisation. */
export class DirectoryEntryView {
  @ApiProperty(UUID) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANISATION_TYPES }) type: OrganisationType;
  @ApiProperty({ type: String, nullable: true, example: 'RY1' }) odsCode: string | null;
}

export class DirectoryPage extends PageOf(DirectoryEntryView) {}
