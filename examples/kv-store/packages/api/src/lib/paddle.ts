import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Plan } from '@kv/shared';

const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

/**
 * Verifies a `Paddle-Signature` header (`ts=1700000000;h1=<hex>`).
 * The signed payload is `${ts}:${rawBody}`, HMAC-SHA256 with the notification secret.
 */
export function verifyPaddleSignature(
  rawBody: string,
  signatureHeader: string | undefined,
  secret: string | undefined = process.env.PADDLE_WEBHOOK_SECRET,
  now: number = Math.floor(Date.now() / 1000),
): boolean {
  if (!signatureHeader || !secret) return false;

  const parts = Object.fromEntries(
    signatureHeader.split(';').map((part) => part.split('=', 2) as [string, string]),
  );
  const ts = Number(parts.ts);
  const received = parts.h1;
  if (!ts || !received) return false;
  if (Math.abs(now - ts) > SIGNATURE_TOLERANCE_SECONDS) return false;

  const expected = createHmac('sha256', secret).update(`${ts}:${rawBody}`).digest('hex');
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(received, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Maps a Paddle price id to our internal plan. Unknown prices fall back to `free`. */
export function planFromPriceId(priceId: string | undefined): Plan {
  switch (priceId) {
    case process.env.PADDLE_PRICE_PRO:
      return 'pro';
    case process.env.PADDLE_PRICE_TEAM:
      return 'team';
    default:
      return 'free';
  }
}

interface PaddleCustomer {
  id: string;
  email: string;
}

/** Fetches a customer from the Paddle Billing API (used when `custom_data.userId` is missing). */
export async function fetchPaddleCustomer(customerId: string): Promise<PaddleCustomer> {
  const baseUrl = process.env.PADDLE_API_URL ?? 'https://api.paddle.com';
  const res = await fetch(`${baseUrl}/customers/${customerId}`, {
    headers: { Authorization: `Bearer ${process.env.PADDLE_API_KEY}` },
  });
  if (!res.ok) {
    throw new Error(`Paddle API responded ${res.status} for customer ${customerId}`);
  }
  const json = (await res.json()) as { data: PaddleCustomer };
  return json.data;
}
