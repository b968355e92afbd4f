import type { Accessor } from '@deck.gl/core';

/** Calls a deck.gl accessor prop on one object, as deck does for the object at index 0. */
export function evaluateAccessor<In, Out>(
  accessor: Accessor<In, Out> | undefined,
  object: In,
): Out {
  if (typeof accessor !== 'function')
    throw new Error(`expected an accessor function, got ${String(accessor)}`);
  const fn = accessor as (
    object: In,
    context: { index: number; data: In[]; target: number[] },
  ) => Out;
  return fn(object, { index: 0, data: [object], target: [] });
}
