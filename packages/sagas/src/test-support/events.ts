import { defineEvent, defineEvents } from '@strata/core';
import { z } from 'zod';

export const OrderPlaced = defineEvent(
  'orders.order.placed',
  z.object({ orderId: z.string(), items: z.array(z.string()), amount: z.number() }),
);
export const ShippingSlotBooked = defineEvent(
  'shipping.slot.booked',
  z.object({ orderId: z.string(), slot: z.string() }),
);
export const SignupRequested = defineEvent(
  'loyalty.signup.requested',
  z.object({ customerId: z.string(), email: z.string() }),
);
export const TestEvents = defineEvents(OrderPlaced, ShippingSlotBooked, SignupRequested);
