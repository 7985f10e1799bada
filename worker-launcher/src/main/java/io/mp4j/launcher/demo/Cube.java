package io.mp4j.launcher.demo;

/**
 * A result of the queue demo: which worker cubed which number.
 *
 * @param worker the worker's index.
 * @param x      the number.
 * @param cube   its cube.
 */
public record Cube(int worker, long x, long cube)
{
}
