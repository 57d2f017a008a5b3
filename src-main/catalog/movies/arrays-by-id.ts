/** An array indexed by movie id (a bitmap, the facet index's columns), as main keeps them. */
type ArrayById = Uint8Array | Int32Array

/** A copy of `array` `length` long: its values, then zeros (or as many of its values as fit). */
export function grownTo<A extends ArrayById>(array: A, length: number): A {
  const copy = new (array.constructor as new (length: number) => A)(length)
  copy.set(array.subarray(0, Math.min(length, array.length)))
  return copy
}

/**
 * `array` itself when index `largest` is inside it; else a copy with room past it, an eighth more (at least
 * 1,024), so that each movie added does not copy the whole array again.
 */
export const withRoom = <A extends ArrayById>(array: A, largest: number): A =>
  largest < array.length ? array : grownTo(array, largest + Math.max(1024, array.length >> 3) + 1)
