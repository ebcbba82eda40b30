import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { FUNCTIONS, KPI_CATEGORIES, KPI_DIRECTIONS, KPI_UNITS } from '../common/enums';
import { PageOf, UUID } from '../common/http/openapi';
import { ListQuery } from '../common/http/pagination';

export class CreateKpiDto {
  @ApiProperty({ example: 'PAY_ACCURACY' })
  @IsString()
  @Matches(/^[A-Z][A-Z0-9_]{1,49}$/, { message: 'code must be 2–50 capital letters, digits or _' })
  code: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: KPI_UNITS })
  @IsIn(KPI_UNITS)
  unit: string;

  @ApiProperty({ enum: KPI_DIRECTIONS })
  @IsIn(KPI_DIRECTIONS)
  direction: 'higher_is_better' | 'lower_is_better';

  @ApiProperty({ enum: FUNCTIONS })
  @IsIn(FUNCTIONS)
  function: string;

  @ApiProperty({ enum: KPI_CATEGORIES })
  @IsIn(KPI_CATEGORIES)
  category: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

export class KpiQuery extends ListQuery {
  @ApiPropertyOptional({ enum: FUNCTIONS })
  @IsOptional()
  @IsIn(FUNCTIONS)
  function?: string;

  @ApiPropertyOptional({ enum: KPI_CATEGORIES })
  @IsOptional()
  @IsIn(KPI_CATEGORIES)
  category?: string;
}

/** A KPI of the catalogue (the kpis row as stored). */
export class KpiView {
  @ApiProperty(UUID) id: string;
  @ApiProperty({ example: 'PAY_ACCURACY' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: KPI_UNITS }) unit: string;
  @ApiProperty({ enum: KPI_DIRECTIONS }) direction: 'higher_is_better' | 'lower_is_better';
  @ApiProperty({ enum: FUNCTIONS }) function: string;
  @ApiProperty({ enum: KPI_CATEGORIES }) category: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
}

export class KpiPage extends PageOf(KpiView) {}
