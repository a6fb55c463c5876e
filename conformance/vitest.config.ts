import { defineConfig } from 'vitest/config';

// vitest 5's reporter calls Map.groupBy when it prints failed tests; Node 20 lacks it (Node 21+
// has it), and the reporter then crashes instead of printing which case failed and why.
const MapWithGroupBy = Map as unknown as { groupBy?: unknown };
if (typeof MapWithGroupBy.groupBy !== 'function') {
  MapWithGroupBy.groupBy = <K, T>(items: Iterable<T>, key: (item: T, index: number) => K): Map<K, T[]> => {
    const groups = new Map<K, T[]>();
    let index = 0;
    for (const item of items) {
      const k = key(item, index++);
      const group = groups.get(k);
      if (group) group.push(item);
      else groups.set(k, [item]);
    }
    return groups;
  };
}

export default defineConfig({
  test: {
    testTimeout: 30_000,
  },
});
