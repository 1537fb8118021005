import { describe, expect, it } from 'vitest';
import { isTaskSuccess, parseUpid } from '../../src/integrations/proxmox/proxmox-upid';

describe('Proxmox UPIDs and exit statuses', () => {
  it('decodes a UPID with hex pid, pstart and start time, and the HA task types', () => {
    expect(parseUpid('UPID:pve1:0001A2B3:02C4D5E6:6751A3C0:qmstart:100:root@pam:')).toEqual({
      node: 'pve1',
      pid: 0x1a2b3,
      pstart: 0x2c4d5e6,
      starttime: 0x6751a3c0,
      type: 'qmstart',
      id: '100',
      user: 'root@pam',
    });
    expect(parseUpid('UPID:pve-2:000000FF:123456789:6751A3C0:hastop:102:ops@pve!tok:')?.type).toBe('hastop');
  });

  it('rejects anything not shaped like a UPID (no trailing colon, bad hex, spaces)', () => {
    for (const bad of [
      'UPID:pve1:0001A2B3:02C4D5E6:6751A3C0:qmstart:100:root@pam',
      'UPID:pve1:0001A2G3:02C4D5E6:6751A3C0:qmstart:100:root@pam:',
      'UPID:pve1:0001A2B3:02C4D5E6:6751A3C0:qm start:100:root@pam:',
      'VM 100 already running',
      '',
    ]) {
      expect(parseUpid(bad), bad).toBeNull();
    }
  });

  it('counts only OK and WARNINGS: N as success', () => {
    expect(isTaskSuccess('OK')).toBe(true);
    expect(isTaskSuccess('WARNINGS: 3')).toBe(true);
    expect(isTaskSuccess('VM 100 already running')).toBe(false);
    expect(isTaskSuccess('unexpected status')).toBe(false);
    expect(isTaskSuccess('WARNINGS: x')).toBe(false);
    expect(isTaskSuccess(null)).toBe(false);
  });
});
