package io.mp4j.launcher.cli;

import java.util.concurrent.Callable;

/**
 * A subcommand that a module above worker-launcher adds to {@code mp4j} (the benchmarks module adds {@code bench}).
 * Implementations are picocli {@code @Command} classes with a public no-argument constructor, listed in
 * {@code META-INF/services/io.mp4j.launcher.cli.Subcommand}; {@link Mp4jCommand} finds those on its class path with
 * {@link java.util.ServiceLoader}. The call returns one of {@link Mp4jCommand}'s exit codes.
 */
public interface Subcommand extends Callable<Integer>
{
}
