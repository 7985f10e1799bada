package io.mp4j.bench.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The figures and meta lines of one results file ({@code results.jsonl}): JSON lines in the Python peers' format.
 * A later line with the same {@code id} replaces an earlier one; lines that are not JSON objects are ignored.
 *
 * <p>Not thread-safe.
 */
final class Results
{
    private static final List<String> SIZE_PARAMS = List.of("n", "n_each", "keys", "tasks", "msg_bytes");

    private final Map<String, Figure> figures = new LinkedHashMap<>();
    private final List<Map<String, Object>> meta = new ArrayList<>();

    /**
     * @param file a results file.
     * @return its figures.
     * @throws IOException if it cannot be read.
     */
    static Results read(final Path file) throws IOException
    {
        final Results results = new Results();
        for (final String line : Files.readAllLines(file, StandardCharsets.UTF_8))
        {
            results.add(line);
        }
        return results;
    }

    /**
     * @param line one line; ignored unless it is a JSON object.
     * @return whether it was a JSON object.
     */
    boolean add(final String line)
    {
        final String trimmed = line.strip();
        if (!trimmed.startsWith("{"))
        {
            return false;
        }
        final Map<String, Object> parsed;
        try
        {
            parsed = Json.parseObject(trimmed);
        }
        catch (final IllegalArgumentException ex)
        {
            return false;
        }
        if ("meta".equals(parsed.get("bench")))
        {
            meta.add(parsed);
            return true;
        }
        final Figure figure = Figure.of(parsed);
        if (figure != null)
        {
            figures.remove(figure.id());
            figures.put(figure.id(), figure);
        }
        return true;
    }

    /**
     * @return every figure, in the order of the file.
     */
    Collection<Figure> all()
    {
        return figures.values();
    }

    /**
     * @return the meta lines ({@code "bench": "meta"}), in the order of the file.
     */
    List<Map<String, Object>> meta()
    {
        return meta;
    }

    /**
     * @param id an id.
     * @return the figure with it.
     */
    Optional<Figure> byId(final String id)
    {
        return Optional.ofNullable(figures.get(id));
    }

    /**
     * @param query what to find.
     * @return the matching figure; of several, the one with the largest size parameter ({@code n}, {@code n_each},
     * {@code keys}, {@code tasks}, {@code msg_bytes}, in that order), else the first in the file.
     */
    Optional<Figure> find(final Query query)
    {
        final List<Figure> matches = findAll(query);
        if (matches.size() <= 1)
        {
            return matches.stream().findFirst();
        }
        for (final String size : SIZE_PARAMS)
        {
            final Optional<Figure> largest = matches.stream().filter(f -> !Double.isNaN(f.numericParam(size)))
                .max(Comparator.comparingDouble(f -> f.numericParam(size)));
            if (largest.isPresent())
            {
                return largest;
            }
        }
        return matches.stream().findFirst();
    }

    /**
     * @param query what to find.
     * @return every matching figure, in the order of the file.
     */
    List<Figure> findAll(final Query query)
    {
        return figures.values().stream().filter(query::matches).toList();
    }
}
