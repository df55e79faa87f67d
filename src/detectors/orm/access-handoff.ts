/**
 * Prisma model delegates handed to code that calls them under another name: `super(prisma.user)` into a generic base
 * repository, `new Repo(this.prisma.session)`, `const delegate = prisma.post;`, or a delegate picked by a computed key
 * (`prisma[model]`). The calls then read `this.delegate.findMany()`, which names no model, so the reader records where
 * the delegate leaves instead, and "no calls found" is not said of that model (or, for a computed key, of any).
 * Text only, comments and strings blanked: the client's name must say Prisma (`prisma`, `this.prismaService`).
 */
import type { RepoIndex } from '../../scan/repo-index.js';
import { codeOnly } from '../shared/text-scan.js';
import type { ModelTable } from './access-scope.js';
import type { OrmWrapperData } from './types.js';

const DYNAMIC = /\b(prisma(?:Service|Client)?)\s*\[/g;

export function prismaHandoffs(index: RepoIndex, files: readonly string[], table: ModelTable, reachable: (file: string) => boolean): OrmWrapperData[] {
  if (table.size === 0) return [];
  const names = [...table.keys()].map((n) => n.replace(/[$]/g, '\\$')).join('|');
  // `prisma.user` followed by `,` `)` or `;`: passed or stored, not called (a call continues with `.findMany`).
  const handed = new RegExp(String.raw`\b(\w*[Pp]risma\w*)\s*\.\s*(${names})\s*(?=[,);])`, 'g');
  const out: OrmWrapperData[] = [];
  for (const file of files) {
    const raw = index.read(file);
    if (!raw || !/[Pp]risma/.test(raw) || !reachable(file)) continue;
    const text = codeOnly(raw);
    for (const m of text.matchAll(handed)) {
      // `typeof prisma.user;` is a type, not a hand-off.
      if (/\btypeof\s+(?:this\s*\.\s*)?$/.test(text.slice(Math.max(0, m.index - 20), m.index))) continue;
      const model = table.get(m[2], file);
      const line = index.lineAt(file, m.index);
      if (model && line) out.push({ orm: 'prisma', via: 'a Prisma model delegate', name: `${m[1]}.${m[2]}`, model: model.name, file, line });
    }
    for (const m of text.matchAll(DYNAMIC)) {
      const line = index.lineAt(file, m.index);
      if (line) out.push({ orm: 'prisma', via: 'a Prisma model delegate', name: `${m[1]}[…]`, file, line });
    }
  }
  return out;
}
