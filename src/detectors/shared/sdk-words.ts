/**
 * Whether a package says of itself that it is an SDK or a client library: its package.json description or the title
 * of its README ("Official SDK for Inngest.com", "# Acme Node.js client library"). A package named `inngest` is the
 * Inngest SDK by its own words even though its name says nothing.
 */
import type { PackageJson } from '../../scan/package-json.js';

const SDK_WORDS = /\bSDKs?\b|\bclient (?:library|libraries|for)\b|\bAPI (?:client|wrapper)\b|\b(?:JavaScript|TypeScript|Node(?:\.js)?|JS|TS) client\b/i;

/** "An example using the Stripe SDK" names another package's SDK: the words must describe this package. */
const USES_AN_SDK = /\b(?:using|uses|with|built (?:on|with)|powered by|via|around|for testing)\b[^.]*?(?:\bSDKs?\b|\bclient\b)/i;

function saysSdk(text: string): boolean {
  return SDK_WORDS.test(text) && !USES_AN_SDK.test(text);
}

export function describedAsSdk(manifest: PackageJson): boolean {
  return typeof manifest.description === 'string' && saysSdk(manifest.description);
}

/** The first `# ` heading (or `<h1>`) of a README, tested the same way. */
export function readmeTitleSaysSdk(readme: string | undefined): boolean {
  if (!readme) return false;
  const title = /^#\s+(.+)$/m.exec(readme)?.[1] ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(readme)?.[1];
  return title !== undefined && saysSdk(title.replace(/<[^>]+>/g, ' '));
}
