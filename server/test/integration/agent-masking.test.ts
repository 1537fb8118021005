import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureAgentTools } from '@archnest/test-support';
import { maskEnv } from '../../src/docker/secret-env';
import { AGENT_DIR } from '../helpers/test-app';

const script = fs.readFileSync(path.join(AGENT_DIR, 'archnest-docker-agent.sh'), 'utf8');
const quoted = (name: string) => new RegExp(`readonly ${name}='([^']+)'`).exec(script)![1]!;

/** The agent's own jq definitions, run by jq exactly as the agent runs them. */
function agentMask(entries: string[]): unknown {
  const program = /<<'JQ'\n([\s\S]*?)\nJQ\n/.exec(script)![1]!;
  const defs = program.slice(0, program.indexOf('def num:'));
  const out = execFileSync(
    'jq',
    [
      '-n',
      '--arg',
      'parts',
      quoted('SECRET_PARTS'),
      '--arg',
      'words',
      quoted('SECRET_WORDS'),
      '--argjson',
      'rules',
      quoted('VALUE_SECRET_RULES'),
      '--argjson',
      'entries',
      JSON.stringify(entries),
      `${defs}\n$entries | map(mask_env)`,
    ],
    { encoding: 'utf8' },
  );
  return JSON.parse(out);
}

const CORPUS = [
  'GITHUB_PAT=ghp_1',
  'BEARER=abc',
  'WALLET_SEED=twelve words',
  'RANDOM_SEED=42',
  'NOTIFY=https://hooks.slack.com/services/T0/B0/XyZ',
  'HOOK=https://discord.com/api/webhooks/123/abcDEF',
  'TG=https://api.telegram.org/bot123:AAE/sendMessage',
  'TEAMS=https://acme.webhook.office.com/webhookb2/x@y/IncomingWebhook/z',
  'N8N=https://n8n.local/webhook/4f2a-secret',
  'REPO=https://ghp_abc123@github.com/org/repo.git',
  'DATABASE_URL=postgres://app:hunter2@db:5432/app',
  'UPSTREAMS=http://a:x@h1,redis://:pw@h2',
  'API=https://x.example/api?Token=abc&mode=1',
  'HOMEPAGE=https://example.org/a@b',
  'DOCS=https://example.org/docs/webhooks',
  'GIT=ssh://git@github.com/x',
  'PATH=/usr/bin',
  'PWD=/srv',
];

describe('the push agent masks env exactly like the server', () => {
  beforeAll(() => ensureAgentTools());

  it('gives the same answer for every entry of the corpus', () => {
    const server = maskEnv(CORPUS);
    expect(agentMask(CORPUS)).toEqual(server);
    // The corpus exercises both sides of every rule.
    expect(server.filter((e) => e.masked).length).toBeGreaterThanOrEqual(12);
    expect(server.filter((e) => !e.masked).length).toBeGreaterThanOrEqual(4);
  });
});
