package io.mp4j.launcher.pool;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether a failed task runs again. A task whose worker died or that timed out is retried up to
 * {@code maxAttempts} attempts in all, alone in its batch, after a backoff that doubles with each attempt; a task
 * that threw is retried only with {@link #alsoOnException()}. A task that keeps killing its workers (a poison task)
 * fails after its last attempt with the last {@link io.mp4j.launcher.WorkerDiedException}.
 *
 * @param maxAttempts attempts in all, at least 1 (1: no retry).
 * @param backoff     wait before the first retry; doubled for each further one.
 * @param onException whether a task that threw is retried too.
 */
public record RetryPolicy(int maxAttempts, Duration backoff, boolean onException)
{
    /**
     * Validates.
     *
     * @param maxAttempts attempts in all, at least 1.
     * @param backoff     wait before the first retry.
     * @param onException whether a task that threw is retried too.
     */
    public RetryPolicy
    {
        if (maxAttempts < 1)
        {
            throw new IllegalArgumentException("maxAttempts must be at least 1: maxAttempts=" + maxAttempts);
        }
        Objects.requireNonNull(backoff, "backoff");
        if (backoff.isNegative())
        {
            throw new IllegalArgumentException("backoff is negative: backoff=" + backoff);
        }
    }

    /**
     * @return no retry: every failure is final.
     */
    public static RetryPolicy none()
    {
        return new RetryPolicy(1, Duration.ZERO, false);
    }

    /**
     * @param maxAttempts attempts in all.
     * @param backoff     wait before the first retry.
     * @return a policy retrying tasks whose worker died or that timed out.
     */
    public static RetryPolicy attempts(final int maxAttempts, final Duration backoff)
    {
        return new RetryPolicy(maxAttempts, backoff, false);
    }

    /**
     * @return a copy that retries tasks that threw too.
     */
    public RetryPolicy alsoOnException()
    {
        return new RetryPolicy(maxAttempts, backoff, true);
    }

    /**
     * @param attemptsMade attempts already made, at least 1.
     * @return the wait before the next attempt.
     */
    public Duration backoffAfter(final int attemptsMade)
    {
        return backoff.multipliedBy(1L << Math.min(20, attemptsMade - 1));
    }
}
