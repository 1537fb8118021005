import { AuthMethod, type Credential, type ImportedHost } from '@archnest/contract';
import { AlertTriangle } from 'lucide-react';
import { Fragment } from 'react';
import { Input, Select } from '../../components/ui/input';
import { Table, Td, Th, Tr } from '../../components/ui/table';
import { Textarea } from '../../components/ui/textarea';
import { authMethodLabels, credentialKindFor } from '../../components/hosts/host-form-state';

export interface ImportRowChoice {
  selected: boolean;
  authMethod: AuthMethod;
  credentialId: string;
  password: string;
  privateKey: string;
  passphrase: string;
}

export function initialChoice(host: ImportedHost): ImportRowChoice {
  return {
    selected: true,
    authMethod: host.identityFile ? 'key' : 'password',
    credentialId: '',
    password: '',
    privateKey: '',
    passphrase: '',
  };
}

interface ImportPreviewTableProps {
  hosts: ImportedHost[];
  choices: ImportRowChoice[];
  credentials: Credential[];
  rowErrors: Map<number, string>;
  onChange: (index: number, patch: Partial<ImportRowChoice>) => void;
}

function SecretInputs({
  host,
  choice,
  credentials,
  onChange,
}: {
  host: ImportedHost;
  choice: ImportRowChoice;
  credentials: Credential[];
  onChange: (patch: Partial<ImportRowChoice>) => void;
}) {
  const kind = credentialKindFor(choice.authMethod);
  const matching = credentials.filter((credential) => credential.kind === kind);
  const usesKey = choice.authMethod === 'key' || choice.authMethod === 'certificate';
  const offerCredentials = kind !== null && matching.length > 0;
  return (
    <div className={offerCredentials ? 'grid gap-2 sm:grid-cols-[14rem_1fr]' : 'pl-8'}>
      {offerCredentials ? (
        <Select
          aria-label={`Credential for ${host.alias}`}
          value={choice.credentialId}
          onChange={(e) => onChange({ credentialId: e.target.value })}
        >
          <option value="">Secrets pasted here</option>
          {matching.map((credential) => (
            <option key={credential.id} value={credential.id}>
              {credential.name}
            </option>
          ))}
        </Select>
      ) : null}
      {choice.credentialId !== '' || !kind ? null : usesKey ? (
        <div className="flex flex-col gap-2">
          <Textarea
            aria-label={`Private key for ${host.alias}`}
            rows={3}
            placeholder={`Paste the key for ${host.identityFile ?? 'this host'}`}
            value={choice.privateKey}
            onChange={(e) => onChange({ privateKey: e.target.value })}
          />
          <Input
            type="password"
            aria-label={`Key passphrase for ${host.alias}`}
            placeholder="Passphrase, only if the key is encrypted"
            autoComplete="off"
            value={choice.passphrase}
            onChange={(e) => onChange({ passphrase: e.target.value })}
          />
        </div>
      ) : (
        <Input
          type="password"
          aria-label={`Password for ${host.alias}`}
          placeholder={`Password for ${host.username}@${host.address}`}
          autoComplete="off"
          value={choice.password}
          onChange={(e) => onChange({ password: e.target.value })}
        />
      )}
    </div>
  );
}

export function ImportPreviewTable({
  hosts,
  choices,
  credentials,
  rowErrors,
  onChange,
}: ImportPreviewTableProps) {
  return (
    <Table aria-label="Hosts found in the config">
      <thead>
        <tr>
          <Th className="w-10">
            <span className="sr-only">Import</span>
          </Th>
          <Th>Alias</Th>
          <Th>Address</Th>
          <Th>User</Th>
          <Th>Identity file</Th>
          <Th>Jump</Th>
          <Th>Auth</Th>
        </tr>
      </thead>
      <tbody>
        {hosts.map((host, index) => {
          const choice = choices[index];
          if (!choice) return null;
          const error = rowErrors.get(index);
          return (
            <Fragment key={`${host.alias}-${index}`}>
              <Tr className={choice.selected ? '' : 'opacity-60'}>
                <Td>
                  <input
                    type="checkbox"
                    aria-label={`Import ${host.alias}`}
                    checked={choice.selected}
                    onChange={(e) => onChange(index, { selected: e.target.checked })}
                    className="h-4 w-4 accent-[var(--accent)]"
                  />
                </Td>
                <Td className="font-medium">{host.alias}</Td>
                <Td className="font-mono text-[0.82rem] whitespace-nowrap">
                  {host.address}:{host.port}
                </Td>
                <Td className="font-mono text-[0.82rem]">{host.username || '—'}</Td>
                <Td className="font-mono text-[0.82rem]">{host.identityFile ?? '—'}</Td>
                <Td className="text-[0.85rem]">{host.jumpAliases.join(' → ') || '—'}</Td>
                <Td>
                  <Select
                    aria-label={`Authentication for ${host.alias}`}
                    value={choice.authMethod}
                    disabled={!choice.selected}
                    className="h-8 min-w-40"
                    onChange={(e) =>
                      onChange(index, { authMethod: AuthMethod.parse(e.target.value), credentialId: '' })
                    }
                  >
                    {AuthMethod.options.map((method) => (
                      <option key={method} value={method}>
                        {authMethodLabels[method]}
                      </option>
                    ))}
                  </Select>
                </Td>
              </Tr>
              {choice.selected || host.warnings.length > 0 || error ? (
                <tr>
                  <td colSpan={7} className="border-b border-border px-4 pb-3">
                    {host.warnings.map((warning) => (
                      <p key={warning} className="mb-1 flex items-center gap-1.5 text-[0.85rem] text-warning">
                        <AlertTriangle aria-hidden size={14} />
                        {warning}
                      </p>
                    ))}
                    {error ? <p className="mb-1 text-[0.85rem] text-danger">{error}</p> : null}
                    {choice.selected ? (
                      <SecretInputs
                        host={host}
                        choice={choice}
                        credentials={credentials}
                        onChange={(patch) => onChange(index, patch)}
                      />
                    ) : null}
                  </td>
                </tr>
              ) : null}
            </Fragment>
          );
        })}
      </tbody>
    </Table>
  );
}
