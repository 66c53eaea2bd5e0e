/** Test support: what a writer of streams (a bank file, an export) writes, as text. */
import { PassThrough } from 'node:stream';

export async function collect(fn: (out: PassThrough) => Promise<unknown>): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  await fn(out);
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}
