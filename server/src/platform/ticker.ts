import type { Logger } from './logger';

export interface TickTask {
  name: string;
  run(): Promise<unknown>;
}

/**
 * Runs each task every `intervalMs`, never two runs of one task at once in this process (a slow run
 * makes the next one wait for the following tick). Tasks must be safe to run in every instance at
 * once: the database decides who does what. Returns a stop function.
 */
export function startTicker(tasks: TickTask[], intervalMs: number, logger: Logger): () => void {
  const running = new Set<string>();
  const tick = () => {
    for (const task of tasks) {
      if (running.has(task.name)) continue;
      running.add(task.name);
      task
        .run()
        .catch((err) => logger.error({ err, task: task.name }, 'tick task failed'))
        .finally(() => running.delete(task.name));
    }
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  setTimeout(tick, 1000).unref();
  return () => clearInterval(timer);
}
