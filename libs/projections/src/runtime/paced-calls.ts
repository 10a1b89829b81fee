/**
 * Calls `call` at most once per `intervalMs`: a request after a quiet spell calls it at once; those
 * that come sooner are folded into one call when the interval has passed. None is lost: a request
 * always has a call at or after it.
 */
export class PacedCalls {
  private last = -Infinity;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly call: () => void,
    private readonly intervalMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  request(): void {
    if (this.timer) return;
    const wait = this.last + this.intervalMs - this.now();
    if (wait <= 0) return this.fire();
    this.timer = setTimeout(() => this.fire(), wait);
    this.timer.unref();
  }

  /** Drops the call a request is waiting for. */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private fire(): void {
    this.timer = undefined;
    this.last = this.now();
    this.call();
  }
}
