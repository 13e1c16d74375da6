// Stock levels: one document per warehouse and SKU, with what is on hand, reserved and available.
import { defineProjection, type Documents } from '@strata/projections';
import { InventoryEvents } from '../domain/inventory.js';

export type StockLevel = {
  warehouseId: string;
  sku: string;
  onHand: number;
  reserved: number;
  available: number;
  /** The position of the last event applied: the memory target may deliver a batch twice. */
  position: string;
};

export const STOCK_LEVELS = 'stock-levels';

/** The document id of a warehouse's SKU. */
export const stockLevelId = (warehouseId: string, sku: string) => `${warehouseId}/${sku}`;

async function adjust(
  levels: Documents<StockLevel>,
  warehouseId: string,
  sku: string,
  position: bigint,
  change: { onHand?: number; reserved?: number },
): Promise<void> {
  const id = stockLevelId(warehouseId, sku);
  const level = (await levels.get(id)) ?? {
    warehouseId,
    sku,
    onHand: 0,
    reserved: 0,
    available: 0,
    position: '-1',
  };
  if (BigInt(level.position) >= position) return;
  const onHand = level.onHand + (change.onHand ?? 0);
  const reserved = level.reserved + (change.reserved ?? 0);
  await levels.set(id, {
    ...level,
    onHand,
    reserved,
    available: onHand - reserved,
    position: position.toString(),
  });
}

export const stockLevels = defineProjection({
  name: STOCK_LEVELS,
  version: 1,
  onError: 'dead-letter',
  events: InventoryEvents,
  handlers: {
    'inventory.stock.added': ({ data, position }, { documents }) =>
      adjust(documents<StockLevel>('skus'), data.warehouseId, data.sku, position, { onHand: data.quantity }),
    'inventory.stock.removed': ({ data, position }, { documents }) =>
      adjust(documents<StockLevel>('skus'), data.warehouseId, data.sku, position, { onHand: -data.quantity }),
    'inventory.stock.reserved': async ({ data, position }, { documents }) => {
      for (const line of data.items) {
        await adjust(documents<StockLevel>('skus'), data.warehouseId, line.sku, position, {
          reserved: line.quantity,
        });
      }
    },
    'inventory.stock.released': async ({ data, position }, { documents }) => {
      for (const line of data.items) {
        await adjust(documents<StockLevel>('skus'), data.warehouseId, line.sku, position, {
          reserved: -line.quantity,
        });
      }
    },
  },
});
