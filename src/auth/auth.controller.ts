import { Body, Controller, Get, HttpCode, Ip, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ListQuery } from '../common/http/pagination';
import { AuthService } from './auth.service';
import { CreateUserDto, LoginDto, TokenResponse, UserPage, UserView } from './dto';
import { CurrentUser, Principal, Public, Roles } from './principal';

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

  @Get('auth/me')
  @ApiBearerAuth()
  @ApiOkResponse({ type: UserView })
  me(@CurrentUser() p: Principal): Promise<UserView> {
    return this.auth.me(p);
  }

  @Post('users')
  @ApiBearerAuth()
  @Roles('admin', 'host_admin')
  @ApiOperation({ summary: 'Create a user (admin; a host_admin for users of member organisations of its consortia)' })
  @ApiCreatedResponse({ type: UserView })
  createUser(@CurrentUser() p: Principal, @Body() dto: CreateUserDto): Promise<UserView> {
    return this.auth.createUser(p, dto);
  }

  @Get('users')
  @ApiBearerAuth()
  @Roles('admin', 'host_admin')
  @ApiOperation({ summary: 'Users the caller manages' })
  @ApiOkResponse({ type: UserPage })
  listUsers(@CurrentUser() p: Principal, @Query() q: ListQuery) {
    return this.auth.listUsers(p, q.limit ?? 50, q.offset ?? 0);
  }
}
