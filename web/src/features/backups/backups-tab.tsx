import { endpoints, fillPath, type BackupSchedule } from '@archnest/contract';
import { AlertTriangle, ArchiveRestore, DatabaseBackup, Download, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardBody, CardHeader } from '../../components/ui/card';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { EmptyState, ErrorState, LoadingRows } from '../../components/ui/states';
import { Table, Td, Th, Tr } from '../../components/ui/table';
import { formatBytes } from '../../lib/format-bytes';
import { formatDateTime, formatRelative } from '../../lib/format-time';
import { BackupScheduleForm } from './backup-schedule-form';
import { useBackUpNow, useBackupFiles, useBackupSchedule, useDeleteBackup } from './use-backups';

function LastRun({ schedule }: { schedule: BackupSchedule }) {
  if (schedule.running) return <Badge tone="accent">running</Badge>;
  if (!schedule.lastRunAt) return <span className="text-muted">No backup has run yet.</span>;
  return (
    <div className="flex flex-col gap-1" data-testid="backup-last-run">
      <span>
        Last run {formatRelative(schedule.lastRunAt)}:{' '}
        {schedule.lastStatus === 'ok' ? (
          <Badge tone="success">ok</Badge>
        ) : (
          <Badge tone="danger">failed</Badge>
        )}
      </span>
      {schedule.lastError ? (
        <span role="alert" className="flex items-center gap-1.5 text-danger">
          <AlertTriangle aria-hidden size={15} />
          {schedule.lastError}
        </span>
      ) : null}
      {schedule.nextRunAt ? (
        <span className="text-muted">Next run {formatDateTime(schedule.nextRunAt)}</span>
      ) : null}
    </div>
  );
}

/** Settings › Backups: the schedule, "Back up now", and the files with download and delete. */
export function BackupsTab() {
  const schedule = useBackupSchedule();
  const files = useBackupFiles();
  const now = useBackUpNow();
  const remove = useDeleteBackup();
  const [deleting, setDeleting] = useState<string | null>(null);
  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader
          title="Scheduled backups"
          description="A consistent copy of every table (and, if chosen, the secret key), restorable with npm run admin -- restore."
        />
        {schedule.isPending ? <LoadingRows label="Loading the backup schedule" /> : null}
        {schedule.isError ? (
          <ErrorState error={schedule.error} onRetry={() => void schedule.refetch()} />
        ) : null}
        {schedule.isSuccess ? (
          <>
            <CardBody className="pb-0 text-[0.92rem]">
              <LastRun schedule={schedule.data} />
            </CardBody>
            <BackupScheduleForm schedule={schedule.data} />
          </>
        ) : null}
      </Card>
      <Card>
        <CardHeader
          title="Backups"
          description={schedule.data ? `In ${schedule.data.effectiveDirectory} on the server.` : undefined}
          actions={
            <Button variant="primary" onClick={() => now.mutate()} disabled={now.isPending}>
              <DatabaseBackup aria-hidden size={16} />
              {now.isPending ? 'Backing up…' : 'Back up now'}
            </Button>
          }
        />
        {files.isPending ? <LoadingRows label="Loading backups" /> : null}
        {files.isError ? <ErrorState error={files.error} onRetry={() => void files.refetch()} /> : null}
        {files.isSuccess && files.data.length === 0 ? (
          <EmptyState
            icon={<ArchiveRestore size={28} strokeWidth={1.5} />}
            title="No backups yet"
            description="Back up now, or turn on the schedule."
          />
        ) : null}
        {files.isSuccess && files.data.length > 0 ? (
          <Table aria-label="Backups">
            <thead>
              <tr>
                <Th>File</Th>
                <Th>Taken</Th>
                <Th>Size</Th>
                <Th className="w-48">
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {files.data.map((file) => (
                <Tr key={file.name} data-backup={file.name}>
                  <Td className="font-mono text-[0.85rem]">{file.name}</Td>
                  <Td className="text-[0.88rem]" title={formatDateTime(file.createdAt)}>
                    {formatRelative(file.createdAt)}
                  </Td>
                  <Td className="text-[0.88rem]">{formatBytes(file.bytes)}</Td>
                  <Td className="flex justify-end gap-2">
                    <a
                      className="inline-flex items-center gap-1.5 rounded-md border border-border px-2.5 py-1 text-[0.85rem] hover:bg-surface-2"
                      href={fillPath(endpoints.downloadBackup.path, { name: file.name })}
                      download={file.name}
                      aria-label={`Download ${file.name}`}
                    >
                      <Download aria-hidden size={14} />
                      Download
                    </a>
                    <Button
                      size="sm"
                      onClick={() => setDeleting(file.name)}
                      aria-label={`Delete ${file.name}`}
                    >
                      <Trash2 aria-hidden size={14} />
                    </Button>
                  </Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        ) : null}
      </Card>
      {deleting ? (
        <ConfirmDialog
          title="Delete this backup?"
          description={`${deleting} is removed from the server for good.`}
          confirmLabel="Delete backup"
          pending={remove.isPending}
          error={remove.isError ? describeError(remove.error) : null}
          onConfirm={() => remove.mutate(deleting, { onSuccess: () => setDeleting(null) })}
          onClose={() => {
            remove.reset();
            setDeleting(null);
          }}
        />
      ) : null}
    </div>
  );
}
