package io.mp4j.bench.suite;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of the report: a title, a header, rows of text cells and notes under it; written as Markdown or as
 * aligned plain text.
 *
 * @param title  its title (a Markdown heading in the report).
 * @param header the column names.
 * @param rows   the rows, each as many cells as the header.
 * @param notes  lines under the table.
 */
record Table(String title, List<String> header, List<List<String>> rows, List<String> notes)
{
    /**
     * Copies the lists and checks the rows' widths.
     */
    Table
    {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        notes = List.copyOf(notes);
        for (final List<String> row : rows)
        {
            if (row.size() != header.size())
            {
                throw new IllegalArgumentException("row of " + row.size() + " cells under " + header.size() +
                    " columns: " + row);
            }
        }
    }

    /**
     * @return the table in Markdown (pipes in cells escaped), its notes as a list under it.
     */
    String markdown()
    {
        final StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", escaped(header))).append(" |\n");
        sb.append("|").append("---|".repeat(header.size())).append('\n');
        for (final List<String> row : rows)
        {
            sb.append("| ").append(String.join(" | ", escaped(row))).append(" |\n");
        }
        if (!notes.isEmpty())
        {
            sb.append('\n');
            notes.forEach(n -> sb.append("- ").append(n).append('\n'));
        }
        return sb.toString();
    }

    /**
     * @return the table as aligned plain text, without Markdown's back-quotes and bold marks.
     */
    String text()
    {
        final int[] widths = new int[header.size()];
        final List<List<String>> all = new ArrayList<>();
        all.add(plain(header));
        rows.forEach(r -> all.add(plain(r)));
        for (final List<String> row : all)
        {
            for (int i = 0; i < row.size(); i++)
            {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        final StringBuilder sb = new StringBuilder();
        for (int r = 0; r < all.size(); r++)
        {
            final List<String> row = all.get(r);
            final StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++)
            {
                line.append(i == 0 ? "" : "  ").append(pad(row.get(i), widths[i]));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
            if (r == 0)
            {
                int total = 0;
                for (final int w : widths)
                {
                    total += w;
                }
                sb.append("-".repeat(total + 2 * (widths.length - 1))).append('\n');
            }
        }
        return sb.toString();
    }

    private static List<String> escaped(final List<String> cells)
    {
        return cells.stream().map(c -> c.replace("|", "\\|")).toList();
    }

    private static List<String> plain(final List<String> cells)
    {
        return cells.stream().map(c -> c.replace("`", "").replace("**", "")).toList();
    }

    private static String pad(final String s, final int width)
    {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
