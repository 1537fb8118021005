import { accentPresets, type Appearance } from '@archnest/contract';
import { Check, Monitor, Moon, Sun, type LucideIcon } from 'lucide-react';
import { useId } from 'react';
import { cn } from '../../lib/cn';

const themes: { value: Appearance['theme']; label: string; icon: LucideIcon }[] = [
  { value: 'light', label: 'Light', icon: Sun },
  { value: 'dark', label: 'Dark', icon: Moon },
  { value: 'system', label: 'System', icon: Monitor },
];

const presetNames: Record<string, string> = {
  '#3b82f6': 'Blue',
  '#8b5cf6': 'Violet',
  '#10b981': 'Emerald',
  '#f59e0b': 'Amber',
  '#ef4444': 'Red',
  '#06b6d4': 'Cyan',
};

export function ThemePicker({
  value,
  onChange,
}: {
  value: Appearance['theme'];
  onChange: (v: Appearance['theme']) => void;
}) {
  return (
    <fieldset>
      <legend className="mb-2 font-medium">Theme</legend>
      <div className="grid max-w-md grid-cols-3 gap-2">
        {themes.map(({ value: theme, label, icon: Icon }) => (
          <label
            key={theme}
            className={cn(
              'flex cursor-pointer flex-col items-center gap-1.5 rounded-ui border px-3 py-3 transition',
              'has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-accent',
              value === theme ? 'border-accent bg-accent/10 text-accent' : 'border-border hover:bg-surface-2',
            )}
          >
            <input
              type="radio"
              name="theme"
              value={theme}
              checked={value === theme}
              onChange={() => onChange(theme)}
              className="sr-only"
            />
            <Icon aria-hidden size={20} />
            <span className="text-[0.9rem] font-medium">{label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function AccentPicker({
  value,
  onChange,
}: {
  value: string;
  onChange: (v: string, batch: boolean) => void;
}) {
  const colorId = useId();
  const isPreset = (accentPresets as readonly string[]).includes(value.toLowerCase());
  return (
    <fieldset>
      <legend className="mb-2 font-medium">Accent colour</legend>
      <div className="flex flex-wrap items-center gap-2.5">
        {accentPresets.map((preset) => {
          const selected = value.toLowerCase() === preset;
          return (
            <label key={preset} className="relative cursor-pointer" title={presetNames[preset] ?? preset}>
              <input
                type="radio"
                name="accent"
                value={preset}
                checked={selected}
                onChange={() => onChange(preset, false)}
                aria-label={`${presetNames[preset] ?? preset} accent`}
                className="peer sr-only"
              />
              <span
                aria-hidden
                style={{ backgroundColor: preset }}
                className={cn(
                  'flex h-8 w-8 items-center justify-center rounded-full ring-offset-2 ring-offset-surface transition peer-focus-visible:ring-2 peer-focus-visible:ring-fg',
                  selected ? 'ring-2 ring-fg' : 'hover:scale-110',
                )}
              >
                {selected ? <Check size={16} color="#fff" strokeWidth={3} /> : null}
              </span>
            </label>
          );
        })}
        <span className="mx-1 h-6 w-px bg-border" aria-hidden />
        <label htmlFor={colorId} className="text-[0.9rem] text-muted">
          Custom colour
        </label>
        <input
          id={colorId}
          type="color"
          value={value}
          onChange={(e) => onChange(e.target.value, true)}
          className={cn(
            'h-8 w-11 cursor-pointer rounded-ui-sm border bg-surface p-0.5',
            isPreset ? 'border-border' : 'border-fg',
          )}
        />
        <code className="text-[0.85rem] text-muted">{value}</code>
      </div>
    </fieldset>
  );
}

interface RangeFieldProps {
  label: string;
  min: number;
  max: number;
  value: number;
  unit: string;
  onChange: (v: number) => void;
}

export function RangeField({ label, min, max, value, unit, onChange }: RangeFieldProps) {
  const id = useId();
  return (
    <div className="flex max-w-md flex-col gap-1.5">
      <div className="flex items-center justify-between">
        <label htmlFor={id} className="font-medium">
          {label}
        </label>
        <output htmlFor={id} className="text-[0.9rem] text-muted tabular-nums">
          {value} {unit}
        </output>
      </div>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={1}
        value={value}
        onChange={(e) => onChange(Number(e.target.value))}
        className="w-full accent-[var(--accent)]"
      />
      <div className="flex justify-between text-[0.78rem] text-muted">
        <span>
          {min} {unit}
        </span>
        <span>
          {max} {unit}
        </span>
      </div>
    </div>
  );
}
