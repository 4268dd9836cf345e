// Talks to the lint worker: one request per lint, answered by id. A worker that
// crashes (an uncaught error, a trap in the wasm) or hangs is replaced by a new one,
// so the page keeps linting; the request that was in flight is retried once.
import type {
  CriterionInfo,
  Kind,
  KindInfo,
  LintResult,
  ProfileInfo,
  RuleInfo,
  WorkerRequest,
  WorkerResponse,
} from '../pkg/pmlint_wasm.js';

/** What the worker reports once it is listening. */
export interface LinterInfo {
  version: string;
  rules: RuleInfo[];
  profiles: ProfileInfo[];
  kinds: KindInfo[];
  criteria: CriterionInfo[];
}

/** What a text is linted with besides itself. */
export interface LintOptions {
  config: string | null;
  today: string | null;
  /** The kind the author chose; null lets the front matter or the file name tell. */
  kind: Kind | null;
  /** The name of the file the text was opened from, if any. */
  fileName: string | null;
}

/** Posted by the worker's own script when the wasm module fails to start. */
type FatalMessage = { type: 'fatal'; message: string };

interface Pending {
  request: WorkerRequest & { type: 'lint' };
  retried: boolean;
  resolve: (value: { result: LintResult; elapsedMs: number }) => void;
  reject: (error: Error) => void;
}

/** A lint taking longer than this is a hung worker. */
const TIMEOUT_MS = 10_000;

export class LintClient {
  private worker!: Worker;
  private pending = new Map<number, Pending>();
  private nextId = 1;
  private ready!: Promise<LinterInfo>;
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  /** How many times the worker has been restarted. */
  restarts = 0;

  constructor(private readonly onRestart: (reason: string) => void) {
    this.start();
  }

  /** Resolves once the (current) worker is listening. */
  info(): Promise<LinterInfo> {
    return this.ready;
  }

  lint(text: string, options: LintOptions): Promise<{ result: LintResult; elapsedMs: number }> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const pending: Pending = { request: { type: 'lint', id, text, ...options }, retried: false, resolve, reject };
      this.pending.set(id, pending);
      this.send(pending);
    });
  }

  private start(): void {
    const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'pmlint-lint' });
    this.worker = worker;
    this.ready = new Promise((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<WorkerResponse | FatalMessage>) => {
        const message = event.data;
        switch (message.type) {
          case 'ready':
            resolve({
              version: message.version,
              rules: message.rules,
              profiles: message.profiles,
              kinds: message.kinds,
              criteria: message.criteria,
            });
            break;
          case 'fatal':
            reject(new Error(message.message));
            break;
          case 'result':
            this.settle(message.id)?.resolve({ result: message.result, elapsedMs: message.elapsedMs });
            break;
          case 'error':
            this.settle(message.id)?.reject(new Error(message.message));
            break;
        }
      };
    });
    worker.onerror = (event) => {
      event.preventDefault();
      this.restart(`the linter crashed (${event.message || 'uncaught error'})`);
    };
  }

  private send(pending: Pending): void {
    void this.ready.then(
      () => {
        // The request may have been settled or moved to a new worker meanwhile.
        if (this.pending.get(pending.request.id) !== pending) return;
        this.worker.postMessage(pending.request);
        this.armWatchdog();
      },
      (error: Error) => {
        this.pending.delete(pending.request.id);
        pending.reject(error);
      },
    );
  }

  private settle(id: number): Pending | undefined {
    const pending = this.pending.get(id);
    this.pending.delete(id);
    if (this.pending.size === 0) clearTimeout(this.watchdog);
    return pending;
  }

  private armWatchdog(): void {
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => this.restart('the linter stopped answering'), TIMEOUT_MS);
  }

  /** Replaces the worker; in-flight requests go to the new one once, then fail. */
  private restart(reason: string): void {
    clearTimeout(this.watchdog);
    this.worker.terminate();
    this.restarts++;
    this.start();
    this.onRestart(reason);
    for (const pending of [...this.pending.values()]) {
      if (pending.retried) {
        this.pending.delete(pending.request.id);
        pending.reject(new Error(reason));
      } else {
        pending.retried = true;
        this.send(pending);
      }
    }
  }
}
