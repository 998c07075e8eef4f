/**
 * {@code step3vl doctor}: checks of the installation (Java, the DJL engine and its native library,
 * devices with a tiny matmul on each, plugins, offline settings), each with advice when it fails.
 * Only {@link io.step3vl.cli.doctor.DjlProbe} touches DJL, so loading the doctor command (for help or
 * completion) never loads the engine.
 */
package io.step3vl.cli.doctor;
