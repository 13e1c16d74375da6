export * from './domain/events.js';
export * from './domain/loyalty-account.js';
