import cluster from 'node:cluster';
import type { Logger } from './logger.ts';

/**
 * With more than one worker, this process becomes the primary of a node:cluster: it forks `workers`
 * runtime processes that share the port (the primary hands connections out) and opens no store itself.
 * SIGTERM or SIGINT is passed to every worker, each drains its requests and closes its stores, and the
 * primary exits once all have. A worker that dies otherwise is replaced. Answers true in the primary
 * (the caller runs nothing else), false in a worker or with one worker (the caller runs the server).
 */
export function becomePrimary(workers: number, logger: Logger): boolean {
  if (workers <= 1 || !cluster.isPrimary) return false;
  let stopping = false;
  const fork = () => cluster.fork();
  for (let i = 0; i < workers; i++) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        logger.info('all workers stopped');
        process.exit(0);
      }
      return;
    }
    logger.error('a worker died; starting another', { pid: worker.process.pid, code, signal });
    fork();
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping the workers: each finishes its requests in flight', { signal, workers });
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  logger.info(`starting ${workers} workers`, { workers });
  return true;
}
