package io.mp4j.ipc.testkit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Fails a test that leaves behind child processes, non-daemon threads or region files, and hands test methods a
 * fresh {@link io.mp4j.ipc.Space} as a parameter. See {@link NoLeaksExtension}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(NoLeaksExtension.class)
public @interface NoLeaks
{
}
