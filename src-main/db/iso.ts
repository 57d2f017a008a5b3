/** Timestamps cross the boundary as ISO strings in UTC, whatever form the driver returned them in. */
export const toIsoTimestamp = (value: Date | string | number): string => new Date(value).toISOString()
