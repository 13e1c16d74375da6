import { availableParallelism, cpus, loadavg, platform, release, totalmem } from 'node:os';

/** Facts about the run that a reader needs to compare two result files. */
export interface Environment {
  readonly date: string;
  readonly node: string;
  readonly v8: string;
  readonly platform: string;
  readonly arch: string;
  readonly cpuModel: string;
  readonly cores: number;
  readonly totalMemoryMiB: number;
  readonly execArgv: readonly string[];
  /** 1, 5 and 15 minute load averages when the suite finished: how shared the machine was. */
  readonly loadAverage: readonly number[];
}

export function describeEnvironment(now: Date = new Date()): Environment {
  return {
    date: now.toISOString(),
    node: process.version,
    v8: process.versions.v8,
    platform: `${platform()} ${release()}`,
    arch: process.arch,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    totalMemoryMiB: Math.round(totalmem() / 2 ** 20),
    execArgv: process.execArgv,
    loadAverage: loadavg(),
  };
}
