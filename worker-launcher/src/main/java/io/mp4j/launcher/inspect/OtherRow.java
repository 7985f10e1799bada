package io.mp4j.launcher.inspect;

import io.mp4j.ipc.region.RegionKind;

/**
 * A region that {@code mp4j stat} shows by kind and size only: arrays, locks and the other synchronisation kinds,
 * lock tables, Chronicle files.
 *
 * @param name        the region's name.
 * @param kind        its kind.
 * @param lengthBytes its size.
 */
public record OtherRow(String name, RegionKind kind, long lengthBytes)
{
}
