/**
 * Minimal glob → RegExp for workspace patterns (`packages/*`, `apps/**`, `libs/{a,b}`), so that workspace discovery
 * needs no file-system walk: the patterns are matched against the already listed files.
 */
export function globToRegExp(pattern: string): RegExp {
  let source = '';
  const p = pattern.replace(/^\.\//, '').replace(/\/+$/, '');
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '*') {
      if (p[i + 1] === '*') {
        const slash = p[i + 2] === '/';
        source += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else {
        source += '[^/]*';
      }
    } else if (c === '?') {
      source += '[^/]';
    } else if (c === '{') {
      const end = p.indexOf('}', i);
      if (end === -1) {
        source += '\\{';
        continue;
      }
      const options = p.slice(i + 1, end).split(',').map(escapeRegExp);
      source += `(?:${options.join('|')})`;
      i = end;
    } else {
      source += escapeRegExp(c);
    }
  }
  return new RegExp(`^${source}$`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}
