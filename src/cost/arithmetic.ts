/**
 * The price arithmetic, kept apart from the network so it can be checked against hand-computed
 * cases: monthly cost of hourly items, tiered per-GB charges (PrivateLink data processing, internet
 * data transfer out), the free internet allowance, and cross-AZ transfer. Amounts are USD with full
 * precision; rounding happens only when printing. `null` means "a needed figure is unknown".
 *
 * AWS pages modelled: https://aws.amazon.com/privatelink/pricing/ (tiers summed per Region),
 * https://aws.amazon.com/ec2/pricing/on-demand/ (data transfer out tiers, cross-AZ each direction).
 */
import type { PriceTier } from "./price-table.js";

/** USD, or null when a figure needed to compute it is unknown. */
export type Usd = number | null;

/** One slice of a tiered charge: how many GB were billed at which rate. */
export interface TierSlice {
  gb: number;
  usdPerGb: number | null;
}

export interface TieredCharge {
  usd: Usd;
  slices: TierSlice[];
}

/**
 * Monthly cost of something billed by the hour.
 *
 * @param hourlyUsd - the hourly rate (null when unknown)
 * @param units - how many are billed (NAT gateways, endpoint-AZs, IP addresses)
 * @param hoursPerMonth - 730 in AWS's own calculator
 */
export function monthlyFromHourly(hourlyUsd: number | null, units: number, hoursPerMonth: number): Usd {
  return hourlyUsd === null ? null : hourlyUsd * units * hoursPerMonth;
}

/**
 * Charge for `gb` GB in a month under cumulative tiers (the first tier's rate up to its bound, the
 * next tier's rate for the next slice, …).
 *
 * @param gb - the month's volume (for PrivateLink: summed over all interface endpoints of the Region)
 * @param tiers - ascending bounds; the last is unbounded
 */
export function tieredCharge(gb: number, tiers: readonly PriceTier[]): TieredCharge {
  const slices: TierSlice[] = [];
  let lower = 0;
  let usd: Usd = 0;
  for (const tier of tiers) {
    if (gb <= lower) break;
    const upper = tier.upToGb ?? Number.POSITIVE_INFINITY;
    const slice = Math.min(gb, upper) - lower;
    slices.push({ gb: slice, usdPerGb: tier.usdPerGb });
    usd = usd === null || tier.usdPerGb === null ? null : usd + slice * tier.usdPerGb;
    lower = upper;
  }
  return { usd, slices };
}

/**
 * Internet data transfer out after the free monthly allowance: the allowance comes off the top and
 * the rest is tiered from zero.
 *
 * @param gb - GB sent to the internet in the month
 * @param tiers - the Region's data-transfer-out tiers
 * @param freeGb - the part of the free allowance still available to this volume
 */
export function internetOutCharge(gb: number, tiers: readonly PriceTier[], freeGb: number): TieredCharge {
  return tieredCharge(Math.max(0, gb - freeGb), tiers);
}

/**
 * Cross-AZ data transfer: AWS bills the GB once leaving one AZ and once entering the other.
 *
 * @param gb - GB that cross an AZ boundary
 * @param usdPerGbEachDirection - the Region's rate (0.01)
 */
export function crossAzCharge(gb: number, usdPerGbEachDirection: number | null): Usd {
  return usdPerGbEachDirection === null ? null : gb * usdPerGbEachDirection * 2;
}

/**
 * Flat per-GB charge (NAT gateway data processing, in both directions).
 *
 * @param gb - GB processed
 * @param usdPerGb - the rate (null when unknown)
 */
export function perGbCharge(gb: number, usdPerGb: number | null): Usd {
  if (gb === 0) return 0;
  return usdPerGb === null ? null : gb * usdPerGb;
}

/** Sum of amounts; null as soon as one is unknown (but zero-volume items are 0, never null). */
export function sumUsd(amounts: readonly Usd[]): Usd {
  let total = 0;
  for (const amount of amounts) {
    if (amount === null) return null;
    total += amount;
  }
  return total;
}

/** Sum of the known amounts, for "at least" totals when some are unknown. */
export function sumKnown(amounts: readonly Usd[]): number {
  return amounts.reduce<number>((total, amount) => total + (amount ?? 0), 0);
}

/**
 * Traffic above which an interface endpoint is cheaper than sending the same traffic through a NAT
 * gateway: endpoint hours = n_AZ × hours × $/h, against a saving of (NAT $/GB − endpoint $/GB) per GB.
 *
 * @param endpointMonthlyUsd - the fixed monthly cost of the endpoint(s)
 * @param natPerGb - NAT data processing rate
 * @param endpointPerGb - the endpoint's first-tier data processing rate
 * @returns GB/month, or null when the endpoint never pays for itself (or a figure is unknown)
 */
export function breakEvenGb(endpointMonthlyUsd: Usd, natPerGb: number | null, endpointPerGb: number | null): number | null {
  if (endpointMonthlyUsd === null || natPerGb === null || endpointPerGb === null) return null;
  const savingPerGb = natPerGb - endpointPerGb;
  if (savingPerGb <= 0) return null;
  return endpointMonthlyUsd / savingPerGb;
}

/**
 * The fewest members from which a shared design pays, when sharing saves `perMemberUsd` per member
 * and costs `fixedUsd` once: the smallest n ≥ 2 with n × perMemberUsd > fixedUsd.
 *
 * @param perMemberUsd - the net saving each member brings (per month)
 * @param fixedUsd - the shared part's own monthly cost, net of what one member saves
 * @returns the count, or null when it never pays (a non-positive saving per member)
 */
export function smallestPayingSet(perMemberUsd: number, fixedUsd: number): number | null {
  if (perMemberUsd <= 0) return null;
  return Math.max(2, Math.floor(fixedUsd / perMemberUsd) + 1);
}
