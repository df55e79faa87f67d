// Small helpers shared by the benchmark's templates.
export const pascal = (s) => s.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase());
export const json = (value) => `${JSON.stringify(value, null, 2)}\n`;

export function packageJson(ctx, extra) {
  return json({ name: `${ctx.scope}/${ctx.name}`, version: '1.0.0', private: true, type: 'module', ...extra });
}
