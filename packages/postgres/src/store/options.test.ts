import { describe, expect, it } from 'vitest';
import { UnsupportedValueError } from '../errors/unsupported-value-error.js';
import { fromCreateOptions } from './options.js';

describe('createEventStore options', () => {
  it('keeps the adapter keys it knows, checked, and the URL', () => {
    expect(
      fromCreateOptions('pglite:', {
        schema: 'app',
        poolSize: 3,
        pageSize: 50,
        preparedStatements: false,
        other: 1,
      }),
    ).toEqual({
      url: 'pglite:',
      schema: 'app',
      poolSize: 3,
      pageSize: 50,
      preparedStatements: false,
    });
  });

  it('names the option of the wrong type', () => {
    expect(() => fromCreateOptions('pglite:', { poolSize: 0 })).toThrow(UnsupportedValueError);
    expect(() => fromCreateOptions('pglite:', { autoMigrate: 'yes' })).toThrow(/option "autoMigrate"/);
    expect(() => fromCreateOptions('pglite:', { preparedStatements: 1 })).toThrow(
      /option "preparedStatements"/,
    );
  });
});
