/** An Astro site's part of step 5: pages and endpoints, layouts, content collections, components. */
import type { AstroCollectionData, AstroRouteData, AstroUnitData } from '../../detectors/astro/index.js';
import { heading, join, table } from '../../markdown/blocks.js';
import { cite } from '../../markdown/cite.js';
import { code, urlPath } from '../../markdown/text.js';
import { compareText, names } from './format.js';

export function astroRoutes(routes: readonly AstroRouteData[], layouts: readonly AstroUnitData[], pagesDir: string): string {
  if (routes.length === 0) return '';
  const nameOf = new Map(layouts.map((l) => [l.file, l.name]));
  const rows = [...routes]
    .sort((a, b) => compareText(a.path, b.path))
    .map((r) => {
      const kind =
        r.kind === 'endpoint'
          ? `endpoint${r.methods.length ? ` ${r.methods.join(', ')}` : ''}`
          : `${r.kind === 'markdown' ? 'markdown page' : 'page'}${r.dynamic ? ', dynamic' : ''}${r.getStaticPaths ? ' (getStaticPaths)' : ''}`;
      const flags = r.prerender === false ? ', server-rendered' : r.prerender === true ? ', prerendered' : '';
      const layout = r.layouts.map((l) => code(nameOf.get(l) ?? l.split('/').pop()!)).join(', ') || '—';
      return [urlPath(r.path), kind + flags, cite(r.file), layout];
    });
  return join(heading(4, 'Routes'), `File-based, from ${cite(`${pagesDir}/`)}:`, table(['URL', 'Kind', 'File', 'Layout'], rows));
}

export function astroLayouts(layouts: readonly AstroUnitData[]): string {
  if (layouts.length === 0) return '';
  const rows = [...layouts].sort((a, b) => b.usedBy - a.usedBy || compareText(a.file, b.file)).map((l) => [code(l.name), cite(l.file), String(l.usedBy)]);
  return join(heading(4, 'Layouts'), table(['Layout', 'File', 'Used by'], rows));
}

export function astroCollections(collections: readonly AstroCollectionData[]): string {
  if (collections.length === 0) return '';
  const config = collections[0].file;
  const rows = collections.map((c) => {
    const fields = c.fields.map((f) => `${f.name}${f.optional ? '?' : ''}: ${f.type}${f.hasDefault ? ' (default)' : ''}`);
    // No count when the loader's files cannot be known statically: say which loader reads them, and where.
    const loaderAt = c.loaderLine ? ` (${cite(c.file, c.loaderLine)})` : '';
    const where =
      c.entries === undefined
        ? `not counted: the loader${c.loaderFrom ? ` from ${code(c.loaderFrom)}` : ''} decides${loaderAt}`
        : c.folder
          ? `${c.entries} in ${cite(c.folder)}`
          : `${c.entries}`;
    const type = [c.type, c.loader ? `${c.loader}${c.loaderCalled === false ? '' : '()'} loader` : ''].filter(Boolean).join(', ') || '—';
    // A base we could not read, or a schema we could not follow, is named as written: never "—" for fields unseen.
    const schema = c.schemaAs
      ? `as written: ${code(c.schemaAs)}`
      : fields.length
        ? `${names(fields, 12)}${c.fieldsAlsoFrom ? `, plus fields from ${code(c.fieldsAlsoFrom)}` : ''}`
        : c.fieldsAlsoFrom ? `fields from ${code(c.fieldsAlsoFrom)}` : '—';
    return [code(c.name), type, schema, where, cite(c.file, c.line)];
  });
  return join(heading(4, 'Content collections'), `Defined in ${cite(config)}:`, table(['Collection', 'Type', 'Schema fields', 'Entries', 'Defined at'], rows));
}

export function astroComponents(components: readonly AstroUnitData[]): string {
  if (components.length === 0) return '';
  const rows = [...components]
    .sort((a, b) => b.usedBy - a.usedBy || compareText(a.file, b.file))
    .slice(0, 20)
    .map((c) => [code(c.name), cite(c.file), String(c.usedBy), c.hydration.length ? c.hydration.map((h) => code(`client:${h}`)).join(', ') : '—']);
  const more = components.length > 20 ? `(+${components.length - 20} more components imported once.)` : '';
  return join(heading(4, 'Components'), table(['Component', 'File', 'Imported by', 'Hydrated (island)'], rows), more);
}
