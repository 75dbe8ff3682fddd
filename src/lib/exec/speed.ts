/**
 * How long a live run will take, from the engine's MACs and the speed the last run on the same backend
 * reached (MACs per second of wall time, kept per backend in the browser's storage). A run that
 * would take long is announced before it starts ("about 12 s on wasm"). Pure apart from the storage,
 * which is passed in, so the arithmetic is tested in Node.
 */
import type { BackendName } from './estimate';

export interface SpeedRecord {
  /** MACs of the run the speed was measured on, and its wall time. */
  macs: number;
  seconds: number;
}

export interface SpeedBook {
  speeds: Partial<Record<BackendName, SpeedRecord>>;
  /** The backend the last "auto" run ended up on, to estimate the next auto run before it loads. */
  auto?: BackendName;
}

/** Runs estimated to take at least this long are announced before they start. */
export const LONG_RUN_S = 2;
const KEY = 'archscope.live-speed';
const BACKENDS: BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** Seconds for `macs` at the speed of `record`: the same MACs per second. */
export function estimateSeconds(macs: number, record: SpeedRecord): number {
  return (macs * record.seconds) / record.macs;
}

/** "about 12 s", "about 1.5 s", "about 2 min 5 s": two significant figures are all it is worth. */
export function formatDuration(seconds: number): string {
  if (seconds < 10) return `about ${Math.max(0.1, Number(seconds.toPrecision(2)))} s`;
  if (seconds < 60) return `about ${Math.round(seconds)} s`;
  const s = Math.round(seconds);
  const min = Math.floor(s / 60);
  const rest = s % 60;
  return rest ? `about ${min} min ${rest} s` : `about ${min} min`;
}

/** MACs per second of a record, in the user's units ("1.2 GMAC/s"). */
export function formatSpeed(record: SpeedRecord): string {
  const v = record.macs / record.seconds;
  const two = (x: number) => Number(x.toPrecision(2)); // 371.4 -> 370, not "3.7e+2"
  return v >= 1e9 ? `${two(v / 1e9)} GMAC/s` : `${two(v / 1e6)} MMAC/s`;
}

const usable = (r: unknown): r is SpeedRecord => {
  const x = r as SpeedRecord | null;
  return !!x && Number.isFinite(x.macs) && Number.isFinite(x.seconds) && x.macs > 0 && x.seconds > 0;
};

/** The stored book; anything unreadable (private mode, a hand-edited value) reads as empty. */
export function readSpeeds(storage: Pick<Storage, 'getItem'> | null): SpeedBook {
  try {
    const raw = JSON.parse(storage?.getItem(KEY) ?? '{}') as Partial<SpeedBook>;
    const speeds: SpeedBook['speeds'] = {};
    for (const b of BACKENDS) if (usable(raw.speeds?.[b])) speeds[b] = raw.speeds![b];
    const auto = BACKENDS.includes(raw.auto as BackendName) ? raw.auto : undefined;
    return { speeds, ...(auto ? { auto } : {}) };
  } catch {
    return { speeds: {} };
  }
}

/** Records a finished run; a run of no MACs or no time measures nothing and is not kept. */
export function recordRun(
  book: SpeedBook,
  backend: BackendName,
  run: SpeedRecord,
  viaAuto: boolean
): SpeedBook {
  if (!usable(run)) return book;
  return { speeds: { ...book.speeds, [backend]: run }, auto: viaAuto ? backend : book.auto };
}

export function writeSpeeds(storage: Pick<Storage, 'setItem'> | null, book: SpeedBook): void {
  try {
    storage?.setItem(KEY, JSON.stringify(book));
  } catch {
    // storage full or disabled: the next run simply has no estimate
  }
}

export interface RunForecast {
  backend: BackendName;
  seconds: number;
  /** "about 12 s on wasm". */
  text: string;
  /** Where the speed came from: "the last wasm run went at 1.2 GMAC/s". */
  basis: string;
}

/**
 * The forecast for a run of `macs` with this preference, or null when no speed is known for the
 * backend it would use or the run is short. `preference` 'auto' uses the backend the last auto run got.
 */
export function forecast(
  book: SpeedBook,
  preference: BackendName | 'auto',
  macs: number,
  minSeconds = LONG_RUN_S
): RunForecast | null {
  const backend = preference === 'auto' ? book.auto : preference;
  const record = backend ? book.speeds[backend] : undefined;
  if (!backend || !record || !(macs > 0)) return null;
  const seconds = estimateSeconds(macs, record);
  if (seconds < minSeconds) return null;
  return {
    backend,
    seconds,
    text: `${formatDuration(seconds)} on ${backend}`,
    basis: `the last ${backend} run went at ${formatSpeed(record)}`
  };
}
