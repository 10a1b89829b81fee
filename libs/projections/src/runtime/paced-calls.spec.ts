import { PacedCalls } from './paced-calls';

describe('PacedCalls', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const paced = (intervalMs: number) => {
    const calls: number[] = [];
    const pacer = new PacedCalls(() => calls.push(Date.now()), intervalMs, () => Date.now());
    return { pacer, calls };
  };

  it('calls at once on a request after a quiet spell', () => {
    const { pacer, calls } = paced(20);
    const start = Date.now();
    pacer.request();
    expect(calls).toEqual([start]);
    jest.advanceTimersByTime(25);
    pacer.request();
    expect(calls).toEqual([start, start + 25]);
  });

  it('folds the requests that come within the interval into one call when it has passed', () => {
    const { pacer, calls } = paced(20);
    const start = Date.now();
    pacer.request();
    for (let i = 0; i < 10; i++) {
      jest.advanceTimersByTime(1);
      pacer.request();
    }
    jest.advanceTimersByTime(9);
    expect(calls).toEqual([start]);
    jest.advanceTimersByTime(1);
    expect(calls).toEqual([start, start + 20]);
    jest.advanceTimersByTime(100);
    expect(calls).toHaveLength(2);
  });

  it('under a steady stream of requests, calls once per interval and never leaves the last request without a call', () => {
    const { pacer, calls } = paced(20);
    for (let t = 0; t < 100; t += 2) {
      pacer.request();
      jest.advanceTimersByTime(2);
    }
    jest.advanceTimersByTime(20);
    expect(calls.map((at, i) => (i === 0 ? 0 : at - calls[i - 1]))).toEqual([0, 20, 20, 20, 20, 20]);
  });

  it('drops the waiting call when cancelled', () => {
    const { pacer, calls } = paced(20);
    pacer.request();
    pacer.request();
    pacer.cancel();
    jest.advanceTimersByTime(100);
    expect(calls).toHaveLength(1);
  });
});
