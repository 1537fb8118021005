import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

/** What a host fetches to run a pull agent: fixed URL → fixed file under `agent/`, nothing else. */
export const PULL_AGENT_FILES: Record<string, string> = {
  '/agent/pull/archnest-pull-agent.mjs': 'pull/dist/archnest-pull-agent.mjs',
  '/agent/pull/install.sh': 'pull/install.sh',
  '/agent/pull/archnest-pull-agent.service': 'pull/archnest-pull-agent.service',
};

export function pullAgentFilesRoutes(app: FastifyInstance, agentDir: string | undefined): void {
  for (const [url, relative] of Object.entries(PULL_AGENT_FILES)) {
    const name = path.basename(relative);
    app.get(url, { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) => {
      const file = agentDir ? path.join(agentDir, relative) : null;
      if (!file || !fs.existsSync(file))
        return reply.code(404).send({ error: 'not_found', message: `This server does not carry ${name}.` });
      return reply
        .type(name.endsWith('.mjs') ? 'text/javascript; charset=utf-8' : 'text/plain; charset=utf-8')
        .header('cache-control', 'no-cache')
        .header('content-disposition', `inline; filename="${name}"`)
        .send(await fs.promises.readFile(file, 'utf8'));
    });
  }
}
