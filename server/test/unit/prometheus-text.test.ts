import { describe, expect, it } from 'vitest';
import { parsePrometheusText } from '../../src/integrations/uptime-kuma/prometheus-text';

describe('Prometheus text parser', () => {
  it('reads names, labels with escapes, values and timestamps; skips comments and junk', () => {
    const text = [
      '# HELP monitor_status Monitor Status (1 = UP, 0= DOWN, 2= PENDING, 3= MAINTENANCE)',
      '# TYPE monitor_status gauge',
      'monitor_status{monitor_name="Say \\"hi\\", ok",monitor_url="a\\\\b",x="line\\nbreak"} 1',
      'monitor_response_time{monitor_name="{braces} and = signs"} 42.5 1700000000000',
      'up 1',
      'broken{monitor_name="unterminated} 1',
      'nan_value NaN',
      'bad_value{a="b"} twelve',
      '',
    ].join('\n');
    expect(parsePrometheusText(text)).toEqual([
      {
        name: 'monitor_status',
        labels: { monitor_name: 'Say "hi", ok', monitor_url: 'a\\b', x: 'line\nbreak' },
        value: 1,
      },
      { name: 'monitor_response_time', labels: { monitor_name: '{braces} and = signs' }, value: 42.5 },
      { name: 'up', labels: {}, value: 1 },
      { name: 'nan_value', labels: {}, value: NaN },
    ]);
  });

  it('keeps only the requested metric names', () => {
    const text = 'a{x="1"} 1\nb{x="2"} 2\n';
    expect(parsePrometheusText(text, new Set(['b']))).toEqual([{ name: 'b', labels: { x: '2' }, value: 2 }]);
  });
});
