import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { DatabaseHealth } from './database-health';
import { runMigrationsLocked } from './migrate';
import { DATABASE_URL, PgNotifications } from './pg-notifications';
import { Sql, UnitOfWork } from './sql';
import { typeormOptions } from './typeorm-options';

/**
 * The connection pool (TypeORM; migrations applied on start under the migration lock, see
 * migrate.ts) and, for every module, `Sql` (statement execution for repositories), `UnitOfWork`
 * (transactions for services) and `PgNotifications` (LISTEN/NOTIFY between processes). Global:
 * repositories of any module take `Sql` without importing this module.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => typeormOptions(databaseUrl),
          dataSourceFactory: async (options?: DataSourceOptions) => {
            const ds = await new DataSource(options!).initialize();
            try {
              await runMigrationsLocked(ds);
            } catch (e) {
              await ds.destroy();
              throw e;
            }
            return ds;
          },
        }),
      ],
      providers: [{ provide: DATABASE_URL, useValue: databaseUrl }, Sql, UnitOfWork, PgNotifications, DatabaseHealth],
      exports: [Sql, UnitOfWork, PgNotifications, DatabaseHealth],
    };
  }
}
