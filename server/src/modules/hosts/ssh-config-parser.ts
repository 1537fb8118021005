import type { ImportedHost, ImportPreview } from '@archnest/contract';

interface Block {
  patterns: string[];
  options: [keyword: string, value: string][];
  line: number;
}

const SUPPORTED = new Set(['host', 'hostname', 'user', 'port', 'identityfile', 'proxyjump']);
const IGNORED_QUIETLY = new Set([
  'identitiesonly',
  'serveraliveinterval',
  'serveralivecountmax',
  'forwardagent',
  'addkeystoagent',
  'usekeychain',
  'stricthostkeychecking',
  'userknownhostsfile',
  'compression',
  'loglevel',
  'controlmaster',
  'controlpath',
  'controlpersist',
  'connecttimeout',
  'tcpkeepalive',
]);

function tokens(value: string): string[] {
  const out: string[] = [];
  for (const m of value.matchAll(/"([^"]*)"|(\S+)/g)) out.push(m[1] ?? m[2]!);
  return out;
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}

/** OpenSSH semantics: a block applies when some pattern matches and no negated pattern does. */
function matches(patterns: string[], alias: string): boolean {
  let hit = false;
  for (const p of patterns) {
    if (p.startsWith('!')) {
      if (globToRegExp(p.slice(1)).test(alias)) return false;
    } else if (globToRegExp(p).test(alias)) {
      hit = true;
    }
  }
  return hit;
}

function isConcrete(pattern: string): boolean {
  return !/[*?!]/.test(pattern);
}

function parseBlocks(text: string, warnings: string[]): Block[] {
  const blocks: Block[] = [{ patterns: ['*'], options: [], line: 0 }];
  let skipping = false;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const m = /^(\S+?)(?:\s*=\s*|\s+)(.*)$/.exec(line);
    if (!m) {
      warnings.push(`Line ${index + 1}: "${line.slice(0, 60)}" has no value; ignored.`);
      return;
    }
    const keyword = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    if (keyword === 'host') {
      blocks.push({ patterns: tokens(value), options: [], line: index + 1 });
      skipping = false;
    } else if (keyword === 'match') {
      warnings.push(`Line ${index + 1}: Match blocks are not imported; their options are ignored.`);
      skipping = true;
    } else if (keyword === 'include') {
      warnings.push(`Line ${index + 1}: Include is not followed; paste the included file's text too.`);
    } else if (!skipping) {
      blocks.at(-1)!.options.push([keyword, value]);
      if (keyword === 'proxycommand')
        warnings.push(`Line ${index + 1}: ProxyCommand is not supported; use ProxyJump.`);
      else if (!SUPPORTED.has(keyword) && !IGNORED_QUIETLY.has(keyword)) {
        warnings.push(`Line ${index + 1}: ${m[1]} is not used by ArchNest; ignored.`);
      }
    }
  });
  return blocks;
}

/** First value wins, as in ssh_config(5). */
function resolve(blocks: Block[], alias: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const block of blocks) {
    if (!matches(block.patterns, alias)) continue;
    for (const [keyword, value] of block.options) if (!values.has(keyword)) values.set(keyword, value);
  }
  return values;
}

function parseJump(spec: string): string {
  // [user@]host[:port] — the host part names another Host block (or an existing ArchNest host).
  const withoutUser = spec.includes('@') ? spec.slice(spec.lastIndexOf('@') + 1) : spec;
  return withoutUser.replace(/:\d+$/, '');
}

/** Reads an OpenSSH client config into host entries for preview; nothing here touches the database. */
export function parseSshConfig(text: string): ImportPreview {
  const warnings: string[] = [];
  const blocks = parseBlocks(text, warnings);
  const aliases: string[] = [];
  for (const block of blocks.slice(1)) {
    for (const p of block.patterns) if (isConcrete(p) && !aliases.includes(p)) aliases.push(p);
  }
  const hosts: ImportedHost[] = aliases.map((alias) => {
    const v = resolve(blocks, alias);
    const own: string[] = [];
    const portText = v.get('port') ?? '22';
    let port = Number(portText);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      own.push(`Port "${portText}" is not a valid port; using 22.`);
      port = 22;
    }
    const username = v.get('user') ?? '';
    if (!username) own.push('No User is set; choose a username before importing.');
    const jumpSpec = v.get('proxyjump');
    const jumpAliases =
      jumpSpec && jumpSpec.toLowerCase() !== 'none'
        ? jumpSpec.split(',').map((s) => parseJump(s.trim()))
        : [];
    for (const jump of jumpAliases) {
      if (!aliases.includes(jump))
        own.push(`Jump host "${jump}" is not a Host in this config; it must already exist in ArchNest.`);
    }
    const identity = v.get('identityfile');
    return {
      alias,
      address: tokens(v.get('hostname') ?? alias)[0] ?? alias,
      port,
      username,
      identityFile: identity ? (tokens(identity)[0] ?? null) : null,
      jumpAliases,
      warnings: own,
    };
  });
  if (hosts.length === 0) warnings.push('No Host entries with a concrete name were found.');
  return { hosts, warnings };
}
