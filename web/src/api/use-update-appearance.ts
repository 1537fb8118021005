import {
  defaultAppearance,
  defaultContainersPreferences,
  endpoints,
  type Appearance,
  type Preferences,
} from '@archnest/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { toast } from 'sonner';
import { describeError } from './api-error';
import { callApi } from './call-api';
import { queryKeys } from './query-keys';

export type SaveState = 'idle' | 'saving' | 'saved' | 'error';

// Sliders and the colour picker fire on every step; batching them keeps one PATCH per gesture.
const BATCH_MS = 350;

/**
 * Optimistic appearance changes: the cache (and so the page) updates at once, the server gets the
 * merged patch shortly after, and a failure restores the server's copy with a toast.
 */
export function useUpdateAppearance() {
  const queryClient = useQueryClient();
  const pending = useRef<Partial<Appearance>>({});
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef(0);
  const [saveState, setSaveState] = useState<SaveState>('idle');

  const flush = useCallback(async () => {
    timer.current = null;
    const patch = pending.current;
    pending.current = {};
    if (Object.keys(patch).length === 0) return;
    inFlight.current += 1;
    try {
      const saved = await callApi(endpoints.updatePreferences, { body: { appearance: patch } });
      inFlight.current -= 1;
      // A newer change is still on its way; writing this answer would briefly undo it on screen.
      if (inFlight.current === 0 && timer.current === null) {
        queryClient.setQueryData(queryKeys.preferences, saved);
        setSaveState('saved');
      }
    } catch (error) {
      inFlight.current -= 1;
      setSaveState('error');
      toast.error(`Could not save appearance: ${describeError(error)}`);
      await queryClient.invalidateQueries({ queryKey: queryKeys.preferences });
    }
  }, [queryClient]);

  const update = useCallback(
    (patch: Partial<Appearance>, options: { batch?: boolean } = {}) => {
      queryClient.setQueryData<Preferences>(queryKeys.preferences, (old) => ({
        containers: old?.containers ?? defaultContainersPreferences,
        appearance: { ...(old?.appearance ?? defaultAppearance), ...patch },
      }));
      pending.current = { ...pending.current, ...patch };
      setSaveState('saving');
      if (timer.current) clearTimeout(timer.current);
      if (options.batch) {
        timer.current = setTimeout(() => void flush(), BATCH_MS);
      } else {
        void flush();
      }
    },
    [queryClient, flush],
  );

  // Leaving the page mid-gesture should still save the last value.
  useEffect(
    () => () => {
      if (timer.current) {
        clearTimeout(timer.current);
        void flush();
      }
    },
    [flush],
  );

  return { update, saveState };
}
