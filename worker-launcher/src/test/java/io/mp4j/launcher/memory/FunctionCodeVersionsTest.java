package io.mp4j.launcher.memory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compiles versions of a small program during the test, loads each with its own class loader, and checks which edits
 * change the code digest: those that change what the function computes do, moving code to other lines or compiling
 * with or without debug information does not.
 */
class FunctionCodeVersionsTest
{
    private static final String FN = """
        package example;

        import io.mp4j.launcher.Task;

        public class Fn
        {
            public static int f(int x)
            {
                return Helper.h(x) + 1;
            }

            public static Task<Integer, Integer> task()
            {
                return Fn::f;
            }

            public static Task<Integer, Integer> lambda()
            {
                return x -> Helper.h(x) + 1;
            }

            public static Task<Integer, Integer> capturing(int k)
            {
                return x -> Helper.h(x) + k;
            }

            public static int rec(int n)
            {
                return n <= 0 ? 0 : rec(n - 1) + Helper.h(n) + Helper.odd(n);
            }

            public static Task<Integer, Integer> recursive()
            {
                return Fn::rec;
            }

            public static Task<Integer, Integer> library()
            {
                return x -> lib.Lib.g(x) + 1;
            }
        }
        """;

    private static final String HELPER = """
        package example;

        class Helper
        {
            static final int[] TABLE = {0, 0};

            static int h(int x)
            {
                return x * x + TABLE[x & 1];
            }

            static int unused(int x)
            {
                return x + 1;
            }

            static int odd(int n)
            {
                return n <= 0 ? 0 : even(n - 1);
            }

            static int even(int n)
            {
                return n <= 0 ? 1 : odd(n - 1);
            }
        }
        """;

    private static final String LIB = """
        package lib;

        public class Lib
        {
            public static int g(int x)
            {
                return x + 10;
            }
        }
        """;

    private static final String LIB_CHANGED = LIB.replace("x + 10", "x + 20");

    private static final Map<String, Version> VERSIONS = new LinkedHashMap<>();

    private static Path libV1;

    @TempDir
    static Path dir;

    private record Version(
        Path classes, String task, String lambda, String recursive, String taskId, String lambdaId, byte[] fnClass)
    {
    }

    @BeforeAll
    static void compileVersions() throws Exception
    {
        libV1 = compile("lib-v1", "-g", Map.of("lib/Lib.java", LIB));
        final String shifted = "\n\n// a comment that moves every line\n\n";
        final Map<String, String[]> sources = new LinkedHashMap<>();
        sources.put("v1", new String[] {FN, HELPER, "-g:source,lines"});
        sources.put("v2-lines", new String[] {
            FN.replace("public class Fn\n{", shifted + "public class Fn\n{" + shifted)
                .replace("    public static Task<Integer, Integer> task()", shifted + "    /* moved */\n"
                    + "    public static Task<Integer, Integer> task()"),
            HELPER.replace("class Helper\n{", shifted + "class Helper\n{" + shifted),
            "-g:source,lines"});
        sources.put("v3-body", new String[] {FN.replace("Helper.h(x) + 1", "Helper.h(x) + 2"), HELPER,
            "-g:source,lines"});
        sources.put("v4-helper", new String[] {FN, HELPER.replace("x * x + TABLE", "x * x * x + TABLE"),
            "-g:source,lines"});
        sources.put("v5-uncalled", new String[] {FN, HELPER.replace("return x + 1;", "return x + 2;"),
            "-g:source,lines"});
        sources.put("v6-table", new String[] {FN, HELPER.replace("{0, 0}", "{0, 1}"), "-g:source,lines"});
        sources.put("v1-g", new String[] {FN, HELPER, "-g"});
        sources.put("v1-g-none", new String[] {FN, HELPER, "-g:none"});
        for (final Map.Entry<String, String[]> entry : sources.entrySet())
        {
            final String[] version = entry.getValue();
            final Path classes = compile(entry.getKey(), version[2], Map.of(
                "example/Fn.java", version[0], "example/Helper.java", version[1]));
            VERSIONS.put(entry.getKey(), digests(classes));
        }
    }

