/** Losses over supervised tokens, computed in float32 whatever the activation dtype. */
package io.step3vl.train.loss;
