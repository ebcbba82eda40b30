import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '../config/configuration';
import { Consortium } from '../consortia/consortium.entity';
import { Member } from '../consortia/member.entity';
import { Organisation } from '../organisations/organisation.entity';
import { AccessService } from './access.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { User } from './user.entity';

@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([User, Organisation, Consortium, Member]),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => ({ secret: c.jwtSecret, signOptions: { algorithm: 'HS256' } }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => ({
        throttlers: [{ name: 'login', ttl: c.loginRateWindowMs, limit: c.loginRateLimit }],
        // Per address and account: one attacker cannot lock everyone out, nor try one account fast.
        getTracker: (req: Record<string, any>) =>
          `${req.ip}|${String(req.body?.email ?? '')
            .trim()
            .toLowerCase()}`,
      }),
    }),
  ],
  providers: [AuthService, AccessService, { provide: APP_GUARD, useClass: AuthGuard }],
  controllers: [AuthController],
  exports: [AccessService, AuthService],
})
export class AuthModule {}
