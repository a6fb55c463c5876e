/** A learning rate that depends on the step (tf.keras's LearningRateSchedule). */
export abstract class LearningRateSchedule {
  abstract readonly className: string;
  abstract at(step: number): number;
  abstract getConfig(): Record<string, unknown>;
  toJSON(): { className: string; config: Record<string, unknown> } {
    return { className: this.className, config: this.getConfig() };
  }
}
