// `npm run db:restore -- FILE`: loads a backup into an empty database (DATABASE_URL, or the
// embedded one under GALLEY_DATA_DIR), migrating it first. All or nothing.
import { restoreBackup } from '../lib/data/backup/restore';
import { fileArgument, openForCli, runCli, where } from './lib/backup-cli';

const file = fileArgument('db:restore');
const database = await openForCli('db:restore', false);
await runCli('The restore', async () => {
  const started = performance.now();
  const s = await restoreBackup(database, file);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `Restored ${s.rows} rows of ${Object.keys(s.tables).length} tables into ${where()} in ${seconds} s ` +
      `(backup of ${s.header.engine}, taken ${s.header.createdAt}, schema ${s.header.schemaVersion}); every content hash checked.`,
  );
}).finally(() => database.close());
