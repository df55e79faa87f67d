/**
 * "Deploy with Vercel / to Netlify / on Render / on Railway / to Heroku" buttons in a README: the platform clones and
 * deploys the repository from the link, with no script, workflow or project file in the repository (paddle-nextjs-
 * starter-kit deploys with its README's Vercel button and has no vercel.json). A README that says so is deploy evidence.
 */
import type { Citation } from '../facts.js';
import type { RepoIndex } from '../scan/repo-index.js';

const BUTTON =
  /https?:\/\/(?:www\.)?(vercel\.com\/(?:new\/clone|import\/project|import\/git)|app\.netlify\.com\/start\/deploy|render\.com\/deploy|railway\.(?:app|com)\/(?:new\/template|template|deploy)|heroku\.com\/deploy|deploy\.workers\.cloudflare\.com|app\.koyeb\.com\/deploy|cloud\.digitalocean\.com\/apps\/new)/g;

const PLATFORM: readonly [RegExp, string][] = [
  [/vercel/, 'Vercel'], [/netlify/, 'Netlify'], [/render/, 'Render'], [/railway/, 'Railway'], [/heroku/, 'Heroku'],
  [/cloudflare/, 'Cloudflare Workers'], [/koyeb/, 'Koyeb'], [/digitalocean/, 'DigitalOcean App Platform'],
];

/** One entry per README and platform, at the line of the first button. */
export function readmeDeployButtons(index: RepoIndex, limit = 5): { what: string; at: Citation }[] {
  const out: { what: string; at: Citation }[] = [];
  // Root README first, then package READMEs (shallow first); docs folders rarely hold the button.
  const readmes = index.files.filter((f) => /(^|\/)readme\.mdx?$/i.test(f) && !/(^|\/)node_modules\//.test(f)).sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
  for (const file of readmes.slice(0, 20)) {
    const text = index.read(file);
    if (!text || !/deploy|new\/clone|import/i.test(text)) continue;
    const seen = new Set<string>();
    for (const m of text.matchAll(BUTTON)) {
      const platform = PLATFORM.find(([re]) => re.test(m[1]!))?.[1] ?? m[1]!;
      if (seen.has(platform)) continue;
      seen.add(platform);
      out.push({ what: `a deploy-to-${platform} button in ${file.split('/').pop()}`, at: { file, line: index.lineAt(file, m.index!) } });
      if (out.length >= limit) return out;
    }
  }
  return out;
}
