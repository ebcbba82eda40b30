import { Body, Controller, Get, Header, HttpCode, Ip, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { uuidParam } from '../common/http/uuid-param';
import { ListQuery } from '../common/http/pagination';
import { AuthService } from './auth.service';
import { ChangePasswordDto, CreateUserDto, LoginDto, PasswordResetView, TokenResponse, UpdateUserDto, UserPage, UserView } from './dto';
import { AllowsTemporaryPassword, CurrentUser, Principal, Public, Roles } from './principal';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('auth/login')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange email and password for a bearer token' })
  @ApiOkResponse({ type: TokenResponse })
  @ApiUnauthorizedResponse({ description: 'Wrong email or password' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts for this account or from this address; Retry-After says when to try again' })
  login(@Ip() ip: string, @Body() dto: LoginDto): Promise<TokenResponse> {
    return this.auth.login(dto.email, dto.password, ip);
  }

  @Post('auth/logout')
  @AllowsTemporaryPassword()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: "End the caller's session: its token stops working at once" })
  @ApiNoContentResponse({ description: 'Signed out' })
  logout(@CurrentUser() p: Principal): Promise<void> {
    return this.auth.logout(p);
  }

  @Post('auth/password')
  @AllowsTemporaryPassword()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: "Change the caller's password; every other session of the user ends" })
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts for this account; Retry-After says when to try again' })
  changePassword(@CurrentUser() p: Principal, @Ip() ip: string, @Body() dto: ChangePasswordDto): Promise<void> {
    return this.auth.changePassword(p, dto, ip);
  }

  @Get('auth/me')
  @AllowsTemporaryPassword()
  @ApiBearerAuth()
  @ApiOkResponse({ type: UserView })
  me(@CurrentUser() p: Principal): Promise<UserView> {
    return this.auth.me(p);
  }

  @Post('users')
  @ApiBearerAuth()
  @Roles('admin', 'host_admin', 'org_admin')
  @ApiOperation({ summary: "Create a user: an organisation's administrator in its own organisation; an admin in any" })
  @ApiCreatedResponse({ type: UserView })
  createUser(@CurrentUser() p: Principal, @Body() dto: CreateUserDto): Promise<UserView> {
    return this.auth.createUser(p, dto);
  }

  @Get('users')
  @ApiBearerAuth()
  @Roles('admin', 'host_admin', 'org_admin')
  @ApiOperation({ summary: "The users of the caller's own organisation (admin: every user)" })
  @ApiOkResponse({ type: UserPage })
  listUsers(@CurrentUser() p: Principal, @Query() q: ListQuery) {
    return this.auth.listUsers(p, q.limit ?? 50, q.offset ?? 0);
  }

  @Patch('users/:id')
  @ApiBearerAuth()
  @Roles('admin', 'host_admin', 'org_admin')
  @ApiOperation({ summary: "Disable or re-enable a user, or change its role (the organisation's administrators, admin); a disabled user's tokens stop at once" })
  @ApiOkResponse({ type: UserView })
  updateUser(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: UpdateUserDto): Promise<UserView> {
    return this.auth.updateUser(p, id, dto);
  }

  @Post('users/:id/password-reset')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiBearerAuth()
  @Roles('admin', 'host_admin', 'org_admin')
  @ApiOperation({
    summary:
      "Reset a user's password to a new temporary one, given once in the answer (the organisation's administrators for its own users of their rank or below; admin). Every session of the user ends; never on oneself (422 own_account)",
  })
  @ApiOkResponse({ type: PasswordResetView })
  resetPassword(@CurrentUser() p: Principal, @Param('id', uuidParam('id')) id: string): Promise<PasswordResetView> {
    return this.auth.resetPassword(p, id);
  }
}
