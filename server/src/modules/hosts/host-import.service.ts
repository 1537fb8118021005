import type { Host, ImportHostEntry, ImportPreview } from '@archnest/contract';
import { AppError } from '../../http/app-error';
import type { Actor } from '../audit/audit.service';
import type { HostsRepo } from './hosts.repo';
import type { HostsService } from './hosts.service';
import { parseSshConfig } from './ssh-config-parser';

const invalid = (message: string) => new AppError(400, 'invalid_request', message);

/** OpenSSH config import: a preview that stores nothing, then the chosen entries, jump hosts first. */
export class HostImportService {
  constructor(
    private readonly hosts: HostsService,
    private readonly repo: HostsRepo,
  ) {}

  preview(text: string): ImportPreview {
    return parseSshConfig(text);
  }

  async import(actor: Actor, entries: ImportHostEntry[]): Promise<Host[]> {
    const byAlias = new Map(entries.map((e) => [e.alias, e]));
    if (byAlias.size !== entries.length) throw invalid('Each alias may appear only once in an import.');
    const existing = new Map<string, string>();
    for (const entry of entries) {
      for (const jump of entry.jumpAliases) {
        if (byAlias.has(jump) || existing.has(jump)) continue;
        const host = await this.repo.findByName(jump);
        if (!host)
          throw invalid(
            `"${entry.alias}" jumps through "${jump}", which is neither in this import nor an existing host.`,
          );
        existing.set(jump, host.id);
      }
    }
    const order = this.dependencyOrder(entries, byAlias);
    const created = new Map<string, string>();
    const result: Host[] = [];
    for (const entry of order) {
      const jumpHostIds = entry.jumpAliases.map((j) => created.get(j) ?? existing.get(j)!);
      const host = await this.hosts.create(actor, {
        name: entry.alias,
        address: entry.address,
        port: entry.port,
        username: entry.username,
        folder: 'Imported',
        tags: [],
        notes: '',
        authMethod: entry.authMethod,
        credentialId: entry.credentialId,
        access: 'everyone',
        allowedUserIds: [],
        ...(entry.password ? { password: entry.password } : {}),
        ...(entry.privateKey ? { privateKey: entry.privateKey } : {}),
        ...(entry.passphrase ? { passphrase: entry.passphrase } : {}),
        jumpHostIds,
        legacyAlgorithms: false,
      });
      created.set(entry.alias, host.id);
      result.push(host);
    }
    return result;
  }

  private dependencyOrder(
    entries: ImportHostEntry[],
    byAlias: Map<string, ImportHostEntry>,
  ): ImportHostEntry[] {
    const order: ImportHostEntry[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (entry: ImportHostEntry) => {
      const s = state.get(entry.alias);
      if (s === 'done') return;
      if (s === 'visiting')
        throw new AppError(
          400,
          'invalid_jump_chain',
          `The jump hosts of "${entry.alias}" loop back on themselves.`,
        );
      state.set(entry.alias, 'visiting');
      for (const jump of entry.jumpAliases) {
        const dep = byAlias.get(jump);
        if (dep) visit(dep);
      }
      state.set(entry.alias, 'done');
      order.push(entry);
    };
    entries.forEach(visit);
    return order;
  }
}
