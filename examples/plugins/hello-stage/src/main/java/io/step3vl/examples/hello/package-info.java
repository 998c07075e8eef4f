/**
 * An example third-party plugin: one {@code @Extension @Command} class that adds {@code step3vl hello}.
 * Copy this module to start a plugin of your own; see the README section "Writing a plugin".
 */
package io.step3vl.examples.hello;
