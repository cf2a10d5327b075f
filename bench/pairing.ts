/**
 * `npm run bench -- --only pairing`: how long the pairing suggestion (src/domain/pairing.ts) takes
 * for a whole team at once. It used to be a timed assertion in test/domain/pairing.test.ts; timing
 * belongs here (house rule: no test asserts on elapsed real time). Prints one JSON line per team
 * size: the median and the slowest of several runs, and the target for 41 teachers (500 ms).
 */
import { suggestPairs, type PairingTeacher } from '../src/domain/pairing';

const TEAM_SIZES = [41, 81, 161] as const;
const RUNS = 7;
const TARGET_MS_41 = 500;

function team(size: number): { teachers: PairingTeacher[]; previousPairs: string[][] } {
  const teachers = Array.from({ length: size }, (_, i) => ({
    userId: `u${i}`,
    name: `Teacher ${i}`,
    subjects: [`s${i % 9}`],
    yearsOfExperience: (i * 13) % 35,
    wouldLikeToLearnFrom: [`u${(i * 7) % size}`],
  }));
  const previousPairs = Array.from({ length: Math.floor(size / 2) }, (_, i) => [`u${2 * i}`, `u${2 * i + 1}`]);
  return { teachers, previousPairs };
}

export function runPairingBench(): Record<string, unknown>[] {
  return TEAM_SIZES.map((size) => {
    const input = team(size);
    const times: number[] = [];
    let groups = 0;
    for (let run = 0; run < RUNS; run++) {
      const started = process.hrtime.bigint();
      groups = suggestPairs(input).length;
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    times.sort((a, b) => a - b);
    const medianMs = Number(times[Math.floor(times.length / 2)]!.toFixed(2));
    const maxMs = Number(times[times.length - 1]!.toFixed(2));
    return {
      bench: 'pairing',
      teachers: size,
      groups,
      runs: RUNS,
      medianMs,
      maxMs,
      ...(size === 41 ? { targetMs: TARGET_MS_41, met: maxMs <= TARGET_MS_41 } : {}),
    };
  });
}
