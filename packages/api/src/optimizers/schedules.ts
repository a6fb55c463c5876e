/** What every schedule's options spec adds: tf.keras's `name`, which names nothing here. */
export const SCHEDULE_EXTRA = { ignored: { name: { why: 'a schedule has no name in layerwise' } } } as const;

/** A learning rate that depends on the step (tf.keras's LearningRateSchedule). */
export abstract class LearningRateSchedule {
  abstract readonly className: string;
  abstract at(step: number): number;
  abstract getConfig(): Record<string, unknown>;
  toJSON(): { className: string; config: Record<string, unknown> } {
    return { className: this.className, config: this.getConfig() };
  }
}
