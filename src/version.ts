import { readFileSync } from 'node:fs';

/** The package version, read once; the same path works from src/ (tsx) and dist/ (built). */
export const toolVersion: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
