import zlib from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/**
 * Compresses API answers of 1 KiB and more on the fly for clients that accept it. An answer that
 * already carries a Content-Encoding (the precompressed web app, a PreSerialized gzip body) is left
 * alone; request bodies are never inflated here (the agent ingest has its own bounded reader), and
 * WebSocket frames do not pass through it.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCompress, {
    globalCompression: true,
    globalDecompression: false,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
  });
}
