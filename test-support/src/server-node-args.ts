import fs from 'node:fs';
import path from 'node:path';

/** The V8 flags `npm start` runs the server with (server/node-args.json), so tests and benches match it. */
export function serverNodeArgs(): string[] {
  const file = path.resolve(import.meta.dirname, '../../server/node-args.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as string[];
}
