// Tiers: a member's standing in a program, decided by lifetime points against the program's
// thresholds. Lifetime points only fall when an earning is reversed, so a tier is kept through
// redemptions and expiry (no rolling window).
import { z } from 'zod';

export const TIERS = ['basic', 'silver', 'gold'] as const;
export type Tier = (typeof TIERS)[number];
export const TierSchema = z.enum(TIERS);

/** Lifetime points at which silver and gold start (basic starts at 0). */
export const TierThresholdsSchema = z.object({
  silver: z.number().int().positive(),
  gold: z.number().int().positive(),
});
export type TierThresholds = z.output<typeof TierThresholdsSchema>;

/** The tier that `lifetimePoints` reach under `thresholds`. */
export function tierFor(lifetimePoints: number, thresholds: TierThresholds): Tier {
  if (lifetimePoints >= thresholds.gold) return 'gold';
  if (lifetimePoints >= thresholds.silver) return 'silver';
  return 'basic';
}

/** basic 0, silver 1, gold 2: higher is better. */
export function tierRank(tier: Tier): number {
  return TIERS.indexOf(tier);
}
