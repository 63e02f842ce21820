/** A one-line progress bar on stderr (TTY only): files, MB, files/s, ETA. */
export class Progress {
  private files = 0;
  private bytes = 0;
  private total?: number;
  private last = 0;
  private readonly started = Date.now();
  private shown = false;

  constructor(private readonly out: NodeJS.WritableStream, readonly enabled: boolean, private readonly now: () => number = Date.now) {}

  /** Total number of files, once known (counted in the background). */
  setTotal(n: number): void {
    this.total = n;
  }

  tick(bytes: number): void {
    this.files++;
    this.bytes += bytes;
    if (!this.enabled) return;
    const t = this.now();
    if (t - this.last < 100) return;
    this.last = t;
    this.draw(t);
  }

  line(t: number = this.now()): string {
    const secs = Math.max((t - this.started) / 1000, 1e-3);
    const rate = this.files / secs;
    const mb = (this.bytes / 1e6).toFixed(1);
    let head = `${this.files} files`;
    let eta = "";
    if (this.total !== undefined && this.total > 0) {
      const frac = Math.min(this.files / this.total, 1);
      const width = 20;
      const full = Math.round(frac * width);
      head = `[${"#".repeat(full)}${"-".repeat(width - full)}] ${this.files}/${this.total} files`;
      if (rate > 0) eta = `, ETA ${fmtTime((this.total - this.files) / rate)}`;
    }
    return `${head}, ${mb} MB, ${rate.toFixed(0)} files/s${eta}`;
  }

  private draw(t: number): void {
    this.shown = true;
    this.out.write(`\r\x1b[2K${this.line(t)}`);
  }

  /** Erase the bar (before the summary is printed). */
  done(): void {
    if (this.enabled && this.shown) this.out.write("\r\x1b[2K");
  }
}

export function fmtTime(s: number): string {
  if (!isFinite(s)) return "?";
  s = Math.round(s);
  const m = Math.floor(s / 60);
  const h = Math.floor(m / 60);
  return h > 0 ? `${h}h${String(m % 60).padStart(2, "0")}m` : m > 0 ? `${m}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}
