// `npm run db:backup -- FILE`: every table of the database (DATABASE_URL, or the embedded one
// when Galley is not running on it) into FILE, in the format README.md documents.
import { writeBackup } from '../lib/data/backup/write';
import { fileArgument, megabytes, openForCli, runCli, where } from './lib/backup-cli';

const file = fileArgument('db:backup');
const database = await openForCli('db:backup', true);
await runCli('The backup', async () => {
  const started = performance.now();
  const s = await writeBackup(database, file);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `Backed up ${s.rows} rows of ${Object.keys(s.tables).length} tables from ${where()} (schema ${s.schemaVersion}) ` +
      `to ${s.file} (${megabytes(s.bytes)}) in ${seconds} s.`,
  );
}).finally(() => database.close());
