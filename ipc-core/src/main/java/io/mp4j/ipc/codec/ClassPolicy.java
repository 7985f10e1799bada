package io.mp4j.ipc.codec;

import java.io.ObjectInputFilter;
import java.util.List;

/**
 * One codec's rule for which classes it creates, from its {@link ObjectInputFilter} (an {@link AllowList} or the
 * user's own). A class passes only when the filter says ALLOWED: UNDECIDED counts as refused, except for primitives
 * and arrays of them. The same rule serves the built-in path (record and enum classes), the serialization fallback
 * (every class in the stream), and encoding, which checks ahead so a put fails in the producer.
 *
 * <p>Threading: thread-safe; the filter is asked once per class for the class-only checks.
 */
final class ClassPolicy
{
    /** Deepest object graph the serialization fallback reads. */
    static final int MAX_GRAPH_DEPTH = 1000;

    /** Arrays up to this length are allowed in any stream; longer ones only up to the stream's length in bytes. */
    static final int MIN_ARRAY_LIMIT = 4096;

    private final ObjectInputFilter filter;
    private final ObjectInputFilter strict;
    private final ClassValue<Boolean> allowed = new ClassValue<>()
    {
        @Override
        protected Boolean computeValue(final Class<?> type)
        {
            final ObjectInputFilter.Status status = strict.checkInput(new ClassInfo(type));
            if (status == ObjectInputFilter.Status.ALLOWED)
            {
                return Boolean.TRUE;
            }
            Class<?> element = type;
            while (element.isArray())
            {
                element = element.getComponentType();
            }
            return element.isPrimitive() && status != ObjectInputFilter.Status.REJECTED;
        }
    };

    ClassPolicy(final ObjectInputFilter filter)
    {
        if (filter == null)
        {
            throw new NullPointerException("filter");
        }
        this.filter = filter;
        this.strict = ObjectInputFilter.rejectUndecidedClass(filter);
    }

    boolean allows(final Class<?> type)
    {
        return allowed.get(type);
    }

    /**
     * @return why one of these classes is refused, or null if all pass.
     */
    String refusal(final List<Class<?>> types)
    {
        for (final Class<?> type : types)
        {
            if (!allows(type))
            {
                return refusal(type.getName());
            }
        }
        return null;
    }

    /**
     * @return "class X is not on the allow-list; allow it with ..." for a refused class.
     */
    String refusal(final String className)
    {
        String element = className;
        while (element.startsWith("["))
        {
            element = element.substring(1);
        }
        if (element.startsWith("L") && element.endsWith(";"))
        {
            element = element.substring(1, element.length() - 1);
        }
        if (!(filter instanceof AllowList))
        {
            return "class " + element + " is refused by the codec's ObjectInputFilter";
        }
        final int dot = element.lastIndexOf('.');
        final String hint = dot > 0 ? " or its package with Codecs.objectsAllowing(\"" +
            element.substring(0, dot + 1) + "\")" : "";
        return "class " + element + " is not on the codec's allow-list; allow it with Codecs.objectsAllowing(\"" +
            element + "\")" + hint;
    }

    /**
     * @return a filter for one serialization stream of {@code lengthBytes} bytes: the class rule plus limits on array
     * lengths and depth, remembering what it refused.
     */
    StreamFilter streamFilter(final int lengthBytes)
    {
        return new StreamFilter(Math.max(MIN_ARRAY_LIMIT, lengthBytes));
    }

    /**
     * The filter of one stream. An array longer than the stream has bytes cannot be genuine, so refusing it keeps a
     * corrupt length from allocating gigabytes.
     */
    final class StreamFilter implements ObjectInputFilter
    {
        private final long maxArrayLength;
        private String refusal;

        private StreamFilter(final long maxArrayLength)
        {
            this.maxArrayLength = maxArrayLength;
        }

        String refusal()
        {
            return refusal;
        }

        @Override
        public Status checkInput(final FilterInfo info)
        {
            if (info.arrayLength() > maxArrayLength)
            {
                refusal = "array longer than the stream allows: arrayLength=" + info.arrayLength() + " max=" +
                    maxArrayLength;
                return Status.REJECTED;
            }
            if (info.depth() > MAX_GRAPH_DEPTH)
            {
                refusal = "object graph deeper than max=" + MAX_GRAPH_DEPTH;
                return Status.REJECTED;
            }
            final Class<?> type = info.serialClass();
            if (type != null)
            {
                if (!allows(type))
                {
                    refusal = ClassPolicy.this.refusal(type.getName());
                    return Status.REJECTED;
                }
                return Status.ALLOWED;
            }
            final Status status = filter.checkInput(info);
            if (status == Status.REJECTED)
            {
                refusal = "the codec's ObjectInputFilter refused the stream: depth=" + info.depth() + " references=" +
                    info.references() + " streamBytes=" + info.streamBytes();
            }
            return status;
        }
    }

    /**
     * A filter question about a class alone.
     */
    private static final class ClassInfo implements ObjectInputFilter.FilterInfo
    {
        private final Class<?> type;

        ClassInfo(final Class<?> type)
        {
            this.type = type;
        }

        @Override
        public Class<?> serialClass()
        {
            return type;
        }

        @Override
        public long arrayLength()
        {
            return -1;
        }

        @Override
        public long depth()
        {
            return 1;
        }

        @Override
        public long references()
        {
            return 1;
        }

        @Override
        public long streamBytes()
        {
            return 0;
        }
    }
}
