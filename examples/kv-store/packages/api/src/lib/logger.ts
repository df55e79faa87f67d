type Level = 'debug' | 'info' | 'warn' | 'error';

const order: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };
const threshold = order[(process.env.LOG_LEVEL as Level | 'silent' | undefined) ?? 'info'] ?? order.info;

export interface Logger {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
  child(bindings: Record<string, unknown>): Logger;
}

/** Structured JSON logger; CloudWatch Logs Insights can query the fields directly. */
export function createLogger(bindings: Record<string, unknown> = {}): Logger {
  const write = (level: Level) => (msg: string, data?: Record<string, unknown>) => {
    if (order[level] < threshold) return;
    console.log(JSON.stringify({ level, msg, time: new Date().toISOString(), ...bindings, ...data }));
  };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (extra) => createLogger({ ...bindings, ...extra }),
  };
}

export const logger = createLogger({ service: 'kv-api' });
