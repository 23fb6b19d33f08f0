import { SingleBar } from 'cli-progress';

/**
 * Progress for long steps on stderr: a bar on a terminal, a line every 10% otherwise
 * (so CI logs and pipes stay readable).
 */
export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

export function createProgress(label: string, unit = ''): Progress {
  if (process.stderr.isTTY) {
    const bar = new SingleBar({
      format: `${label.padEnd(24)} [{bar}] {percentage}% {value}/{total}${unit ? ' ' + unit : ''} eta {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: false,
    });
    let started = false;
    return {
      update(done, total) {
        if (!started) {
          bar.start(total, 0);
          started = true;
        }
        bar.setTotal(total);
        bar.update(done);
      },
      stop() {
        if (started) bar.stop();
      },
    };
  }
  let lastDecile = -1;
  return {
    update(done, total) {
      const decile = total > 0 ? Math.floor((done / total) * 10) : 10;
      if (decile > lastDecile) {
        lastDecile = decile;
        process.stderr.write(`${label}: ${decile * 10}%\n`);
      }
    },
    stop() {},
  };
}
