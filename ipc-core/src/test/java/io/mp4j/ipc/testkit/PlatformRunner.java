package io.mp4j.ipc.testkit;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a test class through the JUnit Platform launcher inside this JVM and returns its summary: for tests of test
 * tooling (such as {@link NoLeaksExtension}) that must see a test fail without failing the build.
 *
 * <p>The launcher is on the class path of a Surefire run (its JUnit Platform provider brings it) but not on the
 * compile class path of this module, so it is reached by reflection, through its public API only:
 * {@code LauncherFactory}, {@code LauncherDiscoveryRequestBuilder}, {@code DiscoverySelectors} and
 * {@code SummaryGeneratingListener}.
 *
 * <p>Threading: one run per thread at a time.
 */
public final class PlatformRunner
{
    private static final String LAUNCHER_FACTORY = "org.junit.platform.launcher.core.LauncherFactory";

    private PlatformRunner()
    {
    }

    /**
     * @return true if the JUnit Platform launcher can be loaded.
     */
    public static boolean isAvailable()
    {
        try
        {
            load(LAUNCHER_FACTORY);
            return true;
        }
        catch (final ClassNotFoundException ex)
        {
            return false;
        }
    }

    /**
     * Runs the tests of one class.
     *
     * @param testClass the class, which may be a static nested class that the build's own run skips.
     * @return what happened.
     */
    public static Summary run(final Class<?> testClass)
    {
        return run(testClass, Map.of());
    }

    /**
     * Runs the tests of one class with JUnit configuration parameters.
     *
     * @param testClass               the class, which may be a static nested class that the build's own run skips.
     * @param configurationParameters JUnit configuration parameters for this run.
     * @return what happened.
     */
    public static Summary run(final Class<?> testClass, final Map<String, String> configurationParameters)
    {
        try
        {
            final Class<?> selectors = load("org.junit.platform.engine.discovery.DiscoverySelectors");
            final Class<?> selectorType = load("org.junit.platform.engine.DiscoverySelector");
            final Object selector = selectors.getMethod("selectClass", Class.class).invoke(null, testClass);
            final Object selectorArray = Array.newInstance(selectorType, 1);
            Array.set(selectorArray, 0, selector);

            final Class<?> builderType = load("org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder");
            Object builder = builderType.getMethod("request").invoke(null);
            builder = builderType.getMethod("selectors", selectorArray.getClass()).invoke(builder, selectorArray);
            builder = builderType.getMethod("configurationParameters", Map.class)
                .invoke(builder, configurationParameters);
            final Object request = builderType.getMethod("build").invoke(builder);

            final Class<?> listenerType = load("org.junit.platform.launcher.TestExecutionListener");
            final Class<?> summaryListenerType = load("org.junit.platform.launcher.listeners.SummaryGeneratingListener");
            final Object listener = summaryListenerType.getConstructor().newInstance();
            final Object listenerArray = Array.newInstance(listenerType, 1);
            Array.set(listenerArray, 0, listener);

            final Class<?> launcherType = load("org.junit.platform.launcher.Launcher");
            final Class<?> requestType = load("org.junit.platform.launcher.LauncherDiscoveryRequest");
            final Object launcher = load(LAUNCHER_FACTORY).getMethod("create").invoke(null);
            launcherType.getMethod("execute", requestType, listenerArray.getClass())
                .invoke(launcher, request, listenerArray);

            final Object summary = summaryListenerType.getMethod("getSummary").invoke(listener);
            final Class<?> summaryType = load("org.junit.platform.launcher.listeners.TestExecutionSummary");
            final List<Failure> failures = new ArrayList<>();
            final Class<?> failureType = load("org.junit.platform.launcher.listeners.TestExecutionSummary$Failure");
            final Class<?> identifierType = load("org.junit.platform.launcher.TestIdentifier");
            for (final Object failure : (List<?>)summaryType.getMethod("getFailures").invoke(summary))
            {
                final Object identifier = failureType.getMethod("getTestIdentifier").invoke(failure);
                failures.add(new Failure(
                    (String)identifierType.getMethod("getDisplayName").invoke(identifier),
                    (Throwable)failureType.getMethod("getException").invoke(failure)));
            }
            return new Summary(
                count(summaryType, summary, "getTestsStartedCount"),
                count(summaryType, summary, "getTestsSucceededCount"),
                count(summaryType, summary, "getTestsFailedCount"),
                count(summaryType, summary, "getTestsAbortedCount"),
                count(summaryType, summary, "getTestsSkippedCount"),
                List.copyOf(failures));
        }
        catch (final InvocationTargetException ex)
        {
            throw new IllegalStateException("JUnit Platform launcher failed on " + testClass, ex.getCause());
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new IllegalStateException("JUnit Platform launcher API not usable", ex);
        }
    }

    private static long count(final Class<?> summaryType, final Object summary, final String getter)
        throws ReflectiveOperationException
    {
        return (Long)summaryType.getMethod(getter).invoke(summary);
    }

    private static Class<?> load(final String name) throws ClassNotFoundException
    {
        return Class.forName(name, true, PlatformRunner.class.getClassLoader());
    }

    /**
     * One failed test.
     *
     * @param displayName the test's display name.
     * @param exception   why it failed.
     */
    public record Failure(String displayName, Throwable exception)
    {
    }

    /**
     * What a run did.
     *
     * @param started   tests started.
     * @param succeeded tests that passed.
     * @param failed    tests that failed.
     * @param aborted   tests aborted by an assumption.
     * @param skipped   tests skipped (disabled).
     * @param failures  the failures, each with its exception.
     */
    public record Summary(long started, long succeeded, long failed, long aborted, long skipped, List<Failure> failures)
    {
        /**
         * @return the failures' messages, one per line, for assertion messages.
         */
        public String describeFailures()
        {
            final StringBuilder text = new StringBuilder();
            for (final Failure failure : failures)
            {
                text.append(failure.displayName()).append(": ").append(failure.exception()).append('\n');
            }
            return text.toString();
        }
    }
}
