/** Keras 2's `K.epsilon()`: the fuzz factor losses clip with. */
export const EPSILON = 1e-7;
