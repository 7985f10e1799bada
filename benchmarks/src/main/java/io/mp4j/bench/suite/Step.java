package io.mp4j.bench.suite;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One process of the suite: a benchmark main in a child JVM, or a Python peer script. Its standard output carries
 * JSON lines (collected into {@code results.jsonl}), its standard error goes to its log.
 *
 * @param part        the part it measures, or null for a step that only describes the environment.
 * @param name        a short unique name, used for its log file, e.g. {@code pipe-java}.
 * @param title       what it runs, for the progress line.
 * @param command     the command line.
 * @param environment variables added to this process's environment.
 * @param directory   its working directory, or null for this process's.
 * @param expectedMs  about how long it takes on 2 cores: the weight of its share of the progress bar.
 * @param peer        whether it measures peers only: its failure is reported but does not fail the run.
 */
record Step(Part part, String name, String title, List<String> command, Map<String, String> environment,
    Path directory, long expectedMs, boolean peer)
{
    /**
     * Copies the lists.
     */
    Step
    {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }
}
