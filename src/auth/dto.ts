import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { ROLES, type Role } from '../common/enums';
import { checkPassword } from './common-passwords';
import { INTEGER, PageOf, TIMESTAMP, UUID } from '../common/http/openapi';

/** The password rule (./core/password-rule.ts) as a validator: 400 naming the field, saying why. */
function IsAcceptablePassword(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isAcceptablePassword',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && checkPassword(value) === null,
        defaultMessage: (args: ValidationArguments) =>
          `${args.property} ${typeof args.value === 'string' ? (checkPassword(args.value) ?? 'is not acceptable') : 'must be a string'}`,
      },
    });
}

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

  @ApiProperty({ minLength: 12, maxLength: 200, description: 'At least 12 characters, not blank, not a common password (NCSC guidance: length over complexity)' })
  @IsString()
  @IsAcceptablePassword()
  password: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiProperty({
    ...UUID,
    required: false,
    description: "The user's organisation: an organisation's administrator creates users in its own (the default); an admin names it for every role but admin",
  })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({
    description:
      'true: the password is a temporary one to hand over; the user must choose their own before anything else (as after a reset, and for every user added on the web page). Default false',
  })
  @IsOptional()
  @IsBoolean()
  mustChangePassword?: boolean;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ description: 'true: the user cannot sign in and its sessions end at once; false: it may sign in again' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({ enum: ROLES, description: "A role change takes effect on the user's next request" })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ minLength: 12, maxLength: 200, description: 'The password rule of POST /users; every other session of the user ends' })
  @IsString()
  @IsAcceptablePassword()
  newPassword: string;
}

export class UserView {
  @ApiProperty(UUID) id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ ...UUID, nullable: true }) organisationId: string | null;
  @ApiProperty({ description: 'A disabled user cannot sign in' }) disabled: boolean;
  @ApiProperty({
    description:
      'Signed in with a temporary password an administrator gave (a reset, or a user added on the web page) and not yet changed: until then every route but GET /auth/me, POST /auth/password and POST /auth/logout is 403 `password_change_required`',
  })
  mustChangePassword: boolean;
  @ApiProperty(TIMESTAMP) createdAt: Date;
}

export class UserPage extends PageOf(UserView) {}

export class PasswordResetView {
  @ApiProperty({ type: UserView }) user: UserView;
  @ApiProperty({
    example: 'k7mw-3xqa-b9tz-hc4e-rn2p',
    description: 'The new temporary password, given this once (only its hash is kept): hand it to the user, who signs in with it and changes it',
  })
  temporaryPassword: string;
}