    @Test
    void shouldKeepTheDigestWhenOnlyLinesMove()
    {
        assertFalse(Arrays.equals(VERSIONS.get("v1").fnClass(), VERSIONS.get("v2-lines").fnClass()),
            "the edit changed the class file's line numbers");
        assertSameCode("v1", "v2-lines");
    }

    @Test
    void shouldKeepTheDigestWithOrWithoutDebugInformation()
    {
        assertFalse(Arrays.equals(VERSIONS.get("v1-g").fnClass(), VERSIONS.get("v1-g-none").fnClass()));
        assertSameCode("v1", "v1-g");
        assertSameCode("v1", "v1-g-none");
    }

    @Test
    void shouldChangeTheDigestWhenTheFunctionBodyChanges()
    {
        assertNotEquals(VERSIONS.get("v1").task(), VERSIONS.get("v3-body").task());
        assertNotEquals(VERSIONS.get("v1").lambda(), VERSIONS.get("v3-body").lambda());
    }

    @Test
    void shouldChangeTheDigestWhenACalledHelperChanges()
    {
        assertNotEquals(VERSIONS.get("v1").task(), VERSIONS.get("v4-helper").task());
        assertNotEquals(VERSIONS.get("v1").lambda(), VERSIONS.get("v4-helper").lambda());
    }

    @Test
    void shouldKeepTheDigestWhenAnUncalledMethodChanges()
    {
        assertSameCode("v1", "v5-uncalled");
    }

    @Test
    void shouldChangeTheDigestWhenAStaticTableReadByAHelperChanges()
    {
        assertNotEquals(VERSIONS.get("v1").task(), VERSIONS.get("v6-table").task());
        assertNotEquals(VERSIONS.get("v1").lambda(), VERSIONS.get("v6-table").lambda());
    }

    @Test
    void shouldKeepTheIdAcrossAllVersions()
    {
        for (final Version version : VERSIONS.values())
        {
            assertEquals(VERSIONS.get("v1").taskId(), version.taskId());
            assertEquals(VERSIONS.get("v1").lambdaId(), version.lambdaId());
        }
        assertTrue(VERSIONS.get("v1").taskId().startsWith("example.Fn.f-"), VERSIONS.get("v1").taskId());
        assertNotEquals(VERSIONS.get("v1").taskId(), VERSIONS.get("v1").lambdaId());
    }

    @Test
    void shouldFollowRecursionOnce()
    {
        assertNotEquals(VERSIONS.get("v1").recursive(), VERSIONS.get("v4-helper").recursive());
        assertEquals(VERSIONS.get("v1").recursive(), VERSIONS.get("v2-lines").recursive());
    }

    @Test
    void shouldGiveACompiledLambdasCapturedValue() throws Exception
    {
        try (URLClassLoader loader = loader(VERSIONS.get("v1").classes(), libV1))
        {
            final FunctionCode code = FunctionCode.of(function(loader, "capturing", 42));
            assertEquals(List.of(42), code.captured());
            assertTrue(code.name().startsWith("Fn.lambda$capturing$"), code.name());
        }
    }

    @Test
    void shouldFollowOtherClassPathEntriesOnlyWhenNamed() throws Exception
    {
        final Path app = VERSIONS.get("v1").classes();
        final Path libV2 = compile("lib-v2", "-g", Map.of("lib/Lib.java", LIB_CHANGED));
        final List<String> defaultScope = new ArrayList<>();
        final List<String> withLib = new ArrayList<>();
        for (final Path lib : List.of(libV1, libV2))
        {
            try (URLClassLoader loader = loader(app, lib))
            {
                final Object function = function(loader, "library");
                assertEquals(lib.toUri().toURL(), loader.loadClass("lib.Lib").getProtectionDomain().getCodeSource()
                    .getLocation(), "the library version under test");
                defaultScope.add(HexFormat.of().formatHex(FunctionCode.of(function).codeDigest()));
                withLib.add(HexFormat.of().formatHex(FunctionCode.of(function, List.of("lib.")).codeDigest()));
            }
        }
        assertEquals(defaultScope.get(0), defaultScope.get(1), "another class-path entry is a library: not followed");
        assertNotEquals(withLib.get(0), withLib.get(1), "followed when its package is named");
        assertNotEquals(defaultScope.get(0), withLib.get(0));
    }

