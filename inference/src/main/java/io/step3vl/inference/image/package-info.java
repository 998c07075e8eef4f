/**
 * Where images come from: local files, {@code data:} URIs and (when the user names them) http(s)
 * URLs, each read into an {@link io.step3vl.inference.ImageData} with its type sniffed from the
 * bytes and a size cap applied before anything is decoded.
 */
package io.step3vl.inference.image;
