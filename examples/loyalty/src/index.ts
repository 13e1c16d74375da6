// The loyalty platform's public face: what the demo and other apps import.
export * from './domain/tier.js';
export * from './domain/loyalty-program.js';
export * from './domain/enrollment.js';
export * from './domain/reward.js';
export * from './projections/customer-balances.js';
export * from './projections/program-leaderboard.js';
export * from './projections/reward-stock.js';
export * from './sagas/notifier.js';
export * from './sagas/enrolment.js';
export * from './loyalty-app.js';
