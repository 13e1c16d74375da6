import { describe, expect, it } from 'vitest';
import { sqlStateOf } from '../errors/postgres-store-error.js';
import { isConnectionLoss } from './connection-errors.js';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('connection loss', () => {
  it('is a killed session, a broken link or a dead socket', () => {
    expect(isConnectionLoss(withCode('57P01', 'terminating connection due to administrator command'))).toBe(
      true,
    );
    expect(isConnectionLoss(withCode('08006'))).toBe(true);
    expect(isConnectionLoss(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionLoss(withCode('ECONNRESET', 'read ECONNRESET'))).toBe(true);
    expect(isConnectionLoss(withCode('EPIPE', 'write EPIPE'))).toBe(true);
  });

  it('is not a statement error', () => {
    expect(isConnectionLoss(withCode('23505', 'duplicate key'))).toBe(false);
    expect(isConnectionLoss(withCode('22012', 'division by zero'))).toBe(false);
    expect(isConnectionLoss('not an error')).toBe(false);
  });

  it('SQLSTATEs are five characters; errno codes are not SQLSTATEs', () => {
    expect(sqlStateOf(withCode('22P05'))).toBe('22P05');
    expect(sqlStateOf(withCode('EPIPE'))).toBeUndefined();
    expect(sqlStateOf(withCode('ECONNRESET'))).toBeUndefined();
    expect(sqlStateOf(undefined)).toBeUndefined();
  });
});
