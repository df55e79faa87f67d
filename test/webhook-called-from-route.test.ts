import { describe, expect, it } from 'vitest';
import { integrationsStep } from '../src/steps/10-integrations.js';
import { section } from './helpers/fixture.js';
import { tempRepo } from './helpers/temp-repo.js';

// A webhook service the route's inline handler calls (`StripeWebhookService.handleEvent(…)`) is wired to that route,
// though no route names it as its handler.
describe('a Stripe webhook service called from a route file', () => {
  it('is shown reached from the route, with the call cited', async () => {
    const root = tempRepo({
      'package.json': JSON.stringify({ name: 'pay', private: true, dependencies: { stripe: '^16.0.0', express: '^4.19.0' } }),
      'src/services/WebhookService.ts': [
        "import Stripe from 'stripe';",
        'const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);',
        'export class WebhookService {',
        '  static async handleEvent(body: string, signature: string) {',
        '    const event = stripe.webhooks.constructEvent(body, signature, process.env.STRIPE_WEBHOOK_SECRET!);',
        '    switch (event.type) {',
        "      case 'checkout.session.completed':",
        '        break;',
        '    }',
        '  }',
        '}',
      ].join('\n'),
      'src/index.ts': [
        "import express from 'express';",
        "import { WebhookService } from './services/WebhookService';",
        'const app = express();',
        "app.post('/webhooks/stripe', express.raw({ type: 'application/json' }), async (req, res) => {",
        "  const signature = req.headers['stripe-signature'] as string;",
        '  await WebhookService.handleEvent(req.body, signature);',
        '  res.json({ received: true });',
        '});',
        'app.listen(8080);',
      ].join('\n'),
    });
    const md = (await section(integrationsStep, root)).markdown;
    expect(md).toContain('- **Webhook:** `POST /webhooks/stripe` (express, `/src/index.ts:4`), whose file calls `WebhookService.handleEvent` at `/src/index.ts:6` → handler `/src/services/WebhookService.ts`');
    expect(md).not.toContain('no route wiring found');
  });
});
