package io.mp4j.cluster.ignite;

import io.mp4j.ipc.jvm.JvmFlags;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks, before an Ignite node starts in this JVM, that the JVM got the flags of the set {@value JvmFlags#IGNITE}
 * (the root pom's {@code mp4j.jvm.flags.ignite}, which mp4j gives every member and test JVM it starts), so that a
 * driver started without them fails at once with a message naming them, instead of in Ignite's static
 * initialisers.
 *
 * <ul>
 *   <li>{@code --add-opens=M/P=ALL-UNNAMED} and {@code --add-exports=M/P=ALL-UNNAMED}: checked against the boot
 *       layer's module {@code M} (a module this runtime lacks is skipped: the flag would only warn);</li>
 *   <li>{@code -Dkey=value}: set in this JVM when absent (Ignite reads them when it starts); a value set otherwise
 *       is kept.</li>
 * </ul>
 *
 * <p>Threading: static methods, any thread.
 */
public final class IgniteFlags
{
    private static final String OPENS = "--add-opens=";
    private static final String EXPORTS = "--add-exports=";
    private static final String PROPERTY = "-D";
    private static final String ALL_UNNAMED = "=ALL-UNNAMED";

    private IgniteFlags()
    {
    }

    /**
     * Fails if this JVM lacks a module flag Ignite needs, then sets Ignite's properties that are absent.
     *
     * @throws MissingJvmFlagsException naming every missing flag.
     */
    public static void requireInThisJvm()
    {
        final List<String> missing = missingInThisJvm();
        if (!missing.isEmpty())
        {
            throw new MissingJvmFlagsException(missing);
        }
        for (final String flag : JvmFlags.set(JvmFlags.IGNITE))
        {
            if (flag.startsWith(PROPERTY))
            {
                final int equals = flag.indexOf('=');
                final String key = equals < 0 ? flag.substring(2) : flag.substring(2, equals);
                final String value = equals < 0 ? "" : flag.substring(equals + 1);
                if (System.getProperty(key) == null)
                {
                    System.setProperty(key, value);
                }
            }
        }
    }

    /**
     * @return the module flags of the set {@value JvmFlags#IGNITE} that this JVM did not get, in the set's order.
     */
    public static List<String> missingInThisJvm()
    {
        final Module self = IgniteFlags.class.getModule();
        final List<String> missing = new ArrayList<>();
        for (final String flag : JvmFlags.set(JvmFlags.IGNITE))
        {
            final boolean opens = flag.startsWith(OPENS);
            if (!opens && !flag.startsWith(EXPORTS))
            {
                continue;
            }
            final String target = flag.substring(opens ? OPENS.length() : EXPORTS.length());
            if (!target.endsWith(ALL_UNNAMED) || target.indexOf('/') < 0)
            {
                continue;
            }
            final String modulePackage = target.substring(0, target.length() - ALL_UNNAMED.length());
            final String moduleName = modulePackage.substring(0, modulePackage.indexOf('/'));
            final String packageName = modulePackage.substring(modulePackage.indexOf('/') + 1);
            final Optional<Module> module = ModuleLayer.boot().findModule(moduleName);
            if (module.isEmpty() || !module.get().getPackages().contains(packageName))
            {
                continue;
            }
            final boolean granted = opens ? module.get().isOpen(packageName, self) :
                module.get().isExported(packageName, self);
            if (!granted)
            {
                missing.add(flag);
            }
        }
        return List.copyOf(missing);
    }
}
