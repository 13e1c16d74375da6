import { MemoryLease } from '@strata/core';
import { describeLeaseContract } from './lease-contract.js';

describeLeaseContract('MemoryLease', () => new MemoryLease());
