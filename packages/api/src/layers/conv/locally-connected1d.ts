import { optionKeys } from '@layerwise/data';
import { LOCALLY_CONNECTED_OPTIONS, LocallyConnected, type LocallyConnectedArgs } from './locally-connected.js';
import type { WindowedArgs } from './window-args.js';

/** LocallyConnected1D's arguments; Keras 2.2.4 reads steps-then-channels whatever it is told, so only 'channelsLast' is taken. */
export type LocallyConnected1DArgs = Omit<WindowedArgs<LocallyConnectedArgs, 1, 'valid'>, 'dilationRate' | 'dataFormat'> & {
  /** Only 'channelsLast' (the default): the input is [batch, steps, channels]. */
  dataFormat?: 'channelsLast' | 'channels_last';
};

const OPTIONS = optionKeys<LocallyConnected1DArgs>()([], { base: [LOCALLY_CONNECTED_OPTIONS] });

/**
 * Unshared-weights 1-D convolution on [batch, steps, channels]: kernel
 * [outSteps, kernelSize * channels, filters] (each patch tap by tap, channels fastest),
 * bias [outSteps, filters].
 */
export class LocallyConnected1D extends LocallyConnected {
  readonly className = 'LocallyConnected1D';

  constructor(args: LocallyConnected1DArgs) {
    args = OPTIONS.readFor(args, LocallyConnected1D, new.target);
    super(1, args);
    if (this.dataFormat !== 'channelsLast') {
      throw new Error(`${this.name}: dataFormat must be 'channelsLast' (Keras 2.2.4's LocallyConnected1D ignores any other), got ${JSON.stringify(args.dataFormat)}`);
    }
  }

  protected channelsMajor(): boolean {
    return false;
  }

  override getConfig(): Record<string, unknown> {
    const { dataFormat: _, ...config } = super.getConfig();
    return config;
  }
}
