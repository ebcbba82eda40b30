/**
 * DataSource for the TypeORM CLI (`npm run migration:run`, `migration:generate`). Needs DATABASE_URL;
 * the app itself runs migrations on start, so this is only for working on migrations.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { typeormOptions } from './typeorm-options';

if (!process.env.DATABASE_URL) {
  throw new Error('Set DATABASE_URL to use the migration CLI (the app runs migrations itself on start).');
}
export default new DataSource({ ...typeormOptions(process.env.DATABASE_URL), migrationsRun: false });
