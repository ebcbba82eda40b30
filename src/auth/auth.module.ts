import { createSecretKey } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AUTH_CONFIG, type AuthConfig } from '../config/slices';
import { OrganisationsModule } from '../organisations/organisations.module';
import { AuthController } from './auth.controller';
import { AuthGuard, TokenVerifier } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginThrottleRepository } from './login-throttle.repository';
import { LoginThrottleService } from './login-throttle.service';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';
import { UsersRepository } from './users.repository';

@Global()
@Module({
  imports: [
    OrganisationsModule,
    JwtModule.registerAsync({
      inject: [AUTH_CONFIG],
      // A KeyObject, made once: given a string, jsonwebtoken first tries (and fails) to parse it as a
      // public or private key on every verify and sign, which cost about a tenth of a request's CPU.
      useFactory: (c: AuthConfig) => ({ secret: createSecretKey(Buffer.from(c.jwtSecret, 'utf8')), signOptions: { algorithm: 'HS256' } }),
    }),
  ],
  providers: [
    UsersRepository,
    SessionsRepository,
    SessionsService,
    LoginThrottleRepository,
    LoginThrottleService,
    AuthService,
    TokenVerifier,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  controllers: [AuthController],
  exports: [AuthService, TokenVerifier],
})
export class AuthModule {}
