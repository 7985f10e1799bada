/**
 * The multi-JVM test kit of mp4j, shared with the other modules' tests through ipc-core's test-jar.
 *
 * <ul>
 *   <li>{@link io.mp4j.ipc.testkit.ChildJvm}: a child JVM running a nested class's {@code main} with the
 *       production JVM command line; captured output, named points, exit code, SIGKILL, SIGSTOP, SIGCONT and a
 *       whole-life timeout.</li>
 *   <li>{@link io.mp4j.ipc.testkit.ChildPoints}: what the child calls to mark points, report values and park.</li>
 *   <li>{@link io.mp4j.ipc.testkit.NoLeaks}: fails a test that leaks child processes, non-daemon threads or
 *       region files, and hands it a fresh {@link io.mp4j.ipc.Space}.</li>
 *   <li>{@link io.mp4j.ipc.testkit.Await}: waiting on a condition (a shared-memory flag) with a deadline.</li>
 *   <li>{@link io.mp4j.ipc.testkit.Serialized}: handles to and from base64 for a child's command line.</li>
 *   <li>{@link io.mp4j.ipc.testkit.Tmpfs}: a small tmpfs to fill up on purpose.</li>
 *   <li>{@link io.mp4j.ipc.testkit.PlatformRunner}: runs a test class in-process, for tests of test tooling.</li>
 * </ul>
 *
 * <p>A typical multi-JVM test:
 * <pre>
 * &#64;NoLeaks
 * class PingTest
 * {
 *     &#64;Test
 *     &#64;Timeout(60)
 *     void shouldSeeTheChildsWrite(final Space space)
 *     {
 *         try (SharedLong value = space.sharedLong("v");
 *              ChildJvm child = ChildJvm.start(Writer.class, space.directory().toString()))
 *         {
 *             child.awaitPoint("written", Duration.ofSeconds(30));
 *             assertEquals(42, value.get());
 *             child.awaitSuccess(Duration.ofSeconds(30));
 *             value.unlink();
 *         }
 *     }
 *
 *     public static final class Writer
 *     {
 *         public static void main(final String[] args)
 *         {
 *             try (SharedLong value = Space.at(Path.of(args[0])).sharedLong("v"))
 *             {
 *                 value.set(42);
 *                 ChildPoints.reached("written");
 *             }
 *         }
 *     }
 * }
 * </pre>
 */
package io.mp4j.ipc.testkit;
