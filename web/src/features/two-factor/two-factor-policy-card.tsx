import { endpoints, TwoFactorRequirement } from '@archnest/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { RotateCcw } from 'lucide-react';
import { useState } from 'react';
import { toast } from 'sonner';
import { describeError } from '../../api/api-error';
import { callApi } from '../../api/call-api';
import { queryKeys } from '../../api/query-keys';
import { Button } from '../../components/ui/button';
import { Card, CardBody, CardHeader } from '../../components/ui/card';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { SelectField } from '../../components/ui/select-field';
import { QueryStates } from '../../components/ui/states';

const requirementLabels: Record<TwoFactorRequirement, string> = {
  off: 'Optional for everyone',
  admins: 'Required for admins',
  everyone: 'Required for everyone',
};

/** Admins: who must use two-factor, and resetting it for someone who lost their device. */
export function TwoFactorPolicyCard() {
  const queryClient = useQueryClient();
  const [resetting, setResetting] = useState<{ id: string; username: string } | null>(null);
  const policy = useQuery({
    queryKey: queryKeys.twoFactorPolicy,
    queryFn: ({ signal }) => callApi(endpoints.adminTwoFactorPolicy, undefined, { signal }),
  });
  const users = useQuery({
    queryKey: queryKeys.users,
    queryFn: ({ signal }) => callApi(endpoints.listUsers, undefined, { signal }),
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.twoFactorPolicy });
    void queryClient.invalidateQueries({ queryKey: queryKeys.twoFactor });
    void queryClient.invalidateQueries({ queryKey: queryKeys.authStatus });
  };
  const update = useMutation({
    mutationFn: (requirement: TwoFactorRequirement) =>
      callApi(endpoints.adminUpdateTwoFactorPolicy, { body: { requirement } }),
    onSuccess: (data) => {
      toast.success(`Two-factor: ${requirementLabels[data.requirement].toLowerCase()}`);
      refresh();
    },
    onError: (error) => toast.error(`Could not save: ${describeError(error)}`),
  });
  const reset = useMutation({
    mutationFn: (id: string) => callApi(endpoints.adminResetTwoFactor, { params: { id } }),
    onSuccess: () => {
      toast.success(`Two-factor reset for ${resetting?.username ?? 'the user'}`);
      setResetting(null);
      refresh();
    },
  });

  const enrolled = (users.data ?? []).filter((u) => policy.data?.enrolledUserIds.includes(u.id));

  return (
    <Card>
      <CardHeader
        title="Two-factor policy"
        description="Users who must have it and do not are asked to set it up right after signing in."
      />
      <QueryStates query={policy} loadingLabel="Loading two-factor policy" />
      {policy.isSuccess ? (
        <CardBody className="flex flex-col gap-4">
          <SelectField
            label="Two-factor sign-in"
            value={policy.data.requirement}
            disabled={update.isPending}
            onChange={(e) => update.mutate(TwoFactorRequirement.parse(e.target.value))}
            className="max-w-xs"
          >
            {TwoFactorRequirement.options.map((value) => (
              <option key={value} value={value}>
                {requirementLabels[value]}
              </option>
            ))}
          </SelectField>
          <div>
            <h3 className="mb-2 text-[0.9rem] font-medium">Users with two-factor on</h3>
            {enrolled.length === 0 ? (
              <p className="text-[0.9rem] text-muted">Nobody has turned it on yet.</p>
            ) : (
              <ul aria-label="Users with two-factor on" className="flex flex-col gap-1.5">
                {enrolled.map((u) => (
                  <li key={u.id} className="flex items-center justify-between gap-3">
                    <span className="font-medium">{u.username}</span>
                    <Button
                      size="sm"
                      onClick={() => setResetting(u)}
                      aria-label={`Reset two-factor for ${u.username}`}
                    >
                      <RotateCcw aria-hidden size={14} />
                      Reset
                    </Button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </CardBody>
      ) : null}
      {resetting ? (
        <ConfirmDialog
          title={`Reset two-factor for ${resetting.username}?`}
          description="Their authenticator and recovery codes stop working; they sign in with the password alone until they set it up again."
          confirmLabel="Reset two-factor"
          pending={reset.isPending}
          error={reset.isError ? describeError(reset.error) : null}
          onConfirm={() => reset.mutate(resetting.id)}
          onClose={() => {
            setResetting(null);
            reset.reset();
          }}
        />
      ) : null}
    </Card>
  );
}
