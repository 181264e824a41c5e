/**
 * lru-cache options that bound a cache to `entries` items without `max`: with `max` set, lru-cache
 * allocates its bookkeeping arrays for that many entries up front (a few MB for 100k keys, held
 * from start-up); a `maxSize` of one unit per entry grows them only as entries arrive.
 */
export function countBound (entries: number) {
  return { maxSize: entries, sizeCalculation: () => 1 }
}
