import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '../common/enums';
import { INTEGER, PageOf, TIMESTAMP, UUID } from '../common/http/openapi';

export class LoginDto {
  @ApiProperty({ example: 'host@northvale.example' })
  @IsString()
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'a long password' })
  @IsString()
  @MaxLength(200)
  password: string;
}

export class TokenResponse {
  @ApiProperty() accessToken: string;
  @ApiProperty({ ...INTEGER, description: 'Seconds until the token expires' }) expiresIn: number;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: string;
}

export class CreateUserDto {
  @ApiProperty()
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiProperty({ ...UUID, required: false, description: 'Required for every role but admin' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;
}

export class UserView {
  @ApiProperty(UUID) id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ ...UUID, nullable: true }) organisationId: string | null;
  @ApiProperty(TIMESTAMP) createdAt: Date;
}

export class UserPage extends PageOf(UserView) {}
