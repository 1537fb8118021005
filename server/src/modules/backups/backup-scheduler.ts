import type { BackupsService } from './backups.service';
import { schedulerActor } from './backups.service';

export interface SchedulerLog {
  warn(detail: object, message: string): void;
}

/**
 * Looks every `checkMs` whether the schedule is due (by the service's clock, so a test moves time
 * instead of waiting) and runs it. A run already under way (a "Back up now", another replica) makes
 * the tick a no-op; a failure is recorded and audited by the service and logged here.
 */
export class BackupScheduler {
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;

  constructor(
    private readonly backups: BackupsService,
    private readonly log: SchedulerLog,
    private readonly checkMs = 60_000,
  ) {}

  /** One check; resolves when any run it started has finished. Overlapping calls share one check. */
  tick(): Promise<void> {
    this.ticking ??= this.check().finally(() => {
      this.ticking = undefined;
    });
    return this.ticking;
  }

  private async check(): Promise<void> {
    try {
      if (!(await this.backups.isDue())) return;
      await this.backups.run(schedulerActor);
    } catch (err) {
      this.log.warn({ err }, 'scheduled backup did not run');
    }
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.checkMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.ticking;
  }
}
