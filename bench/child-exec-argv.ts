/**
 * Node options for a bench child process forked from a TypeScript file: tsx's loader when this
 * process did not get it through its own options (npx tsx passes it on; mocha loads tsx itself).
 */
export function childExecArgv(): string[] {
  const own = process.execArgv;
  const hasTsx = own.some((arg) => arg.includes('tsx'));
  return __filename.endsWith('.ts') && !hasTsx ? [...own, '--import', 'tsx'] : own;
}
