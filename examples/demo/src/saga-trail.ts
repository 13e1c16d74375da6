import type { SagaStatus } from '@strata/sagas';

const MARKS: Record<string, string> = {
  completed: '✓',
  failed: '✗',
  compensated: '↩',
  compensation_failed: '✗↩',
  pending: '·',
};

/** A saga's steps on one line, as its own stream recorded them: ✓ done, ✗ failed, ↩ compensated. */
export function trail(status: SagaStatus): string {
  return status.steps.map((step) => `${MARKS[step.status] ?? step.status} ${step.name}`).join('  ');
}
