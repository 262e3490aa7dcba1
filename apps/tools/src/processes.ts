/** Starting an app server as a child process and waiting until its workers listen (tests, bench, dev). */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import readline from 'node:readline';

/** A running server process. */
export interface ServerProcess {
  child: ChildProcess;
  port: number;
  /** Parsed JSON log lines seen so far (non-JSON lines are kept as `{ text }`). */
  logs: Array<Record<string, unknown>>;
  stderr: string[];
  /** Sends `signal` (SIGTERM by default) and resolves with the exit code once the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Options for startServer. */
export interface StartOptions {
  env: Record<string, string>;
  /** How many `listening` lines to wait for (one per worker). */
  workers?: number;
  timeoutMs?: number;
  /** Echo the child's output here as it arrives (npm run dev). */
  echo?: (line: string) => void;
  /** Runs `command` instead of `node <script>` (the script is its last argument), e.g. a socket holder. */
  command?: string[];
}

/** Runs `node <script>` with exactly `env` (plus PATH) and resolves once `workers` workers log `listening`. */
export function startServer(
  script: string,
  { env, workers = 1, timeoutMs = 20_000, echo, command }: StartOptions,
): Promise<ServerProcess> {
  const [file, ...args] = command ? [...command, script] : [process.execPath, script];
  const child = spawn(file, args, {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Array<Record<string, unknown>> = [];
  const stderr: string[] = [];
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const server: ServerProcess = {
    child,
    port: 0,
    logs,
    stderr,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  readline.createInterface({ input: child.stderr! }).on('line', (line) => {
    stderr.push(line);
    echo?.(line);
  });
  return new Promise((resolve, reject) => {
    let listening = 0;
    const timer = setTimeout(() => {
      void server.stop('SIGKILL');
      reject(
        new Error(`${script} did not start within ${timeoutMs} ms; stderr: ${stderr.join('\n')}`),
      );
    }, timeoutMs);
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      echo?.(line);
      const entry = parseLine(line);
      logs.push(entry);
      if (entry.msg === 'listening' && typeof entry.port === 'number') {
        server.port = entry.port;
        if (++listening === workers) {
          clearTimeout(timer);
          resolve(server);
        }
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(
        Object.assign(
          new Error(`${script} exited with code ${code} before listening: ${stderr.join('\n')}`),
          { code },
        ),
      );
    });
  });
}

function parseLine(line: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : { text: line };
  } catch {
    return { text: line };
  }
}
