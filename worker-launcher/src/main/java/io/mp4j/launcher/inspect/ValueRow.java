package io.mp4j.launcher.inspect;

import io.mp4j.ipc.region.RegionKind;

/**
 * One shared long, int, double or boolean, as read.
 *
 * @param name  the region's name.
 * @param kind  its kind.
 * @param value its value, as text.
 */
public record ValueRow(String name, RegionKind kind, String value)
{
}
