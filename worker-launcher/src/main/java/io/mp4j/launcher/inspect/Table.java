package io.mp4j.launcher.inspect;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows of text cells laid out in columns as wide as their widest cell: the first column left-aligned, the others
 * right-aligned unless marked left.
 *
 * <p>Threading: one thread.
 */
public final class Table
{
    private final String indent;
    private final List<String[]> rows = new ArrayList<>();
    private final boolean[] left;

    /**
     * @param indent      what starts every line.
     * @param header      the column titles.
     * @param leftColumns indexes of columns other than the first to align left (text rather than numbers).
     */
    public Table(final String indent, final String[] header, final int... leftColumns)
    {
        this.indent = indent;
        this.left = new boolean[header.length];
        left[0] = true;
        for (final int column : leftColumns)
        {
            left[column] = true;
        }
        rows.add(header);
    }

    /**
     * @param cells one cell per column; the first is indented by two more spaces than the header.
     * @return this.
     */
    public Table row(final String... cells)
    {
        if (cells.length != left.length)
        {
            throw new IllegalArgumentException("cells=" + cells.length + " columns=" + left.length);
        }
        final String[] row = cells.clone();
        row[0] = "  " + row[0];
        rows.add(row);
        return this;
    }

    /**
     * @return true if it has no row but its header.
     */
    public boolean isEmpty()
    {
        return rows.size() == 1;
    }

    /**
     * @return the header and the rows, laid out.
     */
    public List<String> lines()
    {
        final int[] widths = new int[left.length];
        for (final String[] row : rows)
        {
            for (int i = 0; i < row.length; i++)
            {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        final List<String> lines = new ArrayList<>();
        for (final String[] row : rows)
        {
            final StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < row.length; i++)
            {
                if (i > 0)
                {
                    line.append("  ");
                }
                final String pad = " ".repeat(widths[i] - row[i].length());
                line.append(left[i] ? row[i] + (i == row.length - 1 ? "" : pad) : pad + row[i]);
            }
            lines.add(line.toString());
        }
        return lines;
    }
}
