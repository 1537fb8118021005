import { describe, expect, it } from 'vitest';
import { IMAGE_ID, IMAGE_REFERENCE, ImageParams, OBJECT_NAME } from './docker-objects';

describe('image references (Docker reference grammar)', () => {
  it('takes what Docker takes', () => {
    for (const ref of [
      'nginx',
      'nginx:1.27',
      'library/nginx:latest',
      'ghcr.io/owner/app:v1.2.3',
      'registry.example:5000/team/app',
      '127.0.0.1:5000/archnest/pulled:1',
      'localhost/app_name__x:tag-1.2',
      'a-b.c/d--e:W_1',
      `busybox@sha256:${'a'.repeat(64)}`,
      `quay.io/x/y:1@sha256:${'0'.repeat(64)}`,
      '[::1]:5000/app:1',
    ])
      expect(IMAGE_REFERENCE.test(ref), ref).toBe(true);
  });

  it('refuses anything else, so nothing odd ever reaches a daemon', () => {
    for (const ref of [
      '',
      '-rf',
      'UPPER:1',
      'nginx:',
      'nginx:-tag',
      'a b',
      'x;id',
      'name:$(id)',
      '../etc/passwd',
      'app/',
      '/app',
      'app//x',
      `app:${'t'.repeat(129)}`,
      'app@sha256:short',
      'app?x=1',
      'app#1',
      'app\n',
    ])
      expect(IMAGE_REFERENCE.test(ref), JSON.stringify(ref)).toBe(false);
  });

  it('takes image ids with or without the algorithm, and 12 hex digits at least', () => {
    expect(IMAGE_ID.test(`sha256:${'f'.repeat(64)}`)).toBe(true);
    expect(IMAGE_ID.test('0123456789ab')).toBe(true);
    expect(IMAGE_ID.test('0123456789a')).toBe(false);
    expect(ImageParams.safeParse({ id: 'h', ref: `sha256:${'f'.repeat(64)}` }).success).toBe(true);
    expect(ImageParams.safeParse({ id: 'h', ref: '--force' }).success).toBe(false);
  });

  it('names volumes and networks as Docker does', () => {
    expect(OBJECT_NAME.test('my_vol.1-x')).toBe(true);
    for (const bad of ['-rf', '.hidden', 'a/b', 'a b', '', 'x'.repeat(256)])
      expect(OBJECT_NAME.test(bad), bad).toBe(false);
  });
});
