import pino from 'pino';
import { startTicker } from '../src/platform/ticker';

describe('the notification tick', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs each task every interval, never a second run of a task while one is still going, and keeps going after a failure', async () => {
    let running = 0;
    let most = 0;
    let slowRuns = 0;
    let finish: (() => void) | null = null;
    let failing = 0;
    const stop = startTicker(
      [
        {
          name: 'slow',
          run: () => {
            slowRuns++;
            running++;
            most = Math.max(most, running);
            return new Promise<void>((resolve) => (finish = () => ((running--), resolve())));
          },
        },
        { name: 'failing', run: async () => { failing++; throw new Error('boom'); } },
      ],
      30_000,
      pino({ level: 'silent' }),
    );
    await jest.advanceTimersByTimeAsync(1000); // the first tick comes a second after start
    expect([slowRuns, failing]).toEqual([1, 1]);
    await jest.advanceTimersByTimeAsync(90_000); // three more ticks while the slow run is still going
    expect([slowRuns, failing]).toEqual([1, 4]);
    finish!();
    await jest.advanceTimersByTimeAsync(30_000);
    expect([slowRuns, failing]).toEqual([2, 5]);
    expect(most).toBe(1);
    stop();
    finish!();
    await jest.advanceTimersByTimeAsync(300_000);
    expect([slowRuns, failing]).toEqual([2, 5]);
  });
});
