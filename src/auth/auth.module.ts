import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { AUTH_CONFIG, type AuthConfig } from '../config/slices';
import { OrganisationsModule } from '../organisations/organisations.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { UsersRepository } from './users.repository';

/** The email of a login attempt as text for the throttling key (any JSON value may arrive before validation). */
function emailKey(email: unknown): string {
  const text = typeof email === 'string' ? email : email === undefined || email === null ? '' : JSON.stringify(email);
  return text.trim().toLowerCase();
}

@Global()
@Module({
  imports: [
    OrganisationsModule,
    JwtModule.registerAsync({
      inject: [AUTH_CONFIG],
      useFactory: (c: AuthConfig) => ({ secret: c.jwtSecret, signOptions: { algorithm: 'HS256' } }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [AUTH_CONFIG],
      useFactory: (c: AuthConfig) => ({
        throttlers: [{ name: 'login', ttl: c.loginRateWindowMs, limit: c.loginRateLimit }],
        // Per address and account: one attacker cannot lock everyone out, nor try one account fast.
        getTracker: (req: { ip?: string; body?: { email?: unknown } }) => `${req.ip}|${emailKey(req.body?.email)}`,
      }),
    }),
  ],
  providers: [UsersRepository, AuthService, { provide: APP_GUARD, useClass: AuthGuard }],
  controllers: [AuthController],
  exports: [AuthService],
})
export class AuthModule {}
