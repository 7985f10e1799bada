package io.mp4j.ipc.region;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where spaces live: {@code /dev/shm/mp4j-<user>} where {@code /dev/shm} exists, else
 * {@code <java.io.tmpdir>/mp4j-<user>}; the system property {@value #PROPERTY} or else the environment variable
 * {@value #ENV} overrides it.
 */
public final class SpaceRoot
{
    /** System property naming the root directory of spaces. */
    public static final String PROPERTY = "mp4j.dir";

    /** Environment variable naming the root directory of spaces, read when the property is not set. */
    public static final String ENV = "MP4J_DIR";

    private SpaceRoot()
    {
    }

    /**
     * @return the root directory of spaces for this user, as configured now. It may not exist yet.
     */
    public static Path resolve()
    {
        final String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank())
        {
            return Path.of(property).toAbsolutePath();
        }
        final String env = System.getenv(ENV);
        if (env != null && !env.isBlank())
        {
            return Path.of(env).toAbsolutePath();
        }
        final Path shm = Path.of("/dev/shm");
        final Path base = Files.isDirectory(shm) && Files.isWritable(shm) ?
            shm : Path.of(System.getProperty("java.io.tmpdir"));
        return base.resolve("mp4j-" + userName());
    }

    private static String userName()
    {
        final String user = System.getProperty("user.name", "user");
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < user.length(); i++)
        {
            final char c = user.charAt(i);
            sb.append(Character.isLetterOrDigit(c) || c == '_' || c == '-' ? c : '_');
        }
        return sb.length() == 0 ? "user" : sb.toString();
    }
}