    @Test
    void shouldScopeAJarAsItsClassPathEntry() throws Exception
    {
        final List<String> digests = new ArrayList<>();
        for (final String version : List.of("v1", "v4-helper"))
        {
            final Path jar = jar(VERSIONS.get(version).classes(), dir.resolve(version + ".jar"));
            try (URLClassLoader loader = loader(jar, libV1))
            {
                final Object function = function(loader, "task");
                assertTrue(function.getClass().getClassLoader().getResource("example/Fn.class").toString()
                    .startsWith("jar:"));
                final String digest = HexFormat.of().formatHex(FunctionCode.of(function).codeDigest());
                assertEquals(VERSIONS.get(version).task(), digest, "the same code from a jar or a directory");
                digests.add(digest);
            }
        }
        assertNotEquals(digests.get(0), digests.get(1), "the helper in the same jar is followed");
    }

    private static void assertSameCode(final String expected, final String actual)
    {
        assertEquals(VERSIONS.get(expected).task(), VERSIONS.get(actual).task(), "Fn::f, " + actual);
        assertEquals(VERSIONS.get(expected).lambda(), VERSIONS.get(actual).lambda(), "lambda, " + actual);
        assertEquals(VERSIONS.get(expected).recursive(), VERSIONS.get(actual).recursive(), "Fn::rec, " + actual);
    }

    private static Version digests(final Path classes) throws Exception
    {
        try (URLClassLoader loader = loader(classes, libV1))
        {
            final FunctionCode task = FunctionCode.of(function(loader, "task"));
            final FunctionCode lambda = FunctionCode.of(function(loader, "lambda"));
            final FunctionCode recursive = FunctionCode.of(function(loader, "recursive"));
            return new Version(
                classes,
                HexFormat.of().formatHex(task.codeDigest()),
                HexFormat.of().formatHex(lambda.codeDigest()),
                HexFormat.of().formatHex(recursive.codeDigest()),
                task.id(),
                lambda.id(),
                Files.readAllBytes(classes.resolve("example/Fn.class")));
        }
    }

    private static Object function(final ClassLoader loader, final String factory, final Object... arguments)
        throws ReflectiveOperationException
    {
        final Class<?> fn = loader.loadClass("example.Fn");
        final Class<?>[] types = new Class<?>[arguments.length];
        Arrays.fill(types, int.class);
        return fn.getMethod(factory, types).invoke(null, arguments);
    }

    private static URLClassLoader loader(final Path... classes) throws IOException
    {
        final URL[] urls = new URL[classes.length];
        for (int i = 0; i < classes.length; i++)
        {
            urls[i] = classes[i].toUri().toURL();
        }
        return new URLClassLoader(urls, FunctionCodeVersionsTest.class.getClassLoader());
    }

    private static Path jar(final Path classes, final Path jar) throws IOException
    {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
            Stream<Path> files = Files.walk(classes))
        {
            for (final Path file : files.filter(Files::isRegularFile).sorted().toList())
            {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        return jar;
    }

    // the test's class path, and the library's classes once compiled
    private static String classPath()
    {
        final String classPath = System.getProperty("java.class.path");
        return libV1 == null ? classPath : classPath + File.pathSeparator + libV1;
    }

    private static Path compile(final String name, final String debug, final Map<String, String> sources)
        throws IOException
    {
        final Path root = dir.resolve(name);
        final Path classes = root.resolve("classes");
        Files.createDirectories(classes);
        final List<String> arguments = new ArrayList<>(List.of(
            "-d", classes.toString(), "-classpath", classPath(), debug));
        for (final Map.Entry<String, String> source : sources.entrySet())
        {
            final Path file = root.resolve("src").resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            arguments.add(file.toString());
        }
        final JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        final ByteArrayOutputStream errors = new ByteArrayOutputStream();
        final int status = compiler.run(null, null, errors, arguments.toArray(new String[0]));
        assertEquals(0, status, () -> "javac " + name + ": " + errors.toString(StandardCharsets.UTF_8));
        return classes;
    }
}
