package io.mp4j.ipc.testkit;

import io.mp4j.ipc.Space;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A JUnit extension that fails a test which leaves behind, once its {@code @AfterEach} methods have run:
 * <ul>
 *   <li>child processes of this JVM (any descendant that was not there before the test and is still alive after a
 *       grace of {@link #EXIT_GRACE} for those on their way out); they are killed after being reported;</li>
 *   <li>non-daemon threads started during the test and still alive after the same grace; they are interrupted
 *       after being reported;</li>
 *   <li>region files in the {@link Space} it handed the test.</li>
 * </ul>
 *
 * <p>A test or lifecycle method that declares a {@link Space} parameter gets a fresh space,
 * {@code Space.open("test-<pid>-<n>-<method>")} under the default root ({@code /dev/shm/mp4j-<user>}); every
 * {@code Space} parameter of one test (its {@code @BeforeEach}, the test, its {@code @AfterEach}) is that same
 * space. After the test the space must hold no file; its directory is deleted in any case, so nothing stays in
 * {@code /dev/shm} even when the test fails.
 *
 * <p>When the test itself fails, the output of the child JVMs ({@link ChildJvm}) it started is printed to
 * standard error.
 *
 * <p>The grace can be set with the JUnit configuration parameter {@value #EXIT_GRACE_PARAMETER}.
 *
 * <p>Use it through {@link NoLeaks}. Tests in one JVM must not run in parallel under it: it compares this JVM's
 * processes and threads before and after each test.
 */
public final class NoLeaksExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver
{
    /** How long processes and threads started by a test get to end on their own after it, by default. */
    public static final Duration EXIT_GRACE = Duration.ofSeconds(5);

    /** JUnit configuration parameter overriding {@link #EXIT_GRACE}, in milliseconds. */
    public static final String EXIT_GRACE_PARAMETER = "mp4j.noleaks.exitGraceMs";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
        NoLeaksExtension.class);
    private static final String BEFORE_KEY = "before";
    private static final String SPACE_KEY = "space";
    private static final int MAX_METHOD_NAME_CHARS = 80;
    private static final AtomicLong SPACES = new AtomicLong();

    @Override
    public void beforeEach(final ExtensionContext context)
    {
        context.getStore(NAMESPACE).put(BEFORE_KEY, new Before(descendants(), liveThreads(), ChildJvm.lastSequence()));
    }

    @Override
    public void afterEach(final ExtensionContext context)
    {
        final ExtensionContext.Store store = context.getStore(NAMESPACE);
        final Before before = store.remove(BEFORE_KEY, Before.class);
        final Optional<Throwable> failure = context.getExecutionException();
        if (before != null && failure.isPresent())
        {
            printChildren(context, before);
        }
        final List<String> leaks = new ArrayList<>();
        final Duration grace = context.getConfigurationParameter(EXIT_GRACE_PARAMETER)
            .map(Long::parseLong).map(Duration::ofMillis).orElse(EXIT_GRACE);
        final long deadlineNs = System.nanoTime() + grace.toNanos();
        if (before != null)
        {
            // Processes first: a leaked child could still be creating region files.
            leaks.addAll(checkProcesses(before, grace, deadlineNs));
            leaks.addAll(checkThreads(before, grace, deadlineNs));
        }
        final Space space = store.remove(SPACE_KEY, Space.class);
        if (space != null)
        {
            leaks.addAll(checkSpace(space));
        }
        if (!leaks.isEmpty())
        {
            throw new AssertionError(context.getDisplayName() + " leaked:\n  - " + String.join("\n  - ", leaks));
        }
    }

    @Override
    public boolean supportsParameter(final ParameterContext parameterContext, final ExtensionContext context)
    {
        return parameterContext.getParameter().getType() == Space.class &&
            parameterContext.getDeclaringExecutable() instanceof Method method &&
            !Modifier.isStatic(method.getModifiers());
    }

    @Override
    public Object resolveParameter(final ParameterContext parameterContext, final ExtensionContext context)
    {
        final Method testMethod = context.getTestMethod().orElseThrow(() -> new ParameterResolutionException(
            "a Space is handed to test methods and their @BeforeEach/@AfterEach methods only"));
        return context.getStore(NAMESPACE).computeIfAbsent(SPACE_KEY, key -> newSpace(testMethod), Space.class);
    }

    private static Space newSpace(final Method testMethod)
    {
        String method = testMethod.getName().replaceAll("[^A-Za-z0-9_.-]", "_");
        if (method.length() > MAX_METHOD_NAME_CHARS)
        {
            method = method.substring(0, MAX_METHOD_NAME_CHARS);
        }
        return Space.open("test-" + ProcessHandle.current().pid() + "-" + SPACES.incrementAndGet() + "-" + method);
    }

    private static List<String> checkProcesses(final Before before, final Duration grace, final long deadlineNs)
    {
        final List<ProcessHandle> started = descendants().stream()
            .filter(process -> !before.descendants.contains(process))
            .collect(Collectors.toList());
        for (final ProcessHandle process : started)
        {
            final long remainingNs = deadlineNs - System.nanoTime();
            if (remainingNs <= 0)
            {
                break;
            }
            try
            {
                process.onExit().get(remainingNs, TimeUnit.NANOSECONDS);
            }
            catch (final TimeoutException | ExecutionException ex)
            {
                // Still alive at the deadline: reported below.
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                break;
            }
        }
        final List<String> leaks = new ArrayList<>();
        final List<ProcessHandle> leaked = new ArrayList<>();
        for (final ProcessHandle process : started)
        {
            if (process.isAlive() && ChildJvm.processState(process.pid()) != 'Z')
            {
                leaked.add(process);
                leaks.add("child process " + process.pid() + " still running " + grace.toMillis() +
                    " ms after the test: " + process.info().commandLine().orElse("(command unknown)") +
                    describeChildJvm(process.pid(), before) + " (killed now)");
            }
        }
        for (final ProcessHandle process : leaked)
        {
            process.destroyForcibly();
        }
        for (final ProcessHandle process : leaked)
        {
            try
            {
                process.onExit().get(EXIT_GRACE.toNanos(), TimeUnit.NANOSECONDS);
            }
            catch (final TimeoutException | ExecutionException ex)
            {
                leaks.add("child process " + process.pid() + " survived SIGKILL for " + EXIT_GRACE.toMillis() + " ms");
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        return leaks;
    }

    private static String describeChildJvm(final long pid, final Before before)
    {
        for (final ChildJvm child : ChildJvm.startedAfter(before.childSequence))
        {
            if (child.pid() == pid)
            {
                return "\n" + child.describe();
            }
        }
        return "";
    }

    private static List<String> checkThreads(final Before before, final Duration grace, final long deadlineNs)
    {
        final List<Thread> started = liveThreads().stream()
            .filter(thread -> !before.threads.contains(thread) && !thread.isDaemon())
            .collect(Collectors.toList());
        final List<String> leaks = new ArrayList<>();
        for (final Thread thread : started)
        {
            try
            {
                final long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime());
                if (remainingMs > 0)
                {
                    thread.join(remainingMs);
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive())
            {
                leaks.add("non-daemon thread '" + thread.getName() + "' still running " + grace.toMillis() +
                    " ms after the test, in " + Stream.of(thread.getStackTrace()).limit(8)
                    .map(StackTraceElement::toString).collect(Collectors.joining(" < ")) + " (interrupted now)");
                thread.interrupt();
            }
        }
        return leaks;
    }

    private static List<String> checkSpace(final Space space)
    {
        final Path directory = space.directory();
        final List<String> leaks = new ArrayList<>();
        if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS))
        {
            try (Stream<Path> files = Files.list(directory))
            {
                final List<String> names = files.map(file -> file.getFileName().toString()).sorted()
                    .collect(Collectors.toList());
                if (!names.isEmpty())
                {
                    leaks.add("region files left in space " + directory + ": " + names + " (deleted now)");
                }
            }
            catch (final IOException ex)
            {
                leaks.add("cannot list space " + directory + ": " + ex);
            }
            try
            {
                deleteContents(directory);
                space.destroy(); // the directory, and the root of spaces if no other space is left in it
            }
            catch (final IOException | RuntimeException ex)
            {
                leaks.add("cannot delete space " + directory + ": " + ex);
            }
        }
        return leaks;
    }

    private static void deleteContents(final Path directory) throws IOException
    {
        Files.walkFileTree(directory, new SimpleFileVisitor<>()
        {
            @Override
            public FileVisitResult visitFile(final Path file, final BasicFileAttributes attributes) throws IOException
            {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(final Path dir, final IOException ex) throws IOException
            {
                if (ex != null)
                {
                    throw ex;
                }
                if (!dir.equals(directory))
                {
                    Files.deleteIfExists(dir);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void printChildren(final ExtensionContext context, final Before before)
    {
        final List<ChildJvm> children = ChildJvm.startedAfter(before.childSequence);
        if (!children.isEmpty())
        {
            final StringBuilder text = new StringBuilder("=== child JVMs of failed test ")
                .append(context.getDisplayName()).append(" ===\n");
            for (final ChildJvm child : children)
            {
                text.append(child.describe()).append('\n');
            }
            System.err.print(text);
            System.err.flush();
        }
    }

    private static Set<ProcessHandle> descendants()
    {
        try (Stream<ProcessHandle> processes = ProcessHandle.current().descendants())
        {
            return processes.collect(Collectors.toSet());
        }
    }

    private static Set<Thread> liveThreads()
    {
        final Set<Thread> threads = Collections.newSetFromMap(new IdentityHashMap<>());
        threads.addAll(Thread.getAllStackTraces().keySet());
        return threads;
    }

    private record Before(Set<ProcessHandle> descendants, Set<Thread> threads, long childSequence)
    {
    }
}
