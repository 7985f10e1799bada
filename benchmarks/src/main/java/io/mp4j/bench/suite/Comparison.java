package io.mp4j.bench.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One measure with mp4j's figure and its peers' from the same run: the first mp4j entry is the one every ratio is
 * taken against ({@link Quantity#speedRatio}: above 1, mp4j is faster).
 *
 * @param measure  what is measured, e.g. {@code round trip, 8 B, p50}.
 * @param quantity what kind of value it is.
 * @param unit     the event of a {@link Quantity#RATE}, e.g. {@code msg}.
 * @param entries  mp4j's figures first, then the peers'.
 */
record Comparison(String measure, Quantity quantity, String unit, List<Entry> entries)
{
    /**
     * One implementation's figure.
     *
     * @param label  how the report names it; {@code {n}} is replaced by the figure's {@code n} parameter.
     * @param mp4j   whether it is mp4j's.
     * @param query  which figure.
     * @param toBase the factor from the figure's unit to the quantity's base unit (e.g. 1000 for us to ns).
     * @param target a target of design.md, or null.
     */
    record Entry(String label, boolean mp4j, Query query, double toBase, Target target)
    {
    }

    /**
     * A resolved entry.
     *
     * @param label   its label, {@code {n}} filled in.
     * @param mp4j    whether it is mp4j's.
     * @param value   its value in the base unit, NaN if the run has no such figure.
     * @param ratio   mp4j's speed ratio to it (NaN for mp4j's first entry and for counts).
     * @param target  its target, or null.
     * @param figure  the figure, or null.
     */
    record Row(String label, boolean mp4j, double value, double ratio, Target target, Figure figure)
    {
        /**
         * @return the target and its verdict, or an empty string.
         */
        String verdict()
        {
            return target == null ? "" : target.verdict(value, ratio);
        }
    }

    /**
     * @param measure  what is measured.
     * @param quantity what kind of value it is.
     * @param unit     the event of a rate, e.g. {@code msg}.
     * @return a comparison without entries yet.
     */
    static Comparison of(final String measure, final Quantity quantity, final String unit)
    {
        return new Comparison(measure, quantity, unit, List.of());
    }

    /**
     * @param label  how the report names it.
     * @param query  which figure.
     * @param toBase the factor to the base unit.
     * @param target a target, or null.
     * @return a copy with one more mp4j entry.
     */
    Comparison mp4j(final String label, final Query query, final double toBase, final Target target)
    {
        return with(new Entry(label, true, query, toBase, target));
    }

    /**
     * @param label  how the report names it.
     * @param query  which figure.
     * @param toBase the factor to the base unit.
     * @param target a target on mp4j's ratio to it, or null.
     * @return a copy with one more peer entry.
     */
    Comparison peer(final String label, final Query query, final double toBase, final Target target)
    {
        return with(new Entry(label, false, query, toBase, target));
    }

    /**
     * @param label how the report names it.
     * @param query which figure.
     * @param toBase the factor to the base unit.
     * @return a copy with one more peer entry, without target.
     */
    Comparison peer(final String label, final Query query, final double toBase)
    {
        return peer(label, query, toBase, null);
    }

    /**
     * @param results a run's figures.
     * @return the rows: mp4j's first entry always (n/a if missing), the others when the run has them.
     */
    List<Row> rows(final Results results)
    {
        final List<Row> rows = new ArrayList<>();
        double primary = Double.NaN;
        for (int i = 0; i < entries.size(); i++)
        {
            final Entry e = entries.get(i);
            final Optional<Figure> figure = results.find(e.query());
            if (figure.isEmpty() && i > 0)
            {
                continue;
            }
            final double value = figure.map(f -> f.value() * e.toBase()).orElse(Double.NaN);
            if (i == 0)
            {
                primary = value;
            }
            final double ratio = i == 0 ? Double.NaN : quantity.speedRatio(primary, value);
            rows.add(new Row(label(e.label(), figure.orElse(null)), e.mp4j(), value, ratio, e.target(),
                figure.orElse(null)));
        }
        return rows;
    }

    /**
     * @param results a run's figures.
     * @return whether the run has mp4j's first figure.
     */
    boolean presentIn(final Results results)
    {
        return !entries.isEmpty() && results.find(entries.get(0).query()).isPresent();
    }

    private Comparison with(final Entry entry)
    {
        final List<Entry> more = new ArrayList<>(entries);
        more.add(entry);
        return new Comparison(measure, quantity, unit, List.copyOf(more));
    }

    private static String label(final String label, final Figure figure)
    {
        if (!label.contains("{n}"))
        {
            return label;
        }
        final double n = figure == null ? Double.NaN : figure.numericParam("n");
        return label.replace("{n}", Double.isNaN(n) ? "?" : String.format(Locale.ROOT, "%,d", (long)n));
    }
}
