/**
 * Waits for a line in a child process's output: checked each time the child writes (no polling,
 * no sleeps); rejects when the child exits first. The timeout is only a safety net against a
 * child that never gets there, never a measure of anything.
 */
import type { ChildProcess } from 'node:child_process';

export function outputMatching(
  child: ChildProcess,
  output: () => string,
  pattern: RegExp,
  timeoutMs: number,
): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const streams = [child.stdout, child.stderr].filter((s) => s !== null);
    const finish = (error?: Error, match?: RegExpExecArray) => {
      clearTimeout(safety);
      for (const stream of streams) stream.off('data', check);
      child.off('exit', exited);
      if (match) resolve(match);
      else reject(error ?? new Error('no match'));
    };
    // Our listener runs after the caller's own 'data' listener, so `output()` already has the chunk.
    const check = () => {
      const match = pattern.exec(output());
      if (match) finish(undefined, match);
    };
    const exited = () => {
      check();
      finish(new Error(`the child exited before printing ${pattern}:\n${output()}`));
    };
    const safety = setTimeout(
      () => finish(new Error(`${pattern} not printed within ${timeoutMs} ms:\n${output()}`)),
      timeoutMs,
    );
    for (const stream of streams) stream.on('data', check);
    child.once('exit', exited);
    check();
    if (child.exitCode !== null) exited();
  });
}
