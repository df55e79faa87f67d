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

/** A README heading about putting the app online: "Deploy", "Deployment", "Hosting", "Hosted Quickstart", "Production". */
const DEPLOY_HEADING = /\b(deploy(s|ed|ing|ment)?|hosting|hosted|production)\b/i;
/** Hosting platforms named in prose (case kept: "render" and "fly" are English words, "Render" and "Fly.io" are hosts). */
const HOSTS: readonly [RegExp, string][] = [
  [/\bVercel\b|vercel\.com/i, 'Vercel'], [/\bNetlify\b/i, 'Netlify'], [/\bCloudflare\b/i, 'Cloudflare'], [/\bFly\.io\b|\bfly deploy\b/i, 'Fly.io'],
  [/\bRender\b|render\.com/, 'Render'], [/\bRailway\b/, 'Railway'], [/\bHeroku\b/i, 'Heroku'], [/\bAWS\b|\bAmazon Web Services\b/, 'AWS'],
  [/\bSupabase\b/i, 'Supabase'], [/\bFirebase\b/i, 'Firebase'], [/\bDigitalOcean\b/i, 'DigitalOcean'], [/\bGoogle Cloud\b|\bCloud Run\b|\bGCP\b/, 'Google Cloud'],
  [/\bAzure\b/, 'Azure'], [/\bKoyeb\b/i, 'Koyeb'],
];

/**
 * README sections whose heading says deploy / hosting / production and whose text names a hosting platform
 * (chatbot-ui's "Hosted Quickstart": a hosted Supabase project and Vercel): the README is how it is deployed, with no
 * script or workflow in the repository. One entry per section, at its heading; fenced code is not read for headings.
 */
export function readmeDeploySections(index: RepoIndex, limit = 3): { what: string; at: Citation; heading: string; hosts: string[] }[] {
  const out: { what: string; at: Citation; heading: string; hosts: string[] }[] = [];
  const readmes = index.files.filter((f) => /(^|\/)readme\.mdx?$/i.test(f) && !/(^|\/)node_modules\//.test(f)).sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
  for (const file of readmes.slice(0, 20)) {
    const text = index.read(file);
    if (!text || !DEPLOY_HEADING.test(text)) continue;
    const lines = text.split('\n');
    const headings: { line: number; level: number; title: string }[] = [];
    let fenced = false;
    lines.forEach((l, i) => {
      if (/^\s*(```|~~~)/.test(l)) fenced = !fenced;
      const m = !fenced && /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(l);
      if (m) headings.push({ line: i + 1, level: m[1].length, title: m[2] });
    });
    // A section nested in one already taken ("Hosted Quickstart" › "Deploy to Vercel") is said by the outer one.
    let takenUntil = 0;
    headings.forEach((h, k) => {
      if (out.length >= limit || h.line < takenUntil || !DEPLOY_HEADING.test(h.title)) return;
      const end = headings.slice(k + 1).find((x) => x.level <= h.level)?.line ?? lines.length + 1;
      const section = lines.slice(h.line - 1, end - 1);
      // A section that names no platform at all ("Official Hosted Version") is not about deploying this code.
      if (!HOSTS.some(([re]) => re.test(section.join('\n')))) return;
      takenUntil = end;
      // The target is said only where the section deploys to it; a passing mention ("use secrets management (AWS
      // Secrets Manager, …)" under a Docker section) leaves the section listed with no target.
      const body = deployWording(section);
      const hosts = HOSTS.map(([re, name]) => ({ name, at: body.search(re) })).filter((x) => x.at !== -1).sort((a, b) => a.at - b.at).map((x) => x.name);
      out.push({ what: `README section "${h.title}"${hosts.length ? ` (${hosts.join(', ')})` : ''}`, at: { file, line: h.line }, heading: h.title, hosts });
    });
    if (out.length >= limit) break;
  }
  return out;
}

/** A prose line that is a step of deploying ("Create a new project on Supabase", "Go to Vercel and import …"). */
const DEPLOY_STEP = /\b(deploy(s|ed|ing)?|host(s|ed|ing)?|publish(es|ed|ing)?|import|create|set ?up|sign ?up|push|connect|go to|log ?in|install)\b/i;

/**
 * What of a README section says where it deploys, in order: its headings, its commands (fenced code, code spans), its
 * link addresses, and prose lines that are a deploy step, with their parenthesised asides left out.
 */
function deployWording(section: readonly string[]): string {
  const kept: string[] = [];
  let fenced = false;
  for (const line of section) {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      continue;
    }
    if (fenced || /^#{1,6}\s/.test(line)) {
      kept.push(line);
      continue;
    }
    const code = [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    const links = [...line.matchAll(/\]\(([^)\s]+)/g)].map((m) => m[1]);
    const prose = line.replace(/`[^`]*`/g, ' ').replace(/\]\([^)]*\)/g, ']').replace(/\([^)]*\)/g, ' ');
    kept.push([...(DEPLOY_STEP.test(prose) ? [prose] : []), ...code, ...links].join(' '));
  }
  return kept.join('\n');
}
