import {
  AdminUpdateUserAttributesCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Plan } from '@kv/shared';

const client = new CognitoIdentityProviderClient({});

/**
 * Mirrors the plan into the `custom:plan` attribute so that the dashboard's id
 * token (and therefore `withAuth`) sees the new plan after the next refresh.
 */
export async function setUserPlanAttribute(userId: string, plan: Plan): Promise<void> {
  await client.send(
    new AdminUpdateUserAttributesCommand({
      UserPoolId: process.env.USER_POOL_ID,
      Username: userId,
      UserAttributes: [{ Name: 'custom:plan', Value: plan }],
    }),
  );
}
