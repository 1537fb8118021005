import { endpoints, type BackupScheduleInput, type BackupFile } from '@archnest/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { describeError } from '../../api/api-error';
import { callApi } from '../../api/call-api';
import { formatBytes } from '../../lib/format-bytes';

const scheduleKey = ['admin', 'backups', 'schedule'] as const;
const filesKey = ['admin', 'backups', 'files'] as const;

export function useBackupSchedule() {
  return useQuery({
    queryKey: scheduleKey,
    queryFn: ({ signal }) => callApi(endpoints.getBackupSchedule, undefined, { signal }),
    // A run may finish (or fail) while the page is open: its outcome shows without a reload.
    refetchInterval: 15_000,
  });
}

export function useBackupFiles() {
  return useQuery({
    queryKey: filesKey,
    queryFn: ({ signal }) => callApi(endpoints.listBackups, undefined, { signal }),
    refetchInterval: 15_000,
  });
}

/** Errors are shown inline by the form. */
export function useSaveBackupSchedule() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BackupScheduleInput) => callApi(endpoints.updateBackupSchedule, { body }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(scheduleKey, saved);
      await queryClient.invalidateQueries({ queryKey: filesKey });
      toast.success('Backup schedule saved');
    },
  });
}

export function useBackUpNow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => callApi(endpoints.createBackupNow),
    onSuccess: (file: BackupFile) =>
      toast.success(`Backup ${file.name} written (${formatBytes(file.bytes)})`),
    onError: (error) => toast.error(describeError(error)),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: ['admin', 'backups'] });
    },
  });
}

export function useDeleteBackup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => callApi(endpoints.deleteBackup, { params: { name } }),
    onSuccess: async (_void, name) => {
      toast.success(`Deleted ${name}`);
      await queryClient.invalidateQueries({ queryKey: filesKey });
    },
  });
}
