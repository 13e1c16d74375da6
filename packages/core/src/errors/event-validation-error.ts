import type { z } from 'zod';
import { StrataError } from './strata-error.js';

export type ValidationIssue = z.core.$ZodIssue;

/** Where the invalid event was, when it was read from or written to a stream. */
export interface EventLocation {
  readonly streamId?: string;
  readonly revision?: bigint;
  /** Index of the event in the batch being appended. */
  readonly index?: number;
}

function formatIssues(issues: readonly ValidationIssue[]): string {
  return issues
    .map((issue) => `${issue.path.length ? issue.path.map(String).join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

function formatLocation(location: EventLocation): string {
  const parts: string[] = [];
  if (location.streamId !== undefined) parts.push(`stream '${location.streamId}'`);
  if (location.revision !== undefined) parts.push(`revision ${location.revision.toString()}`);
  if (location.index !== undefined) parts.push(`batch index ${location.index}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** An event's data does not match its definition's schema: `issues` are zod's, with paths. */
export class EventValidationError extends StrataError {
  readonly eventType: string;
  readonly issues: readonly ValidationIssue[];
  readonly location: EventLocation;

  constructor(eventType: string, issues: readonly ValidationIssue[], location: EventLocation = {}) {
    super(
      'EVENT_VALIDATION',
      `Invalid '${eventType}' event${formatLocation(location)}: ${formatIssues(issues)}`,
    );
    this.eventType = eventType;
    this.issues = issues;
    this.location = location;
  }
}

export { formatLocation };
