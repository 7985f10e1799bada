package io.mp4j.launcher.cli;

import io.mp4j.launcher.demo.CounterDemo;
import io.mp4j.launcher.demo.ParallelDemo;
import io.mp4j.launcher.demo.PoolDemo;
import io.mp4j.launcher.demo.QueuePipeDemo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/**
 * {@code mp4j demo}: runs mp4j's examples end to end and prints what happened.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Runs mp4j's examples across worker JVMs and checks their results.")
final class DemoCommand implements Callable<Integer>
{
    @Option(names = "--workers", defaultValue = "2", description = "Worker JVMs (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--increments", defaultValue = "20000000",
        description = "Increments per worker in the counter demo (default: ${DEFAULT-VALUE}).")
    long increments;

    @Override
    public Integer call() throws Exception
    {
        if (workers < 1 || increments < 0)
        {
            throw new IllegalArgumentException("--workers must be >= 1 and --increments >= 0");
        }
        boolean ok = new PoolDemo(System.out).run();
        System.out.println();
        ok &= new ParallelDemo(System.out).run();
        System.out.println();
        ok &= new CounterDemo(System.out, workers, increments).run();
        System.out.println();
        ok &= new QueuePipeDemo(System.out, workers).run();
        System.out.println(ok ? "demo: all checks passed" : "demo: a check FAILED");
        return ok ? Mp4jCommand.EXIT_OK : Mp4jCommand.EXIT_CHECK_FAILED;
    }
}
