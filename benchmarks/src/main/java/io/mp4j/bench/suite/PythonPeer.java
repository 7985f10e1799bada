package io.mp4j.bench.suite;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Python interpreter the peers run on, found by asking each candidate what it has: {@code $PY} when set (then
 * only that one), else every {@code python3} on {@code PATH} and {@code /usr/bin/python3}. The first one that
 * imports both {@code multiprocessing} and {@code joblib} wins, else the first that imports
 * {@code multiprocessing}; none means the Python peers are skipped.
 *
 * @param executable    the interpreter.
 * @param version       its version, e.g. {@code 3.11.2}.
 * @param joblibVersion joblib's version, or null if it cannot import joblib.
 */
record PythonPeer(String executable, String version, String joblibVersion)
{
    private static final long PROBE_TIMEOUT_MS = 30_000;
    private static final String PROBE = String.join("\n",
        "import json, platform",
        "r = {'version': platform.python_version(), 'multiprocessing': False, 'joblib': None}",
        "try:",
        "    import multiprocessing",
        "    r['multiprocessing'] = True",
        "except Exception:",
        "    pass",
        "try:",
        "    import joblib",
        "    r['joblib'] = joblib.__version__",
        "except Exception:",
        "    pass",
        "print(json.dumps(r))");

    /**
     * What the search found.
     *
     * @param peer    the interpreter to use, or null.
     * @param summary one line for the report: what was used, or why nothing was.
     */
    record Detection(PythonPeer peer, String summary)
    {
    }

    /**
     * @return whether joblib's peers can run.
     */
    boolean hasJoblib()
    {
        return joblibVersion != null;
    }

    /**
     * @param environment the environment to read {@code PY} and {@code PATH} from.
     * @return the interpreter to use and a line saying so.
     * @throws InterruptedException if interrupted while probing.
     */
    static Detection detect(final Map<String, String> environment) throws InterruptedException
    {
        final List<String> candidates = candidates(environment);
        if (candidates.isEmpty())
        {
            return new Detection(null, "no python3 on PATH (set PY to an interpreter)");
        }
        PythonPeer withoutJoblib = null;
        final List<String> rejected = new ArrayList<>();
        for (final String candidate : candidates)
        {
            final Processes.Outcome outcome = Processes.run(List.of(candidate, "-c", PROBE), null, PROBE_TIMEOUT_MS);
            final Map<String, Object> answer = outcome.ok() ? lastJsonLine(outcome.output()) : null;
            if (answer == null || !Boolean.TRUE.equals(answer.get("multiprocessing")))
            {
                rejected.add(candidate + " (" + (outcome.ok() ? "no multiprocessing" : "does not run") + ")");
                continue;
            }
            final PythonPeer peer = new PythonPeer(candidate, String.valueOf(answer.get("version")),
                answer.get("joblib") instanceof String v ? v : null);
            if (peer.hasJoblib())
            {
                return new Detection(peer, peer.describe());
            }
            if (withoutJoblib == null)
            {
                withoutJoblib = peer;
            }
        }
        if (withoutJoblib != null)
        {
            return new Detection(withoutJoblib, withoutJoblib.describe());
        }
        return new Detection(null, "no usable python3: " + String.join(", ", rejected));
    }

    /**
     * @return one line: interpreter, version, and whether joblib is there.
     */
    String describe()
    {
        return "Python " + version + " (" + executable + "): multiprocessing yes, joblib " +
            (hasJoblib() ? joblibVersion : "no (its peers are skipped; e.g. apt-get install python3-joblib)");
    }

    private static List<String> candidates(final Map<String, String> environment)
    {
        final String py = environment.get("PY");
        if (py != null && !py.isBlank())
        {
            return List.of(py);
        }
        final Set<String> found = new LinkedHashSet<>();
        final String path = environment.getOrDefault("PATH", "");
        for (final String dir : path.split(File.pathSeparator))
        {
            if (!dir.isEmpty())
            {
                addIfExecutable(found, Path.of(dir, "python3"));
            }
        }
        addIfExecutable(found, Path.of("/usr/bin/python3"));
        return new ArrayList<>(found);
    }

    private static void addIfExecutable(final Set<String> found, final Path file)
    {
        if (Files.isRegularFile(file) && Files.isExecutable(file))
        {
            found.add(file.toString());
        }
    }

    private static Map<String, Object> lastJsonLine(final String output)
    {
        final String[] lines = output.strip().split("\n");
        try
        {
            return Json.parseObject(lines[lines.length - 1]);
        }
        catch (final IllegalArgumentException ex)
        {
            return null;
        }
    }
}
