/** CPU time (user + system) of a `process.cpuUsage()` reading, in milliseconds. */
export function cpuMilliseconds(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}
