package io.mp4j.launcher;

import io.mp4j.launcher.pool.ProcessPool;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Stops the idle worker JVMs that closed pools keep warm for reuse, once a test class has run: a class whose pools
 * keep the default keep-alive must not leave workers that later classes count among the test JVM's children.
 */
public final class StopWarmWorkers implements AfterAllCallback
{
    @Override
    public void afterAll(final ExtensionContext context)
    {
        ProcessPool.stopIdleWorkers();
    }
}
