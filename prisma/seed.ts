// `npm run db:seed`: seed an empty database with the demo workspace (the server does this
// itself on first start unless GALLEY_SEED=false).
import { closeDatabase } from '../lib/data/db';
import { seedIfEmpty } from '../lib/seed';

const seeded = await seedIfEmpty();
if (!seeded) console.log('The database already has users; nothing seeded.');
await closeDatabase();
