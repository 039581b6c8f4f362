// Reading a gzip'd JSON Lines file one line at a time, so a restore holds one batch of rows in
// memory, not the file. A file cut short or not gzip at all is a BackupError, not a zlib trace.
import 'server-only';
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { BackupError } from '@/lib/domain/backup/errors';

function damaged(e: unknown): BackupError {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOENT') return new BackupError(`There is no file at ${err.path ?? 'that path'}.`);
  if (err.code === 'EACCES' || err.code === 'EISDIR') return new BackupError(`Cannot read ${err.path ?? 'the file'} (${err.code}).`);
  if (err.code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(err.message)) {
    return new BackupError('The backup file is truncated (it ends in the middle of its data); nothing was restored.');
  }
  return new BackupError(`This is not a Galley backup, or it is damaged (${err.message}).`);
}

export async function* readLines(file: string): AsyncGenerator<string> {
  const input = createReadStream(file);
  const gunzip = createGunzip();
  input.on('error', (e) => gunzip.destroy(e));
  input.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let carry = '';
  try {
    try {
      for await (const chunk of gunzip) {
        carry += decoder.write(chunk as Buffer);
        let start = 0;
        for (let i = carry.indexOf('\n'); i !== -1; i = carry.indexOf('\n', start)) {
          yield carry.slice(start, i);
          start = i + 1;
        }
        carry = carry.slice(start);
      }
    } catch (e) {
      throw damaged(e);
    }
    carry += decoder.end();
    if (carry) yield carry;
  } finally {
    input.destroy();
    gunzip.destroy();
  }
}

/** `next()` that answers undefined at the end instead of an iterator result. */
export function lineReader(file: string) {
  const it = readLines(file);
  return {
    next: async () => {
      const r = await it.next();
      return r.done ? undefined : r.value;
    },
    close: async () => void (await it.return(undefined)),
  };
}
