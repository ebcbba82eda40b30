import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Sql, UnitOfWork } from './sql';
import { typeormOptions } from './typeorm-options';

/**
 * The connection pool (TypeORM, migrations run on start) and, for every module, `Sql` (statement
 * execution for repositories) and `UnitOfWork` (transactions for services). Global: repositories of
 * any module take `Sql` without importing this module.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot(typeormOptions(databaseUrl))],
      providers: [Sql, UnitOfWork],
      exports: [Sql, UnitOfWork],
    };
  }
}
