import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

/** The files a new agent host fetches from ArchNest itself; nothing else in `agent/` is served. */
export const AGENT_FILES = [
  'archnest-docker-agent.sh',
  'install.sh',
  'archnest-docker-agent.service',
  'archnest-docker-agent.timer',
] as const;

/**
 * Serves the agent and its installer as plain text from fixed names (no path from the request
 * reaches the file system), so an install command needs nothing but ArchNest's own URL.
 */
export function agentScriptRoutes(app: FastifyInstance, agentDir: string | undefined): void {
  for (const name of AGENT_FILES) {
    app.get(
      `/agent/${name}`,
      { config: { access: 'public' }, schema: { hide: true } },
      async (_req, reply) => {
        const file = agentDir ? path.join(agentDir, name) : null;
        if (!file || !fs.existsSync(file)) {
          return reply.code(404).send({ error: 'not_found', message: `This server does not carry ${name}.` });
        }
        const text = await fs.promises.readFile(file, 'utf8');
        return reply
          .type('text/plain; charset=utf-8')
          .header('cache-control', 'no-cache')
          .header('content-disposition', `inline; filename="${name}"`)
          .send(text);
      },
    );
  }
}
