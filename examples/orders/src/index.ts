// The order workflow's public face: what the demo and other apps import.
export * from './domain/order.js';
export * from './domain/inventory.js';
export * from './domain/payment.js';
export * from './projections/order-summaries.js';
export * from './projections/stock-levels.js';
export * from './sagas/payment-gateway.js';
export * from './sagas/place-order.js';
export * from './orders-app.js';
