/**
 * A route whose Lambda is one entry of a module deploying a function per map entry (`module.lambda.invoke_arns["x"]`,
 * `module.lambda["x"].invoke_arn`): the handler file of that entry, when that entry's function was read with one.
 */
import path from 'node:path';
import { hclValue } from './hcl.js';
import type { Located } from './terraform-modules.js';
import type { FunctionInstances } from './terraform.js';
import type { InfraRouteData } from './types.js';

const VIA = /^module\.(\w[\w-]*)(?:\.\w+\[\s*"([^"]+)"\s*\]|\[\s*"([^"]+)"\s*\]\.\w+)$/;

export function instanceRoutes(routes: InfraRouteData[], blocks: ReadonlyMap<string, readonly Located[]>, instances: FunctionInstances): void {
  if (instances.size === 0) return;
  for (let i = 0; i < routes.length; i++) {
    const r = routes[i];
    const m = r.tool === 'terraform' && !r.handlerFile && r.via ? VIA.exec(r.via) : null;
    if (!m) continue;
    const dir = path.posix.dirname(r.file) === '.' ? '' : path.posix.dirname(r.file);
    const call = (blocks.get(dir) ?? []).find((l) => l.block.type === 'module' && l.block.labels[0] === m[1]);
    const source = call ? hclValue(call.block.attributes.get('source')) : undefined;
    if (!source || !/^\.\.?(\/|$)/.test(source)) continue;
    const target = path.posix.normalize(path.posix.join(dir, source)).replace(/\/$/, '');
    const fn = instances.get(`${target === '.' ? '' : target}\0${m[2] ?? m[3]}`);
    if (fn?.handlerFile) routes[i] = { ...r, handlerFile: fn.handlerFile };
  }
}
