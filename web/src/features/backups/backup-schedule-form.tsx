import type { BackupSchedule } from '@archnest/contract';
import { Save } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { describeError } from '../../api/api-error';
import { Button } from '../../components/ui/button';
import { CardBody } from '../../components/ui/card';
import { TextField } from '../../components/ui/field';
import { FormAlert } from '../../components/ui/form-alert';
import { SwitchField } from '../../components/ui/switch';
import { useSaveBackupSchedule } from './use-backups';

type Issues = { path: (string | number)[]; message: string }[];

/** Interval, keep N, directory and the key; saved as one. */
export function BackupScheduleForm({ schedule }: { schedule: BackupSchedule }) {
  const save = useSaveBackupSchedule();
  const [enabled, setEnabled] = useState(schedule.enabled);
  const [intervalHours, setIntervalHours] = useState(String(schedule.intervalHours));
  const [keep, setKeep] = useState(String(schedule.keep));
  const [directory, setDirectory] = useState(schedule.directory ?? '');
  const [withSecretKey, setWithSecretKey] = useState(schedule.withSecretKey);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({
      enabled,
      intervalHours: Number(intervalHours),
      keep: Number(keep),
      directory: directory.trim() || null,
      withSecretKey,
    });
  };
  const issues = (save.error as { issues?: Issues } | null)?.issues;
  const issue = (field: string) => issues?.find((i) => i.path[0] === field)?.message;

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Backup schedule">
      <CardBody className="flex flex-col gap-4">
        <SwitchField
          label="Back up on a schedule"
          description="The server takes a consistent backup of the whole instance every interval."
          checked={enabled}
          onCheckedChange={setEnabled}
        />
        <div className="grid gap-4 md:grid-cols-2">
          <TextField
            label="Every (hours)"
            type="number"
            min={1}
            max={720}
            value={intervalHours}
            onChange={(e) => setIntervalHours(e.target.value)}
            error={issue('intervalHours')}
          />
          <TextField
            label="Keep the newest"
            type="number"
            min={1}
            max={365}
            value={keep}
            onChange={(e) => setKeep(e.target.value)}
            hint="Older backups in the directory are deleted after each run."
            error={issue('keep')}
          />
        </div>
        <TextField
          label="Directory on the server"
          placeholder={schedule.effectiveDirectory}
          value={directory}
          onChange={(e) => setDirectory(e.target.value)}
          hint="An absolute path; empty keeps backups in the data directory's backups folder."
          error={issue('directory')}
        />
        <SwitchField
          label="Include the instance secret key"
          description="Without it, sealed secrets (host passwords, keys, tokens) cannot be opened after a restore unless the key is kept elsewhere."
          checked={withSecretKey}
          onCheckedChange={setWithSecretKey}
        />
        <FormAlert message={save.isError && !issues ? describeError(save.error) : null} />
        <div>
          <Button type="submit" variant="primary" disabled={save.isPending}>
            <Save aria-hidden size={16} />
            {save.isPending ? 'Saving…' : 'Save schedule'}
          </Button>
        </div>
      </CardBody>
    </form>
  );
}
