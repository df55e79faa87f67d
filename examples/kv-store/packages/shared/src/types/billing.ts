export type Plan = 'free' | 'pro' | 'team';

export type PaddleEventType =
  | 'subscription.created'
  | 'subscription.updated'
  | 'subscription.canceled';

export interface PaddleSubscriptionEvent {
  event_id: string;
  event_type: PaddleEventType;
  occurred_at: string;
  data: {
    id: string;
    status: 'active' | 'past_due' | 'canceled' | 'trialing' | 'paused';
    customer_id: string;
    items: Array<{ price: { id: string } }>;
    custom_data?: { userId?: string } | null;
  };
}
