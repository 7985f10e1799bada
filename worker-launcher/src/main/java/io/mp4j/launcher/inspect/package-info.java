/**
 * Reading spaces from outside, for {@code mp4j stat}, {@code mp4j ls} and {@code mp4j clean}: what each region holds
 * (counters, queue depths, pipe backlogs, values, pools and their workers), read over read-only mappings without
 * taking part in any protocol; and the removal of what dead processes left.
 */
package io.mp4j.launcher.inspect;
