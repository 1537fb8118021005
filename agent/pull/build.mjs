// Bundles the pull agent into one file that runs on the host's Node.js (22 or later), no dependencies.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
export const AGENT_BUNDLE = path.join(here, 'dist', 'archnest-pull-agent.mjs');

export async function buildPullAgent() {
  await build({
    entryPoints: [path.join(here, 'src', 'main.ts')],
    outfile: AGENT_BUNDLE,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    banner: { js: '#!/usr/bin/env node' },
    legalComments: 'none',
    logLevel: 'warning',
  });
  return AGENT_BUNDLE;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildPullAgent();
