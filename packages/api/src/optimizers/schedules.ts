/** What every schedule's options spec adds: tf.keras's `name`, which names nothing here. */
export const SCHEDULE_EXTRA = { ignored: { name: { why: 'a schedule has no name in layerwise' } } } as const;

/** A learning rate that depends on the step (tf.keras's LearningRateSchedule). */
export abstract class LearningRateSchedule {
  /** The Keras class name, used when saving. */
  abstract readonly className: string;
  /** The learning rate at optimizer step `step` (counted from 0). */
  abstract at(step: number): number;
  /** Its constructor arguments, for saving. */
  abstract getConfig(): Record<string, unknown>;
  /** The serialised form: class name and config. */
  toJSON(): {
    /** The Keras class name ('ExponentialDecay'). */
    className: string;
    /** Its constructor arguments, as `getConfig` gives them. */
    config: Record<string, unknown>;
  } {
    return { className: this.className, config: this.getConfig() };
  }
}
