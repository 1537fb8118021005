import { describe, expect, it } from 'vitest';
import { daemonSaid, JsonLines, progressFrame, pullTarget } from '../../src/docker/engine-pull';

describe('image pull progress', () => {
  it('asks for latest when no tag is given, never for every tag', () => {
    expect(pullTarget('nginx')).toEqual({ fromImage: 'nginx', tag: 'latest' });
    expect(pullTarget('127.0.0.1:5000/team/app:2')).toEqual({
      fromImage: '127.0.0.1:5000/team/app',
      tag: '2',
    });
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(pullTarget(`app:1@${digest}`)).toEqual({ fromImage: 'app', tag: digest });
  });

  it('reads JSON lines split anywhere across chunks, and skips what is not JSON', () => {
    const lines = new JsonLines();
    expect(lines.push('{"status":"Pulling from x"}\n{"sta')).toEqual([{ status: 'Pulling from x' }]);
    expect(lines.push('tus":"Waiting","id":"abc"}\r\nnot json\n\n')).toEqual([
      { status: 'Waiting', id: 'abc' },
    ]);
  });

  it('turns the daemon’s lines into frames, and its in-stream error into an error', () => {
    expect(
      progressFrame({
        status: 'Downloading',
        id: 'a1b2c3',
        progressDetail: { current: 10, total: 40 },
        progress: '[==>   ]',
      }),
    ).toEqual({ type: 'progress', status: 'Downloading', layer: 'a1b2c3', current: 10, total: 40 });
    expect(progressFrame({ status: 'Digest: sha256:x' })).toEqual({
      type: 'progress',
      status: 'Digest: sha256:x',
    });
    expect(progressFrame({ error: 'x', errorDetail: { message: 'manifest unknown' } })).toEqual({
      error: 'manifest unknown',
    });
    expect(progressFrame({ progressDetail: {} })).toBeUndefined();
  });

  it('keeps Docker’s own words from a streamed call’s error', () => {
    const error = Object.assign(new Error('(HTTP code 500) server error - Get "http://x/v2/": refused '), {
      statusCode: 500,
      reason: 'server error',
    });
    expect(daemonSaid(error)).toBe('Get "http://x/v2/": refused');
    expect(daemonSaid({ statusCode: 404, json: { message: 'No such image: y' } })).toBe('No such image: y');
  });
});
