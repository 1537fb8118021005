// Runs the Uptime Kuma fake in its own process, so its CPU is not counted as the poll's.
import { startUptimeKumaFake } from '@archnest/test-support';

const fake = await startUptimeKumaFake({ extraMonitors: Number(process.argv[2] ?? 0) });
process.stdout.write(`${JSON.stringify({ url: fake.url, slug: fake.slug, apiKey: fake.apiKey })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void fake.stop().then(() => process.exit(0));
});
