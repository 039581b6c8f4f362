// `npm run db:migrate`: apply pending migrations to DATABASE_URL, or to the embedded database.
import { openDatabase } from '../lib/data/db';

const database = await openDatabase();
console.log(`Migrations applied (${database.engine}).`);
await database.close();
