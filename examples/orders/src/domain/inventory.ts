// The Inventory aggregate: one warehouse's stock per SKU. Stock on hand is either available or
// held by a reservation; a reservation covers all of an order's lines or none of them.
import {
  AggregateRoot,
  DomainError,
  defineEvent,
  defineEvents,
  type Draft,
  type EventOf,
} from '@strata/core';
import { z } from 'zod';

const StockLine = z.object({ sku: z.string().min(1), quantity: z.number().int().positive() });
export type StockLine = z.output<typeof StockLine>;

export const StockAdded = defineEvent(
  'inventory.stock.added',
  z.object({ warehouseId: z.string(), sku: z.string().min(1), quantity: z.number().int().positive() }),
);
export const StockRemoved = defineEvent(
  'inventory.stock.removed',
  z.object({ warehouseId: z.string(), sku: z.string().min(1), quantity: z.number().int().positive() }),
);
export const StockReserved = defineEvent(
  'inventory.stock.reserved',
  z.object({
    warehouseId: z.string(),
    reservationId: z.string(),
    orderId: z.string(),
    items: z.array(StockLine).min(1),
  }),
);
export const StockReleased = defineEvent(
  'inventory.stock.released',
  z.object({
    warehouseId: z.string(),
    reservationId: z.string(),
    orderId: z.string(),
    items: z.array(StockLine).min(1),
  }),
);
export const InventoryEvents = defineEvents(StockAdded, StockRemoved, StockReserved, StockReleased);
export type InventoryEvent = EventOf<typeof InventoryEvents>;

export type SkuStock = { onHand: number; reserved: number };
export type Reservation = { orderId: string; items: StockLine[]; released: boolean };
export type InventoryState = {
  skus: Record<string, SkuStock>;
  reservations: Record<string, Reservation>;
};

/** Merges lines of the same SKU, so a reservation checks each SKU's total once. */
export function mergeLines(items: readonly StockLine[]): StockLine[] {
  const totals = new Map<string, number>();
  for (const { sku, quantity } of items) totals.set(sku, (totals.get(sku) ?? 0) + quantity);
  return [...totals].map(([sku, quantity]) => ({ sku, quantity }));
}

function positive(quantity: number, sku: string): void {
  if (!Number.isInteger(quantity) || quantity <= 0) {
    throw new DomainError(
      'INVALID_QUANTITY',
      `${sku}: quantity must be a positive integer, got ${quantity}`,
      {
        sku,
        quantity,
      },
    );
  }
}

export class Inventory extends AggregateRoot<InventoryState, InventoryEvent> {
  static readonly category = 'inventory';
  static readonly events = InventoryEvents;

  protected initialState(): InventoryState {
    return { skus: {}, reservations: {} };
  }

  protected apply(state: Draft<InventoryState>, event: InventoryEvent): void {
    const stock = (sku: string) => (state.skus[sku] ??= { onHand: 0, reserved: 0 });
    switch (event.type) {
      case 'inventory.stock.added':
        stock(event.data.sku).onHand += event.data.quantity;
        return;
      case 'inventory.stock.removed':
        stock(event.data.sku).onHand -= event.data.quantity;
        return;
      case 'inventory.stock.reserved':
        for (const line of event.data.items) stock(line.sku).reserved += line.quantity;
        state.reservations[event.data.reservationId] = {
          orderId: event.data.orderId,
          items: event.data.items.map((line) => ({ ...line })),
          released: false,
        };
        return;
      case 'inventory.stock.released': {
        for (const line of event.data.items) stock(line.sku).reserved -= line.quantity;
        const reservation = state.reservations[event.data.reservationId];
        if (reservation) reservation.released = true;
        return;
      }
    }
  }

  /** On hand and not held by a reservation. */
  available(sku: string): number {
    const stock = this.state.skus[sku];
    return stock ? stock.onHand - stock.reserved : 0;
  }

  addStock(sku: string, quantity: number): void {
    positive(quantity, sku);
    this.raise(StockAdded, { warehouseId: this.id, sku, quantity });
  }

  /** Takes stock out (damaged, lost); never what a reservation holds. */
  removeStock(sku: string, quantity: number): void {
    positive(quantity, sku);
    const available = this.available(sku);
    if (quantity > available) {
      throw new DomainError(
        'INSUFFICIENT_STOCK',
        `${sku}: cannot remove ${quantity}, only ${available} available`,
        {
          sku,
          requested: quantity,
          available,
        },
      );
    }
    this.raise(StockRemoved, { warehouseId: this.id, sku, quantity });
  }

  reserve(reservationId: string, orderId: string, items: readonly StockLine[]): void {
    if (this.state.reservations[reservationId]) {
      throw new DomainError('RESERVATION_EXISTS', `reservation ${reservationId} already exists`, {
        reservationId,
      });
    }
    if (items.length === 0) {
      throw new DomainError('RESERVATION_EMPTY', `reservation ${reservationId} has no items`, {
        reservationId,
      });
    }
    for (const line of items) positive(line.quantity, line.sku);
    const merged = mergeLines(items);
    for (const { sku, quantity } of merged) {
      const available = this.available(sku);
      if (quantity > available) {
        throw new DomainError('OUT_OF_STOCK', `${sku}: ${quantity} requested, ${available} available`, {
          sku,
          requested: quantity,
          available,
        });
      }
    }
    this.raise(StockReserved, { warehouseId: this.id, reservationId, orderId, items: merged });
  }

  release(reservationId: string): void {
    const reservation = this.state.reservations[reservationId];
    if (!reservation) {
      throw new DomainError('RESERVATION_NOT_FOUND', `no reservation ${reservationId}`, { reservationId });
    }
    if (reservation.released) {
      throw new DomainError(
        'RESERVATION_ALREADY_RELEASED',
        `reservation ${reservationId} was already released`,
        {
          reservationId,
        },
      );
    }
    this.raise(StockReleased, {
      warehouseId: this.id,
      reservationId,
      orderId: reservation.orderId,
      items: reservation.items.map((line) => ({ ...line })),
    });
  }
}
