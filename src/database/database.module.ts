import { Global, Module } from '@nestjs/common';
import { Sql, UnitOfWork } from './sql';

/** Statement execution for repositories and the unit of work for services; global, so every module's repositories can take `Sql`. */
@Global()
@Module({ providers: [Sql, UnitOfWork], exports: [Sql, UnitOfWork] })
export class DatabaseModule {}
