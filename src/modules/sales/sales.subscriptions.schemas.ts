// The subscription actions' API shapes (SALES-7): cancelSubscription and reactivateSubscription
// address an order of the caller's team and answer the order with its subscription.
import { z } from 'zod';

export const OrderActionParams = z.strictObject({ teamId: z.uuid(), orderId: z.uuid() });

export const ReactivateBody = z
  .strictObject({
    chargeNow: z
      .boolean()
      .optional()
      .describe(
        'Charge the next invoice right away with the saved card and answer the result (a decline answers `reactivation_charge_declined` ' +
          'and changes nothing). Without it, the next charge is at the end of the period already paid for, or at the billing job’s next ' +
          'pass when that period is over.',
      ),
  })
  .meta({ examples: [{ chargeNow: true }, {}] });
export type ReactivateInput = z.infer<typeof ReactivateBody>;
