import { defaultAppearance } from '@archnest/contract';
import { CheckCircle2, Loader2, RotateCcw } from 'lucide-react';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardBody, CardHeader } from '../../components/ui/card';
import { ErrorState, LoadingRows } from '../../components/ui/states';
import { SwitchField } from '../../components/ui/switch';
import { usePreferences } from '../../api/use-preferences';
import { useUpdateAppearance, type SaveState } from '../../api/use-update-appearance';
import { AccentPicker, RangeField, ThemePicker } from './appearance-controls';

function SaveStatus({ state }: { state: SaveState }) {
  return (
    <span role="status" aria-live="polite" className="flex items-center gap-1.5 text-[0.88rem] text-muted">
      {state === 'saving' ? (
        <>
          <Loader2 aria-hidden size={14} className="animate-spin" /> Saving…
        </>
      ) : null}
      {state === 'saved' ? (
        <>
          <CheckCircle2 aria-hidden size={14} className="text-success" /> All changes saved
        </>
      ) : null}
    </span>
  );
}

export function AppearanceTab() {
  const preferences = usePreferences();
  const { update, saveState } = useUpdateAppearance();

  if (preferences.isPending)
    return (
      <Card>
        <LoadingRows rows={6} label="Loading appearance" />
      </Card>
    );
  if (preferences.isError)
    return (
      <Card>
        <ErrorState error={preferences.error} onRetry={() => void preferences.refetch()} />
      </Card>
    );

  const appearance = preferences.data.appearance;
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
      <Card>
        <CardHeader
          title="Appearance"
          description="Saved to your account, so it follows you to every browser."
          actions={<SaveStatus state={saveState} />}
        />
        <CardBody className="flex flex-col gap-7">
          <ThemePicker value={appearance.theme} onChange={(theme) => update({ theme })} />
          <AccentPicker
            value={appearance.accent}
            onChange={(accent, batch) => update({ accent }, { batch })}
          />
          <RangeField
            label="Font size"
            min={12}
            max={20}
            unit="px"
            value={appearance.fontSize}
            onChange={(fontSize) => update({ fontSize }, { batch: true })}
          />
          <RangeField
            label="Corner radius"
            min={0}
            max={16}
            unit="px"
            value={appearance.radius}
            onChange={(radius) => update({ radius }, { batch: true })}
          />
          <div className="flex max-w-md flex-col gap-5">
            <SwitchField
              label="Expanded sidebar"
              description="Show labels next to the navigation icons."
              checked={appearance.sidebarExpanded}
              onCheckedChange={(sidebarExpanded) => update({ sidebarExpanded })}
            />
            <SwitchField
              label="Animations"
              description="Transitions and motion across the app."
              checked={appearance.animations}
              onCheckedChange={(animations) => update({ animations })}
            />
          </div>
          <div>
            <Button size="sm" variant="ghost" onClick={() => update(defaultAppearance)}>
              <RotateCcw aria-hidden size={14} />
              Reset to defaults
            </Button>
          </div>
        </CardBody>
      </Card>
      <Card aria-label="Preview" className="self-start">
        <CardHeader title="Preview" />
        <CardBody className="flex flex-col gap-3">
          <p className="text-[0.9rem] text-muted">How buttons, badges and text look with these settings.</p>
          {/* Look-alikes rather than real buttons: a preview must not offer actions that do nothing. */}
          <div aria-hidden className="flex flex-wrap gap-2">
            <span className="inline-flex h-8 items-center rounded-ui-sm bg-accent px-3 font-medium text-accent-fg">
              Primary
            </span>
            <span className="inline-flex h-8 items-center rounded-ui-sm border border-border px-3 font-medium">
              Secondary
            </span>
          </div>
          <div className="flex flex-wrap gap-2">
            <Badge tone="accent">accent</Badge>
            <Badge tone="success">running</Badge>
            <Badge tone="danger">stopped</Badge>
          </div>
        </CardBody>
      </Card>
    </div>
  );
}
