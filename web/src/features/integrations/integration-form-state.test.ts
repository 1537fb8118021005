import type { Integration } from '@archnest/contract';
import { describe, expect, it } from 'vitest';
import { buildCreateBody, buildUpdateBody, draftFor, visibleFields } from './integration-form-state';

const fingerprint = Array.from({ length: 32 }, () => 'AB').join(':');

function proxmoxDraft() {
  const draft = draftFor('proxmox', null);
  draft.name = 'lab';
  draft.values = { url: 'https://pve.lan:8006', tokenId: 'monitor@pve!archnest' };
  draft.secrets = { tokenSecret: { text: 's3cret', clear: false } };
  return draft;
}

const saved: Integration = {
  id: 'i1',
  kind: 'proxmox',
  name: 'lab',
  config: { url: 'https://pve.lan:8006', tokenId: 'monitor@pve!archnest', showTemplates: false },
  secretsSet: ['tokenSecret'],
  tls: { pinnedSha256: fingerprint, hasCa: false },
  pollIntervalSeconds: 30,
  timeoutSeconds: 5,
  createdAt: '2026-11-27T00:00:00Z',
  updatedAt: '2026-11-27T00:00:00Z',
};

describe('buildCreateBody', () => {
  it('sends config and secrets apart, and no TLS section when none was given', () => {
    const built = buildCreateBody(proxmoxDraft());
    expect(built).toEqual({
      ok: true,
      body: {
        kind: 'proxmox',
        name: 'lab',
        config: { url: 'https://pve.lan:8006', tokenId: 'monitor@pve!archnest', showTemplates: false },
        secrets: { tokenSecret: 's3cret' },
        pollIntervalSeconds: 30,
        timeoutSeconds: 5,
      },
    });
  });

  it('names a missing required secret and applies the contract rules to the rest', () => {
    const draft = proxmoxDraft();
    draft.secrets = { tokenSecret: { text: '', clear: false } };
    draft.values.tokenId = 'root';
    draft.pollIntervalSeconds = '2';
    const built = buildCreateBody(draft);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.errors.tokenSecret).toBe('API token secret is required.');
    expect(built.errors.tokenId).toMatch(/user@realm!tokenid/);
    expect(built.errors.pollIntervalSeconds).toBeDefined();
  });

  it('splits a region list and checks each region', () => {
    const draft = draftFor('aws-ec2', null);
    draft.name = 'aws';
    draft.values = { ...draft.values, regions: 'eu-central-1, us-east-1', accessKeyId: 'AKIAEXAMPLE0000000' };
    draft.secrets = { secretAccessKey: { text: 'k', clear: false } };
    const built = buildCreateBody(draft);
    expect(built.ok && built.body.config).toMatchObject({
      regions: ['eu-central-1', 'us-east-1'],
      auth: 'keys',
    });
    draft.values.regions = 'europe';
    const bad = buildCreateBody(draft);
    expect(!bad.ok && bad.errors.regions).toMatch(/region code/);
  });
});

describe('buildUpdateBody', () => {
  it('keeps an untouched secret and pin by leaving them out', () => {
    const built = buildUpdateBody(draftFor('proxmox', saved), saved);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.body.secrets).toBeUndefined();
    expect(built.body.tls).toBeUndefined();
    expect(built.body.config).toEqual(saved.config);
  });

  it('clears a secret with null and removes an emptied pin', () => {
    const draft = draftFor('proxmox', saved);
    draft.secrets = { tokenSecret: { text: 'new-secret', clear: false } };
    draft.pinnedSha256 = '';
    const built = buildUpdateBody(draft, saved);
    expect(built.ok && built.body).toMatchObject({
      secrets: { tokenSecret: 'new-secret' },
      tls: { pinnedSha256: null },
    });
    draft.secrets = { tokenSecret: { text: '', clear: true } };
    const cleared = buildUpdateBody(draft, saved);
    // The token secret is required: clearing it without a new one is refused in the form.
    expect(!cleared.ok && cleared.errors.tokenSecret).toBe('API token secret is required.');
  });
});

describe('fields shown only for some answers', () => {
  function ec2Draft(auth: 'keys' | 'default-chain') {
    const draft = draftFor('aws-ec2', null);
    draft.name = 'aws';
    draft.values = { ...draft.values, regions: 'eu-central-1', auth, accessKeyId: 'AKIAEXAMPLE000000001' };
    draft.secrets = { secretAccessKey: { text: 'typed-before-switching', clear: false } };
    return draft;
  }

  it('hides the access key while the default credential chain is chosen, and sends none of it', () => {
    const draft = ec2Draft('default-chain');
    expect(visibleFields(draft).map((f) => f.name)).toEqual(['regions', 'auth', 'endpoint']);
    expect(buildCreateBody(draft)).toEqual({
      ok: true,
      body: {
        kind: 'aws-ec2',
        name: 'aws',
        config: { regions: ['eu-central-1'], auth: 'default-chain' },
        secrets: {},
        pollIntervalSeconds: 30,
        timeoutSeconds: 5,
      },
    });
  });

  it('shows and sends the access key for key credentials', () => {
    const draft = ec2Draft('keys');
    expect(visibleFields(draft).map((f) => f.name)).toEqual([
      'regions',
      'auth',
      'accessKeyId',
      'secretAccessKey',
      'endpoint',
    ]);
    const built = buildCreateBody(draft);
    expect(built.ok && built.body.config).toMatchObject({ accessKeyId: 'AKIAEXAMPLE000000001' });
    expect(built.ok && built.body.secrets).toEqual({ secretAccessKey: 'typed-before-switching' });
  });
});
