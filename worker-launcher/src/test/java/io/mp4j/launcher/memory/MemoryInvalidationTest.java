package io.mp4j.launcher.memory;

import io.mp4j.launcher.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cache's entries follow the code, not the source text: versions of a function and of a helper it calls are
 * compiled during the test and loaded side by side; a body or callee change misses, a line-number change hits.
 */
@Timeout(120)
class MemoryInvalidationTest
{
    private static final String FN = """
        package demo;
        public final class Fn
        {
            public static io.mp4j.launcher.Task<Integer, Integer> task()
            {
                return Fn::f;
            }
        %s
            static int f(int x)
            {
                return Helper.h(x) + %d;
            }
        }
        """;
    private static final String HELPER = """
        package demo;
        final class Helper
        {
            static int h(int x)
            {
                return %s;
            }

            static int unused(int x)
            {
                return x - %d;
            }
        }
        """;

    @TempDir
    Path dir;

    @Test
    void shouldHitAfterALineChangeAndMissAfterABodyOrCalleeChange() throws Exception
    {
        final Memory memory = new Memory(dir.resolve("cache"));
        final CachedTask<Integer, Integer> v1 = memory.cache(compile("v1", "", 1, "x * x", 0));
        assertFalse(v1.isCached(3));
        assertEquals(10, v1.call(3));
        assertTrue(v1.isCached(3));

        final CachedTask<Integer, Integer> shifted = memory.cache(
            compile("shifted", "\n\n    // a comment and blank lines move f down\n\n", 1, "x * x", 0));
        assertTrue(shifted.isCached(3), "only line numbers changed: a hit");
        assertEquals(v1.code().codeVersion(), shifted.code().codeVersion());

        final CachedTask<Integer, Integer> unusedChanged = memory.cache(compile("unused", "", 1, "x * x", 5));
        assertTrue(unusedChanged.isCached(3), "a helper method f does not call changed: a hit");

        final CachedTask<Integer, Integer> helperChanged = memory.cache(compile("callee", "", 1, "x * x * x", 0));
        assertFalse(helperChanged.isCached(3), "the callee changed: a miss");
        assertEquals(28, helperChanged.call(3));

        final CachedTask<Integer, Integer> bodyChanged = memory.cache(compile("body", "", 2, "x * x", 0));
        assertFalse(bodyChanged.isCached(3), "the body changed: a miss");
        assertEquals(11, bodyChanged.call(3));

        assertEquals(v1.code().id(), bodyChanged.code().id(), "one function, several code versions");
        assertFalse(v1.isCached(3), "the outdated version's entries were removed when new code stored");
        try (var versions = Files.list(dir.resolve("cache").resolve(v1.code().id())))
        {
            assertEquals(1, versions.count(), "only the current code version is kept");
        }
    }

    @SuppressWarnings("unchecked")
    private Task<Integer, Integer> compile(final String version, final String shift, final int plus,
        final String helperBody, final int unused) throws Exception
    {
        final Path src = Files.createDirectories(dir.resolve(version).resolve("src/demo"));
        final Path classes = Files.createDirectories(dir.resolve(version).resolve("classes"));
        Files.writeString(src.resolve("Fn.java"), String.format(FN, shift, plus));
        Files.writeString(src.resolve("Helper.java"), String.format(HELPER, helperBody, unused));
        final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        final ByteArrayOutputStream errors = new ByteArrayOutputStream();
        final int status = javac.run(null, null, errors, "-d", classes.toString(),
            "-classpath", System.getProperty("java.class.path"),
            src.resolve("Fn.java").toString(), src.resolve("Helper.java").toString());
        assertEquals(0, status, errors.toString(StandardCharsets.UTF_8));
        final URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
            MemoryInvalidationTest.class.getClassLoader());
        return (Task<Integer, Integer>)loader.loadClass("demo.Fn").getMethod("task").invoke(null);
    }
}
