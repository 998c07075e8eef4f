/**
 * Generation: token sampling (greedy, temperature, top-k, top-p, min-p, repetition penalty; seeded),
 * stop conditions and the KV-cached, batched decoding loop on the model's decoder.
 */
package io.step3vl.generate;
