package dev.ablate.reports.bench;

/**
 * The fitted exponents of one variant: the least-squares slopes of log(time) and log(memory)
 * against log(n), so time ∝ n^timeSlope. About 2 for full attention, about 1 for restricted.
 *
 * @param variant the variant's name
 * @param timeSlope the slope of log(timeMs) on log(n); {@code null} with fewer than two points
 * @param memorySlope the slope of log(memoryBytes) on log(n); {@code null} with fewer than two
 *     points that have a positive memory
 * @param timePoints how many points the time fit used
 * @param memoryPoints how many points the memory fit used
 */
public record BenchFit(String variant, Double timeSlope, Double memorySlope, int timePoints, int memoryPoints) {}
