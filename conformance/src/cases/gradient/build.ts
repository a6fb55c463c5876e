import type { Primitive, PrimitiveAttrs } from '../../primitive.js';
import type { ToleranceName } from '../../tolerance.js';
import { hashString, type InputMaker } from '../build.js';
import type { GradientCase } from '../case.js';

/** Builds a gradient case; random inputs are seeded from the name, like kernel cases. */
export function gradientCase<P extends Primitive>(
  name: string, primitive: P, attrs: PrimitiveAttrs[P], inputs: readonly InputMaker[], wrt: readonly number[],
  tolerance: ToleranceName = 'permissive', extra: Pick<GradientCase, 'cotangent' | 'expected'> = {},
): GradientCase {
  const seed = hashString(`gradient/${name}`);
  return {
    kind: 'gradient',
    name: `gradient/${name}`,
    primitive,
    attrs,
    inputs: inputs.map((input, i) => (typeof input === 'function' ? input((seed + i * 0x9e3779b9) >>> 0) : input)),
    wrt,
    tolerance,
    ...extra,
  } as GradientCase;
}
