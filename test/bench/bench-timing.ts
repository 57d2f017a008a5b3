// How the benchmark times a case: the service call and its floor interleaved call by call (so load on a busy
// machine falls on both alike), after a warm-up, with medians and 95th percentiles over every call.
import { isDeepStrictEqual } from 'node:util'

/** One benchmark case: a call through the dispatcher, and the best hand-written SQL for the same answer. */
export interface BenchCase {
  name: string
  group: string
  /** The call through the dispatcher; `i` varies the input where the case walks over many (positions, ids). */
  service(i: number): Promise<unknown>
  /** Untimed, before each service call: what must have happened first (a change that drops what main keeps). */
  before?: (i: number) => Promise<void>
  /** The same answer by hand-written SQL prepared once, shaped into the same DTO; none where there is no equal. */
  floor?: (i: number) => unknown
  /** What a run may differ in and still be the same answer (new ids and timestamps of a write). */
  comparable?: (value: unknown) => unknown
  /** Milliseconds the p95 must stay under (the median's ratio to the floor is held to 2 apart from it). */
  p95GoalMs: number
  /** Whether the floor ratio is part of the goal (it is for reads). */
  ratioGoal: boolean
  /** Fewer calls for slow cases. */
  iterations?: number
}

export interface CaseResult {
  name: string
  group: string
  iterations: number
  p50Ms: number
  p95Ms: number
  floorP50Ms: number | null
  floorP95Ms: number | null
  ratio: number | null
  p95GoalMs: number
  ratioGoal: boolean
  meetsGoal: boolean
  /** Set when service and floor answered differently: the case's numbers mean nothing then. */
  mismatch: string | null
}

/** The value at quantile `q` of `samples` by nearest rank. */
export function quantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[index] ?? Number.NaN
}

const WARM_UP = 5

/**
 * Runs the case: a warm-up, then `iterations` rounds of service and floor, the order alternating each round,
 * each answer compared with the other's (outside the timed part).
 */
export async function runCase(benchCase: BenchCase, iterations: number): Promise<CaseResult> {
  const { service, floor, before, comparable = (value: unknown) => value } = benchCase
  const rounds = benchCase.iterations ?? iterations
  for (let i = 0; i < WARM_UP; i++) {
    await before?.(i)
    await service(i)
    floor?.(i)
  }
  const serviceMs: number[] = []
  const floorMs: number[] = []
  let mismatch: string | null = null
  for (let i = 0; i < rounds; i++) {
    let served: unknown
    let floored: unknown
    // Untimed, and before either is asked: both answer about the catalogue as it is after it.
    await before?.(i)
    const timeService = async () => {
      const start = performance.now()
      served = await service(i)
      serviceMs.push(performance.now() - start)
    }
    const timeFloor = () => {
      if (!floor) return
      const start = performance.now()
      floored = floor(i)
      floorMs.push(performance.now() - start)
    }
    if (i % 2 === 0) {
      await timeService()
      timeFloor()
    } else {
      timeFloor()
      await timeService()
    }
    if (floor && mismatch === null && !isDeepStrictEqual(comparable(served), comparable(floored))) {
      mismatch = `call ${i}: ${firstDifference(comparable(served), comparable(floored))}`
    }
  }
  const p50Ms = quantile(serviceMs, 0.5)
  const p95Ms = quantile(serviceMs, 0.95)
  const floorP50Ms = floor ? quantile(floorMs, 0.5) : null
  const ratio = floorP50Ms ? p50Ms / floorP50Ms : null
  const meetsGoal =
    mismatch === null && p95Ms < benchCase.p95GoalMs && (!benchCase.ratioGoal || ratio === null || ratio <= 2)
  return {
    name: benchCase.name,
    group: benchCase.group,
    iterations: rounds,
    p50Ms,
    p95Ms,
    floorP50Ms,
    floorP95Ms: floor ? quantile(floorMs, 0.95) : null,
    ratio,
    p95GoalMs: benchCase.p95GoalMs,
    ratioGoal: benchCase.ratioGoal,
    meetsGoal,
    mismatch,
  }
}

/** Where two answers first differ, as a path and the two values there (answers run to thousands of rows). */
function firstDifference(served: unknown, floored: unknown, path = 'answer'): string {
  if (typeof served === 'object' && served && typeof floored === 'object' && floored) {
    const keys = [...new Set([...Object.keys(served), ...Object.keys(floored)])]
    for (const key of keys) {
      const [a, b] = [(served as Record<string, unknown>)[key], (floored as Record<string, unknown>)[key]]
      if (!isDeepStrictEqual(a, b)) return firstDifference(a, b, `${path}.${key}`)
    }
  }
  const shown = (value: unknown) => JSON.stringify(value)?.slice(0, 300)
  return `${path}: service ${shown(served)}, floor ${shown(floored)}`
}
